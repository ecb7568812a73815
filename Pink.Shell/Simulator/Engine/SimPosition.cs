namespace Pink.Shell.Simulator.Engine;

/// <summary>
/// A position (mutable; under the exchange lock). Hedge mode: one per symbol and side (LONG, SHORT). One-way mode: one
/// net position per symbol, side BOTH, whose direction is <see cref="Sign"/>. <see cref="Qty"/> is its size either way.
/// </summary>
internal sealed class SimPosition
{
    public required long Id { get; init; }
    public required string Symbol { get; init; }
    public required string Side { get; init; }
    /// <summary>+1 long, −1 short: fixed by the side in hedge mode; a one-way position takes the way of the fill that opens it from flat.</summary>
    public required int Sign { get; set; }
    public decimal Qty { get; set; }
    public decimal EntryPrice { get; set; }
    public decimal Margin { get; set; }
    public int Leverage { get; set; }
    /// <summary>Realized PnL minus fees over the position's life, as BingX's realisedProfit / `cr`.</summary>
    public decimal Realised { get; set; }
    public long UpdateTime { get; set; }

    /// <summary>What `pa` and positionAmt carry: the unsigned size in hedge mode, the signed size in one-way mode.</summary>
    public decimal WireQty => Side == "BOTH" ? Sign * Qty : Qty;

    public decimal Unrealized(decimal mark) => Qty == 0 || mark <= 0 ? 0 : Math.Round(Sign * Qty * (mark - EntryPrice), 8);

    public SimPositionView View(decimal mark) => new(Id, Symbol, Side, WireQty, EntryPrice, Leverage, Margin, Unrealized(mark), Realised);
}

/// <summary>
/// One income record (REALIZED_PNL or, for forced closes, INSURANCE_CLEAR / ADL; TRADING_FEE; FUNDING_FEE), signed as
/// BingX reports it (fees and payments negative); <see cref="TranId"/> is unique across all records.
/// </summary>
internal sealed record SimIncome(string Symbol, string Type, decimal Income, string Asset, string Info, long Time, string TranId, string TradeId);
