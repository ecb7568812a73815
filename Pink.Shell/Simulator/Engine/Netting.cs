namespace Pink.Shell.Simulator.Engine;

/// <summary>
/// Which part of an order's quantity closes a position and which part opens one. In hedge mode the sides say it
/// (BUY LONG and SELL SHORT open, the others close). In one-way mode (positionSide BOTH) there is one signed net
/// position per symbol: a fill against its direction closes up to its size and opens the rest the other way.
/// </summary>
internal static class Netting
{
    /// <summary>+1 for BUY, −1 for SELL: which way a fill moves the net position.</summary>
    public static int Direction(string side) => side == "BUY" ? 1 : -1;

    /// <summary>How much of the symbol's one-way position an order on <paramref name="side"/> reduces at most: its size when it points the other way.</summary>
    public static decimal Reducible(SimBook book, string symbol, string side) =>
        book.Positions.TryGetValue((symbol, "BOTH"), out var p) && p.Qty > 0 && p.Sign != Direction(side) ? p.Qty : 0m;

    /// <summary>A fill of <paramref name="qty"/> split into the part that closes <paramref name="position"/> and the part that opens.</summary>
    public static (decimal Closing, decimal Opening) Split(SimOrder order, SimPosition position, decimal qty)
    {
        if (order.PositionSide != "BOTH") return order.IsOpening ? (0m, qty) : (qty, 0m);
        var closing = position.Qty > 0 && position.Sign != Direction(order.Side) ? Math.Min(qty, position.Qty) : 0m;
        return (closing, qty - closing);
    }

    /// <summary>What a resting order can fill now: a hedge close, or a one-way reduce-only order, no more than the position it reduces.</summary>
    public static decimal Fillable(SimBook book, SimOrder order)
    {
        if (order.PositionSide == "BOTH")
            return order.ReduceOnly ? Math.Min(order.Remaining, Reducible(book, order.Symbol, order.Side)) : order.Remaining;
        return order.IsOpening ? order.Remaining : Math.Min(order.Remaining, book.Position(order.Symbol, order.PositionSide).Qty);
    }

    /// <summary>The part of a live order's remainder that would open a position (what its frozen margin covers).</summary>
    public static decimal OpeningRemainder(SimBook book, SimOrder order)
    {
        if (order.PositionSide == "BOTH")
            return order.ReduceOnly ? 0m : Math.Max(0m, order.Remaining - Reducible(book, order.Symbol, order.Side));
        return order.IsOpening ? order.Remaining : 0m;
    }
}
