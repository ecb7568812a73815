namespace Pink.Shell.Simulator.Engine;

/// <summary>
/// The conditional order types the venue holds until the mark crosses their stopPrice (BingX v2 doc, "Trade order"):
/// STOP_MARKET triggers a BUY when mark ≥ stop and a SELL when mark ≤ stop; TAKE_PROFIT_MARKET the other way round.
/// A triggered order fills as a MARKET order at the mark.
/// </summary>
internal static class StopTypes
{
    public const string Stop = "STOP_MARKET";
    public const string TakeProfit = "TAKE_PROFIT_MARKET";

    public static bool IsStop(string type) => type is Stop or TakeProfit;

    public static bool Crossed(SimOrder order, decimal mark)
    {
        if (order.StopPrice is not decimal stop || mark <= 0) return false;
        var buy = order.Side == "BUY";
        return order.Type == Stop ? (buy ? mark >= stop : mark <= stop) : (buy ? mark <= stop : mark >= stop);
    }
}
