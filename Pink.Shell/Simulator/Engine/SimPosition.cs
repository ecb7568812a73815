namespace Pink.Shell.Simulator.Engine;

/// <summary>A hedge-mode position: one per symbol and side; quantity unsigned (mutable; under the exchange lock).</summary>
internal sealed class SimPosition
{
    public required long Id { get; init; }
    public required string Symbol { get; init; }
    public required string Side { get; init; }
    public decimal Qty { get; set; }
    public decimal EntryPrice { get; set; }
    public decimal Margin { get; set; }
    public int Leverage { get; set; }
    /// <summary>Realized PnL minus fees over the position's life, as BingX's realisedProfit / `cr`.</summary>
    public decimal Realised { get; set; }
    public long UpdateTime { get; set; }

    public int Sign => Side == "LONG" ? 1 : -1;

    public decimal Unrealized(decimal mark) => Qty == 0 || mark <= 0 ? 0 : Math.Round(Sign * Qty * (mark - EntryPrice), 8);

    public SimPositionView View(decimal mark) => new(Id, Symbol, Side, Qty, EntryPrice, Leverage, Margin, Unrealized(mark), Realised);
}

/// <summary>One income record (REALIZED_PNL, TRADING_FEE), signed as BingX reports it.</summary>
internal sealed record SimIncome(string Symbol, string Type, decimal Income, string Asset, string Info, long Time, string TranId, string TradeId);
