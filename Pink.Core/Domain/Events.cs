using System.Diagnostics.CodeAnalysis;

namespace Pink.Core;

/// <summary>
/// Everything the kernel can be told. A closed set: the shell turns raw exchange messages and the policy's
/// intents into these, and <see cref="Kernel.Apply"/> folds them. Every event carries the time the world gave it
/// (exchange time, or the receive time the shell stamped); the kernel has no clock of its own.
/// <para>
/// Closed for real: a host builds these sealed records but cannot invent a kind of its own (the constructor is private
/// protected, and so is a member every kind implements — a record's copy constructor alone would still let one in).
/// </para>
/// </summary>
public abstract record KernelEvent
{
    /// <summary>An event whose members are set by name.</summary>
    private protected KernelEvent() { }

    /// <summary>An event at <paramref name="TimeMs"/>.</summary>
    [SetsRequiredMembers]
    private protected KernelEvent(long TimeMs) => this.TimeMs = TimeMs;

    /// <summary>The time the world gave the event (exchange time, or the receive time the shell stamped), epoch ms.</summary>
    public required long TimeMs { get; init; }

    /// <summary>Closes the set: implemented by every kind in Pink.Core, and by no type outside it.</summary>
    private protected abstract void Closed();
}

/// <summary>The policy asks to open a trade in a slot.</summary>
public sealed record OpenIntent : KernelEvent
{
    /// <summary>Every member is set by name (an object initializer): no value can land in the wrong place.</summary>
    public OpenIntent() { }

    /// <summary>Positional, for Pink itself (readers, tests); a host names every member.</summary>
    [SetsRequiredMembers]
    internal OpenIntent(int Slot, string Symbol, PositionSide Side, decimal Qty, int ExchangeLeverage,
        string ClientOrderId, string? TradeId, long TimeMs) : base(TimeMs)
    {
        this.Slot = Slot;
        this.Symbol = Symbol;
        this.Side = Side;
        this.Qty = Qty;
        this.ExchangeLeverage = ExchangeLeverage;
        this.ClientOrderId = ClientOrderId;
        this.TradeId = TradeId;
    }

    /// <summary>Slot index, 0..N-1.</summary>
    public required int Slot { get; init; }
    /// <summary>Instrument, either spelling.</summary>
    public required string Symbol { get; init; }
    /// <summary>LONG or SHORT.</summary>
    public required PositionSide Side { get; init; }
    /// <summary>Exchange quantity in coin units (not notional, not leveraged).</summary>
    public required decimal Qty { get; init; }
    /// <summary>The leverage set at the exchange; it never enters PnL.</summary>
    public required int ExchangeLeverage { get; init; }
    /// <summary>Client order id of the entry order; unique.</summary>
    public required string ClientOrderId { get; init; }
    /// <summary>Trade id; derived from the client order id when absent.</summary>
    public required string? TradeId { get; init; }

    private protected override void Closed() { }
}

/// <summary>The policy asks to close the trade of a slot. An exit is never skipped (rule 16).</summary>
public sealed record CloseIntent : KernelEvent
{
    /// <summary>Every member is set by name (an object initializer): no value can land in the wrong place.</summary>
    public CloseIntent() { }

    /// <summary>Positional, for Pink itself (readers, tests); a host names every member.</summary>
    [SetsRequiredMembers]
    internal CloseIntent(int Slot, string ClientOrderId, long TimeMs) : base(TimeMs)
    {
        this.Slot = Slot;
        this.ClientOrderId = ClientOrderId;
    }

    /// <summary>Slot index, 0..N-1.</summary>
    public required int Slot { get; init; }
    /// <summary>Client order id of the exit order; unique.</summary>
    public required string ClientOrderId { get; init; }

    private protected override void Closed() { }
}

/// <summary>The venue accepted an order: binds a client order id to the venue's order id.</summary>
public sealed record OrderAcknowledged : KernelEvent
{
    /// <summary>Every member is set by name (an object initializer): no value can land in the wrong place.</summary>
    public OrderAcknowledged() { }

    /// <summary>Positional, for Pink itself (readers, tests); a host names every member.</summary>
    [SetsRequiredMembers]
    internal OrderAcknowledged(string ClientOrderId, long VenueOrderId, long TimeMs) : base(TimeMs)
    {
        this.ClientOrderId = ClientOrderId;
        this.VenueOrderId = VenueOrderId;
    }

    /// <summary>Our client order id.</summary>
    public required string ClientOrderId { get; init; }
    /// <summary>The venue's order id for it.</summary>
    public required long VenueOrderId { get; init; }

    private protected override void Closed() { }
}

/// <summary>The venue refused an order.</summary>
public sealed record OrderRejected : KernelEvent
{
    /// <summary>Every member is set by name (an object initializer): no value can land in the wrong place.</summary>
    public OrderRejected() { }

    /// <summary>Positional, for Pink itself (readers, tests); a host names every member.</summary>
    [SetsRequiredMembers]
    internal OrderRejected(string? ClientOrderId, long? VenueOrderId, string Reason, long TimeMs) : base(TimeMs)
    {
        this.ClientOrderId = ClientOrderId;
        this.VenueOrderId = VenueOrderId;
        this.Reason = Reason;
    }

    /// <summary>Our client order id, when known.</summary>
    public required string? ClientOrderId { get; init; }
    /// <summary>The venue's order id, when known.</summary>
    public required long? VenueOrderId { get; init; }
    /// <summary>The venue's reason.</summary>
    public required string Reason { get; init; }

    private protected override void Closed() { }
}

/// <summary>The venue cancelled or expired an order (any unfilled remainder is gone).</summary>
public sealed record OrderCancelled : KernelEvent
{
    /// <summary>Every member is set by name (an object initializer): no value can land in the wrong place.</summary>
    public OrderCancelled() { }

    /// <summary>Positional, for Pink itself (readers, tests); a host names every member.</summary>
    [SetsRequiredMembers]
    internal OrderCancelled(string? ClientOrderId, long? VenueOrderId, string Reason, long TimeMs) : base(TimeMs)
    {
        this.ClientOrderId = ClientOrderId;
        this.VenueOrderId = VenueOrderId;
        this.Reason = Reason;
    }

    /// <summary>Our client order id, when known.</summary>
    public required string? ClientOrderId { get; init; }
    /// <summary>The venue's order id, when known.</summary>
    public required long? VenueOrderId { get; init; }
    /// <summary>The venue's reason (e.g. CANCELED, EXPIRED).</summary>
    public required string Reason { get; init; }

    private protected override void Closed() { }
}

/// <summary>What the exchange reports it settled for one fill: realized PnL (`rp`) and the fee paid.</summary>
public sealed record ExchangeSettlement
{
    /// <summary>Every member is set by name (an object initializer): no value can land in the wrong place.</summary>
    public ExchangeSettlement() { }

    /// <summary>Positional, for Pink itself (readers, tests); a host names every member.</summary>
    [SetsRequiredMembers]
    internal ExchangeSettlement(decimal? RealizedPnl, decimal Fee, bool Provisional = false)
    {
        this.RealizedPnl = RealizedPnl;
        this.Fee = Fee;
        this.Provisional = Provisional;
    }

    /// <summary>Exchange realized PnL for the fill, when reported.</summary>
    public required decimal? RealizedPnl { get; init; }
    /// <summary>Fee paid, already normalised at the boundary: ≥ 0 paid, &lt; 0 rebate (rule 20).</summary>
    public required decimal Fee { get; init; }
    /// <summary>
    /// The figures may cover only part of the fill: a stream frame carries its own fill's rp and fee, while the fill (an
    /// increase of the cumulative quantity) may span fills whose frames were lost. A disagreement with the kernel's
    /// estimate is then confirmed with the venue's cumulative figures for the order (a <see cref="QueryOrder"/>,
    /// PNL_UNCONFIRMED) before it is an error.
    /// </summary>
    public bool Provisional { get; init; }
}

/// <summary>One fill (leg): an incremental quantity at a true price, or 0.0 when the price is unknown (rule 4).</summary>
public sealed record Fill : KernelEvent
{
    /// <summary>Every member is set by name (an object initializer): no value can land in the wrong place.</summary>
    public Fill() { }

    /// <summary>Positional, for Pink itself (readers, tests); a host names every member.</summary>
    [SetsRequiredMembers]
    internal Fill(long? VenueOrderId, string? ClientOrderId, string Symbol, OrderSide Side, decimal Qty,
        decimal Price, long TimeMs, string? Id = null, decimal? CumQty = null, decimal? CumAvgPrice = null,
        ExchangeSettlement? Settlement = null, PositionSide? PositionSide = null) : base(TimeMs)
    {
        this.VenueOrderId = VenueOrderId;
        this.ClientOrderId = ClientOrderId;
        this.Symbol = Symbol;
        this.Side = Side;
        this.Qty = Qty;
        this.Price = Price;
        this.Id = Id;
        this.CumQty = CumQty;
        this.CumAvgPrice = CumAvgPrice;
        this.Settlement = Settlement;
        this.PositionSide = PositionSide;
    }

    /// <summary>The venue's order id, when known.</summary>
    public required long? VenueOrderId { get; init; }
    /// <summary>Our client order id, when the venue echoed it.</summary>
    public required string? ClientOrderId { get; init; }
    /// <summary>Instrument.</summary>
    public required string Symbol { get; init; }
    /// <summary>BUY or SELL.</summary>
    public required OrderSide Side { get; init; }
    /// <summary>Incremental quantity of this fill (never cumulative).</summary>
    public required decimal Qty { get; init; }
    /// <summary>True fill price, or 0.0 for unknown. Never an order's nominal or protective price.</summary>
    public required decimal Price { get; init; }
    /// <summary>Exchange identity for de-duplication (rule 14), e.g. order id + cumulative quantity.</summary>
    public string? Id { get; init; }
    /// <summary>The venue's cumulative filled quantity after this fill, when reported.</summary>
    public decimal? CumQty { get; init; }
    /// <summary>The venue's cumulative average fill price after this fill, when reported.</summary>
    public decimal? CumAvgPrice { get; init; }
    /// <summary>The exchange's own settlement of this fill, when it came with it.</summary>
    public ExchangeSettlement? Settlement { get; init; }
    /// <summary>The position the fill belongs to (hedge mode `ps` LONG/SHORT); null in one-way mode or when not sent.</summary>
    public PositionSide? PositionSide { get; init; }

    private protected override void Closed() { }
}

/// <summary>The exchange settled a fill of an order after the fact (e.g. from REST income): `rp` and fee.</summary>
public sealed record FillSettled : KernelEvent
{
    /// <summary>Every member is set by name (an object initializer): no value can land in the wrong place.</summary>
    public FillSettled() { }

    /// <summary>Positional, for Pink itself (readers, tests); a host names every member.</summary>
    [SetsRequiredMembers]
    internal FillSettled(string Id, long VenueOrderId, decimal? RealizedPnl, decimal Fee, long TimeMs) : base(TimeMs)
    {
        this.Id = Id;
        this.VenueOrderId = VenueOrderId;
        this.RealizedPnl = RealizedPnl;
        this.Fee = Fee;
    }

    /// <summary>The fill's exchange identity (as in <see cref="Fill.Id"/>).</summary>
    public required string Id { get; init; }
    /// <summary>The venue's order id.</summary>
    public required long VenueOrderId { get; init; }
    /// <summary>Exchange realized PnL (`rp`), when reported.</summary>
    public required decimal? RealizedPnl { get; init; }
    /// <summary>Fee paid, normalised at the boundary: ≥ 0 paid, &lt; 0 rebate (rule 20).</summary>
    public required decimal Fee { get; init; }

    private protected override void Closed() { }
}

/// <summary>A mark price. Moves unrealized PnL only; never becomes an entry basis (rule 2).</summary>
public sealed record MarkPrice : KernelEvent
{
    /// <summary>Every member is set by name (an object initializer): no value can land in the wrong place.</summary>
    public MarkPrice() { }

    /// <summary>Positional, for Pink itself (readers, tests); a host names every member.</summary>
    [SetsRequiredMembers]
    internal MarkPrice(string Symbol, decimal Price, long TimeMs) : base(TimeMs)
    {
        this.Symbol = Symbol;
        this.Price = Price;
    }

    /// <summary>Instrument.</summary>
    public required string Symbol { get; init; }
    /// <summary>The mark price.</summary>
    public required decimal Price { get; init; }

    private protected override void Closed() { }
}

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
public sealed record BalanceReport : KernelEvent
{
    /// <summary>Every member is set by name (an object initializer): no value can land in the wrong place.</summary>
    public BalanceReport() { }

    /// <summary>Positional, for Pink itself (readers, tests); a host names every member.</summary>
    [SetsRequiredMembers]
    internal BalanceReport(string Id, decimal WalletBalance, decimal? AvailableMargin, BalanceReason Reason,
        long TimeMs, IReadOnlyList<ExchangePosition>? Positions = null, decimal? BalanceChange = null) : base(TimeMs)
    {
        this.Id = Id;
        this.WalletBalance = WalletBalance;
        this.AvailableMargin = AvailableMargin;
        this.Reason = Reason;
        this.Positions = Positions;
        this.BalanceChange = BalanceChange;
    }

    /// <summary>Exchange identity for de-duplication.</summary>
    public required string Id { get; init; }
    /// <summary>Wallet balance as the exchange reports it.</summary>
    public required decimal WalletBalance { get; init; }
    /// <summary>Available margin, when reported (null when not).</summary>
    public required decimal? AvailableMargin { get; init; }
    /// <summary>Why it moved.</summary>
    public required BalanceReason Reason { get; init; }
    /// <summary>The positions the exchange reports in the same message, after the change (ACCOUNT_UPDATE <c>a.P</c>): they tell which fills the wallet balance already contains. Null when the report carries none (a REST balance poll).</summary>
    public IReadOnlyList<ExchangePosition>? Positions { get; init; }
    /// <summary>The exchange's own figure for the change of this event outside trading (<c>bc</c>), when sent.</summary>
    public decimal? BalanceChange { get; init; }

    private protected override void Closed() { }
}

/// <summary>One position as the exchange reports it (quantity unsigned; direction from the side).</summary>
public sealed record ExchangePosition
{
    /// <summary>Every member is set by name (an object initializer): no value can land in the wrong place.</summary>
    public ExchangePosition() { }

    /// <summary>Positional, for Pink itself (readers, tests); a host names every member.</summary>
    [SetsRequiredMembers]
    internal ExchangePosition(string Symbol, PositionSide Side, decimal Qty, decimal EntryPrice, int Leverage,
        bool OneWay = false)
    {
        this.Symbol = Symbol;
        this.Side = Side;
        this.Qty = Qty;
        this.EntryPrice = EntryPrice;
        this.Leverage = Leverage;
        this.OneWay = OneWay;
    }

    /// <summary>Instrument.</summary>
    public required string Symbol { get; init; }
    /// <summary>Direction (in one-way mode: the sign of the net position; LONG when flat).</summary>
    public required PositionSide Side { get; init; }
    /// <summary>Quantity, unsigned.</summary>
    public required decimal Qty { get; init; }
    /// <summary>The exchange's entry price.</summary>
    public required decimal EntryPrice { get; init; }
    /// <summary>Exchange leverage.</summary>
    public required int Leverage { get; init; }
    /// <summary>True when the exchange holds one net position for the instrument (positionSide BOTH).</summary>
    public bool OneWay { get; init; }
}

/// <summary>All positions the exchange holds (start-up and reconciliation). Unknown ones are adopted.</summary>
public sealed record PositionsReport : KernelEvent
{
    /// <summary>Every member is set by name (an object initializer): no value can land in the wrong place.</summary>
    public PositionsReport() { }

    /// <summary>Positional, for Pink itself (readers, tests); a host names every member.</summary>
    [SetsRequiredMembers]
    internal PositionsReport(string Id, IReadOnlyList<ExchangePosition> Positions, long TimeMs) : base(TimeMs)
    {
        this.Id = Id;
        this.Positions = Positions;
    }

    /// <summary>Exchange identity for de-duplication.</summary>
    public required string Id { get; init; }
    /// <summary>Every position the exchange holds.</summary>
    public required IReadOnlyList<ExchangePosition> Positions { get; init; }

    private protected override void Closed() { }
}

/// <summary>
/// The venue reported an order's state without the figures that would tell its fills (e.g. FILLED with no cumulative
/// quantity): the kernel asks the shell to query the order (<see cref="QueryOrder"/>) instead of guessing.
/// </summary>
public sealed record OrderUnclear : KernelEvent
{
    /// <summary>Every member is set by name (an object initializer): no value can land in the wrong place.</summary>
    public OrderUnclear() { }

    /// <summary>Positional, for Pink itself (readers, tests); a host names every member.</summary>
    [SetsRequiredMembers]
    internal OrderUnclear(long? VenueOrderId, string? ClientOrderId, string Symbol, string Detail, long TimeMs) : base(TimeMs)
    {
        this.VenueOrderId = VenueOrderId;
        this.ClientOrderId = ClientOrderId;
        this.Symbol = Symbol;
        this.Detail = Detail;
    }

    /// <summary>The venue's order id, when known.</summary>
    public required long? VenueOrderId { get; init; }
    /// <summary>Our client order id, when known.</summary>
    public required string? ClientOrderId { get; init; }
    /// <summary>Instrument.</summary>
    public required string Symbol { get; init; }
    /// <summary>What the venue said.</summary>
    public required string Detail { get; init; }

    private protected override void Closed() { }
}

/// <summary>The venue answered with an error (a REST error envelope, a refused stream subscription): not malformed input.</summary>
public sealed record VenueError : KernelEvent
{
    /// <summary>Every member is set by name (an object initializer): no value can land in the wrong place.</summary>
    public VenueError() { }

    /// <summary>Positional, for Pink itself (readers, tests); a host names every member.</summary>
    [SetsRequiredMembers]
    internal VenueError(string Source, long Code, string Message, long TimeMs) : base(TimeMs)
    {
        this.Source = Source;
        this.Code = Code;
        this.Message = Message;
    }

    /// <summary>Where it came from, e.g. <c>GET /openApi/swap/v2/user/balance</c> or <c>bingx.ws</c>.</summary>
    public required string Source { get; init; }
    /// <summary>The venue's error code.</summary>
    public required long Code { get; init; }
    /// <summary>The venue's message.</summary>
    public required string Message { get; init; }

    private protected override void Closed() { }
}

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
public sealed record IncomeRecord : KernelEvent
{
    /// <summary>Every member is set by name (an object initializer): no value can land in the wrong place.</summary>
    public IncomeRecord() { }

    /// <summary>Positional, for Pink itself (readers, tests); a host names every member.</summary>
    [SetsRequiredMembers]
    internal IncomeRecord(string TranId, string Symbol, IncomeKind Kind, decimal Amount, long TimeMs) : base(TimeMs)
    {
        this.TranId = TranId;
        this.Symbol = Symbol;
        this.Kind = Kind;
        this.Amount = Amount;
    }

    /// <summary>The exchange's identity of the record (de-duplication).</summary>
    public required string TranId { get; init; }
    /// <summary>Instrument.</summary>
    public required string Symbol { get; init; }
    /// <summary>What it is.</summary>
    public required IncomeKind Kind { get; init; }
    /// <summary>Signed as the exchange reports it.</summary>
    public required decimal Amount { get; init; }

    private protected override void Closed() { }
}

/// <summary>
/// The income history is complete up to <see cref="UpToMs"/> (a query's window ended): every trade closed by then
/// is compared with the income records attributed to it.
/// </summary>
public sealed record IncomeComplete : KernelEvent
{
    /// <summary>Every member is set by name (an object initializer): no value can land in the wrong place.</summary>
    public IncomeComplete() { }

    /// <summary>Positional, for Pink itself (readers, tests); a host names every member.</summary>
    [SetsRequiredMembers]
    internal IncomeComplete(long UpToMs, long TimeMs) : base(TimeMs)
    {
        this.UpToMs = UpToMs;
    }

    /// <summary>The history is complete up to this exchange time.</summary>
    public required long UpToMs { get; init; }

    private protected override void Closed() { }
}

/// <summary>What the venue states about an instrument's orders (its contract specification); see <see cref="Instrument"/>.</summary>
public sealed record InstrumentSpec : KernelEvent
{
    /// <summary>Every member is set by name (an object initializer): no value can land in the wrong place.</summary>
    public InstrumentSpec() { }

    /// <summary>Positional, for Pink itself (readers, tests); a host names every member.</summary>
    [SetsRequiredMembers]
    internal InstrumentSpec(string Symbol, decimal QtyStep, decimal PriceStep, decimal MinQty, long TimeMs) : base(TimeMs)
    {
        this.Symbol = Symbol;
        this.QtyStep = QtyStep;
        this.PriceStep = PriceStep;
        this.MinQty = MinQty;
    }

    /// <summary>Instrument.</summary>
    public required string Symbol { get; init; }
    /// <summary>Every order quantity is a whole multiple of this.</summary>
    public required decimal QtyStep { get; init; }
    /// <summary>Prices move in this step.</summary>
    public required decimal PriceStep { get; init; }
    /// <summary>The smallest order quantity the venue takes (0 when not stated).</summary>
    public required decimal MinQty { get; init; }

    private protected override void Closed() { }
}

/// <summary>The boundary could not read an input; the kernel records the diagnostic and changes nothing.</summary>
public sealed record InputRejected : KernelEvent
{
    /// <summary>Every member is set by name (an object initializer): no value can land in the wrong place.</summary>
    public InputRejected() { }

    /// <summary>Positional, for Pink itself (readers, tests); a host names every member.</summary>
    [SetsRequiredMembers]
    internal InputRejected(string Source, string Detail, long TimeMs) : base(TimeMs)
    {
        this.Source = Source;
        this.Detail = Detail;
    }

    /// <summary>Where the input came from.</summary>
    public required string Source { get; init; }
    /// <summary>Why it could not be read.</summary>
    public required string Detail { get; init; }

    private protected override void Closed() { }
}
