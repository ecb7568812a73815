namespace Pink.Shell.Simulator;

/// <summary>The simulated wallet (what BingX would report).</summary>
/// <param name="WalletBalance">Deposits + realized PnL − fees + funding.</param>
/// <param name="UnrealizedPnl">Of all positions at their marks.</param>
/// <param name="UsedMargin">Isolated margin held by positions.</param>
/// <param name="FrozenMargin">Margin reserved by resting orders.</param>
/// <param name="RealizedPnl">All realized PnL booked so far (gross of fees).</param>
/// <param name="FeesPaid">All fees paid so far (positive = paid).</param>
/// <param name="Funding">All funding settled so far, signed as the wallet moved (negative = paid).</param>
public sealed record SimAccountView(decimal WalletBalance, decimal UnrealizedPnl, decimal UsedMargin, decimal FrozenMargin,
    decimal RealizedPnl, decimal FeesPaid, decimal Funding = 0m)
{
    /// <summary>Wallet + unrealized.</summary>
    public decimal Equity => WalletBalance + UnrealizedPnl;

    /// <summary>What may still be committed.</summary>
    public decimal AvailableMargin => WalletBalance - UsedMargin - FrozenMargin + Math.Min(0, UnrealizedPnl);
}

/// <summary>
/// One simulated position: in hedge mode one per symbol and side, Qty unsigned; in one-way mode one per symbol, Side
/// BOTH, Qty signed (negative is short) — as the venue reports them.
/// </summary>
public sealed record SimPositionView(long PositionId, string Symbol, string Side, decimal Qty, decimal EntryPrice, int Leverage,
    decimal Margin, decimal UnrealizedPnl, decimal RealisedProfit);

/// <summary>One fill of an order as the venue booked it.</summary>
/// <param name="Qty">Incremental quantity.</param>
/// <param name="Price">True fill price.</param>
/// <param name="Fee">Fee paid (positive).</param>
/// <param name="RealizedPnl">`rp` of this fill (gross of the fee).</param>
/// <param name="TimeMs">Venue time.</param>
/// <param name="TradeId">Venue trade id.</param>
public sealed record SimFillView(decimal Qty, decimal Price, decimal Fee, decimal RealizedPnl, long TimeMs, long TradeId);

/// <summary>One order as the venue holds it.</summary>
/// <param name="StopPrice">The trigger of a STOP_MARKET / TAKE_PROFIT_MARKET order; null for others.</param>
public sealed record SimOrderView(long OrderId, string ClientOrderId, string Symbol, string Side, string PositionSide, string Type,
    decimal Quantity, decimal? Price, string Status, decimal ExecutedQty, decimal AvgPrice, decimal RealizedPnl, decimal FeesPaid,
    IReadOnlyList<SimFillView> Fills, decimal? StopPrice = null);

/// <summary>One income record as the venue booked it (what REST income answers).</summary>
/// <param name="Type">REALIZED_PNL, TRADING_FEE, FUNDING_FEE, INSURANCE_CLEAR, ADL, …</param>
/// <param name="Income">Signed as the wallet moved (a fee is negative).</param>
/// <param name="TradeId">The venue trade id of the fill it belongs to; empty for funding.</param>
public sealed record SimIncomeView(string Symbol, string Type, decimal Income, string Info, long TimeMs, string TranId, string TradeId);
