namespace Pink.Core;

/// <summary>
/// Everything the kernel can be told. A closed set: the shell turns raw exchange messages and the policy's
/// intents into these, and <see cref="Kernel.Apply"/> folds them. Every event carries the time the world gave it
/// (exchange time, or the receive time the shell stamped); the kernel has no clock of its own.
/// </summary>
public abstract record KernelEvent(long TimeMs);

/// <summary>The policy asks to open a trade in a slot.</summary>
/// <param name="Slot">Slot index, 0..N-1.</param>
/// <param name="Symbol">Instrument, either spelling.</param>
/// <param name="Side">LONG or SHORT.</param>
/// <param name="Qty">Exchange quantity in coin units (not notional, not leveraged).</param>
/// <param name="ExchangeLeverage">The leverage set at the exchange; it never enters PnL.</param>
/// <param name="ClientOrderId">Client order id of the entry order; unique.</param>
/// <param name="TradeId">Trade id; derived from the client order id when absent.</param>
/// <param name="TimeMs">When the intent was taken.</param>
public sealed record OpenIntent(int Slot, string Symbol, PositionSide Side, decimal Qty, int ExchangeLeverage,
    string ClientOrderId, string? TradeId, long TimeMs) : KernelEvent(TimeMs);

/// <summary>The policy asks to close the trade of a slot. An exit is never skipped (rule 16).</summary>
public sealed record CloseIntent(int Slot, string ClientOrderId, long TimeMs) : KernelEvent(TimeMs);

/// <summary>The venue accepted an order: binds a client order id to the venue's order id.</summary>
public sealed record OrderAcknowledged(string ClientOrderId, long VenueOrderId, long TimeMs) : KernelEvent(TimeMs);

/// <summary>The venue refused an order.</summary>
public sealed record OrderRejected(string? ClientOrderId, long? VenueOrderId, string Reason, long TimeMs) : KernelEvent(TimeMs);

/// <summary>The venue cancelled or expired an order (any unfilled remainder is gone).</summary>
public sealed record OrderCancelled(string? ClientOrderId, long? VenueOrderId, string Reason, long TimeMs) : KernelEvent(TimeMs);

/// <summary>What the exchange reports it settled for one fill: realized PnL (`rp`) and the fee paid.</summary>
/// <param name="RealizedPnl">Exchange realized PnL for the fill, when reported.</param>
/// <param name="Fee">Fee paid, already normalised at the boundary: ≥ 0 paid, &lt; 0 rebate (rule 20).</param>
/// <param name="Provisional">The figures may cover only part of the fill: a stream frame carries its own fill's rp and
/// fee, while the fill (an increase of the cumulative quantity) may span fills whose frames were lost. A disagreement
/// with the kernel's estimate is then confirmed with the venue's cumulative figures for the order (a
/// <see cref="QueryOrder"/>, PNL_UNCONFIRMED) before it is an error.</param>
public sealed record ExchangeSettlement(decimal? RealizedPnl, decimal Fee, bool Provisional = false);

/// <summary>One fill (leg): an incremental quantity at a true price, or 0.0 when the price is unknown (rule 4).</summary>
/// <param name="VenueOrderId">The venue's order id, when known.</param>
/// <param name="ClientOrderId">Our client order id, when the venue echoed it.</param>
/// <param name="Symbol">Instrument.</param>
/// <param name="Side">BUY or SELL.</param>
/// <param name="Qty">Incremental quantity of this fill (never cumulative).</param>
/// <param name="Price">True fill price, or 0.0 for unknown. Never an order's nominal or protective price.</param>
/// <param name="TimeMs">Exchange time.</param>
/// <param name="Id">Exchange identity for de-duplication (rule 14), e.g. order id + cumulative quantity.</param>
/// <param name="CumQty">The venue's cumulative filled quantity after this fill, when reported.</param>
/// <param name="CumAvgPrice">The venue's cumulative average fill price after this fill, when reported.</param>
/// <param name="Settlement">The exchange's own settlement of this fill, when it came with it.</param>
/// <param name="PositionSide">The position the fill belongs to (hedge mode `ps` LONG/SHORT); null in one-way mode or when not sent.</param>
public sealed record Fill(long? VenueOrderId, string? ClientOrderId, string Symbol, OrderSide Side, decimal Qty, decimal Price,
    long TimeMs, string? Id = null, decimal? CumQty = null, decimal? CumAvgPrice = null, ExchangeSettlement? Settlement = null,
    PositionSide? PositionSide = null)
    : KernelEvent(TimeMs);

/// <summary>The exchange settled a fill of an order after the fact (e.g. from REST income): `rp` and fee.</summary>
public sealed record FillSettled(string Id, long VenueOrderId, decimal? RealizedPnl, decimal Fee, long TimeMs) : KernelEvent(TimeMs);

/// <summary>A mark price. Moves unrealized PnL only; never becomes an entry basis (rule 2).</summary>
public sealed record MarkPrice(string Symbol, decimal Price, long TimeMs) : KernelEvent(TimeMs);

/// <summary>Why the wallet balance in a report moved, as the exchange says.</summary>
public enum BalanceReason
{
    /// <summary>A trade (fill) moved it: the K-ledger must agree.</summary>
    Order,
    /// <summary>A periodic or start-up balance poll: the K-ledger must agree.</summary>
    Poll,
    /// <summary>Money moved in or out (deposit, withdrawal, transfer): explained, booked as external flow.</summary>
    Transfer,
    /// <summary>Funding: explained, booked as external flow.</summary>
    Funding,
}

/// <summary>A balance-bearing exchange report: the anchor of published capital (rule 9).</summary>
/// <param name="Id">Exchange identity for de-duplication.</param>
/// <param name="WalletBalance">Wallet balance as the exchange reports it.</param>
/// <param name="AvailableMargin">Available margin, when reported (null when not).</param>
/// <param name="Reason">Why it moved.</param>
/// <param name="TimeMs">Exchange time.</param>
/// <param name="Positions">
/// The positions the exchange reports in the same message, after the change (ACCOUNT_UPDATE <c>a.P</c>): they tell
/// which fills the wallet balance already contains. Null when the report carries none (a REST balance poll).
/// </param>
/// <param name="BalanceChange">The exchange's own figure for the change of this event outside trading (<c>bc</c>), when sent.</param>
public sealed record BalanceReport(string Id, decimal WalletBalance, decimal? AvailableMargin, BalanceReason Reason, long TimeMs,
    IReadOnlyList<ExchangePosition>? Positions = null, decimal? BalanceChange = null)
    : KernelEvent(TimeMs);

/// <summary>One position as the exchange reports it (quantity unsigned; direction from the side).</summary>
/// <param name="Symbol">Instrument.</param>
/// <param name="Side">Direction (in one-way mode: the sign of the net position; LONG when flat).</param>
/// <param name="Qty">Quantity, unsigned.</param>
/// <param name="EntryPrice">The exchange's entry price.</param>
/// <param name="Leverage">Exchange leverage.</param>
/// <param name="OneWay">True when the exchange holds one net position for the instrument (positionSide BOTH).</param>
public sealed record ExchangePosition(string Symbol, PositionSide Side, decimal Qty, decimal EntryPrice, int Leverage, bool OneWay = false);

/// <summary>All positions the exchange holds (start-up and reconciliation). Unknown ones are adopted.</summary>
public sealed record PositionsReport(string Id, IReadOnlyList<ExchangePosition> Positions, long TimeMs) : KernelEvent(TimeMs);

/// <summary>
/// The venue reported an order's state without the figures that would tell its fills (e.g. FILLED with no cumulative
/// quantity): the kernel asks the shell to query the order (<see cref="QueryOrder"/>) instead of guessing.
/// </summary>
public sealed record OrderUnclear(long? VenueOrderId, string? ClientOrderId, string Symbol, string Detail, long TimeMs) : KernelEvent(TimeMs);

/// <summary>The venue answered with an error (a REST error envelope, a refused stream subscription): not malformed input.</summary>
/// <param name="Source">Where it came from, e.g. <c>GET /openApi/swap/v2/user/balance</c> or <c>bingx.ws</c>.</param>
/// <param name="Code">The venue's error code.</param>
/// <param name="Message">The venue's message.</param>
/// <param name="TimeMs">Receive time.</param>
public sealed record VenueError(string Source, long Code, string Message, long TimeMs) : KernelEvent(TimeMs);

/// <summary>What an income record is (BingX incomeType).</summary>
public enum IncomeKind
{
    /// <summary>REALIZED_PNL (also ADL and INSURANCE_CLEAR settlements of a forced close).</summary>
    RealizedPnl,
    /// <summary>TRADING_FEE, signed as the exchange reports it (negative = paid).</summary>
    TradingFee,
    /// <summary>FUNDING_FEE, signed (negative = paid).</summary>
    FundingFee,
    /// <summary>Anything else (TRANSFER, TRIAL_FUND, ...): not a trade's.</summary>
    Other,
}

/// <summary>
/// One record of the exchange's income history (GET user/income). The wallet already moved by it (the stream's
/// account updates carried it): it is attributed to the trade it belongs to as a check and a repair, never booked again.
/// </summary>
/// <param name="TranId">The exchange's identity of the record (de-duplication).</param>
/// <param name="Symbol">Instrument.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Amount">Signed as the exchange reports it.</param>
/// <param name="TimeMs">Exchange time of the record.</param>
public sealed record IncomeRecord(string TranId, string Symbol, IncomeKind Kind, decimal Amount, long TimeMs) : KernelEvent(TimeMs);

/// <summary>
/// The income history is complete up to <paramref name="UpToMs"/> (a query's window ended): every trade closed by then
/// is compared with the income records attributed to it.
/// </summary>
public sealed record IncomeComplete(long UpToMs, long TimeMs) : KernelEvent(TimeMs);

/// <summary>What the venue states about an instrument's orders (its contract specification); see <see cref="Instrument"/>.</summary>
public sealed record InstrumentSpec(string Symbol, decimal QtyStep, decimal PriceStep, decimal MinQty, long TimeMs) : KernelEvent(TimeMs);

/// <summary>The boundary could not read an input; the kernel records the diagnostic and changes nothing.</summary>
public sealed record InputRejected(string Source, string Detail, long TimeMs) : KernelEvent(TimeMs);
