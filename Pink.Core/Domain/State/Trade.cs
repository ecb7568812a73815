using LanguageExt;
using LanguageExt.ClassInstances;

namespace Pink.Core;

/// <summary>One exit leg of a trade.</summary>
public sealed record ExitLeg
{
    /// <summary>The kernel builds exit legs; a host reads them.</summary>
    internal ExitLeg(int Index, string ClientOrderId, long? VenueOrderId, decimal Qty, decimal Price,
        decimal Realized, bool SkippedNoPrice, bool Repaired, long TimeMs)
    {
        this.Index = Index;
        this.ClientOrderId = ClientOrderId;
        this.VenueOrderId = VenueOrderId;
        this.Qty = Qty;
        this.Price = Price;
        this.Realized = Realized;
        this.SkippedNoPrice = SkippedNoPrice;
        this.Repaired = Repaired;
        this.TimeMs = TimeMs;
    }

    /// <summary>0-based index of the leg within its trade.</summary>
    public int Index { get; internal init; }
    /// <summary>Client order id of the exit order.</summary>
    public string ClientOrderId { get; internal init; }
    /// <summary>The venue's order id, when known.</summary>
    public long? VenueOrderId { get; internal init; }
    /// <summary>Quantity the leg reduced.</summary>
    public decimal Qty { get; internal init; }
    /// <summary>True fill price, or 0 when unknown.</summary>
    public decimal Price { get; internal init; }
    /// <summary>Realized PnL of the leg (leverage-free; 0 when skipped).</summary>
    public decimal Realized { get; internal init; }
    /// <summary>The leg had no price: it reduced the position and booked 0 (realized_skipped_no_price).</summary>
    public bool SkippedNoPrice { get; internal init; }
    /// <summary>The exchange's `rp` repaired the skipped leg.</summary>
    public bool Repaired { get; internal init; }
    /// <summary>Exchange time of the fill.</summary>
    public long TimeMs { get; internal init; }
}

/// <summary>
/// One open→close cycle in a slot. Its settlement baseline lives here (<see cref="SettledRealized"/>,
/// <see cref="SettledFees"/>): what was already moved into capital, so nothing is settled twice (rule 8) and a late
/// exchange repair of a closed trade settles against the right baseline. The exchange's income records attributed to it
/// (<c>IncomeRealized</c>, <c>IncomeFees</c>, <c>Funding</c>) are a check, never booked on top of the stream's figures;
/// <c>IncomeChecked</c> is set once a closed trade was compared with them. <c>EntryTimes</c> are the exchange times of its
/// entry fills (an income record names no side: its time tells which of a long and a short it belongs to).
/// </summary>
public sealed record Trade
{
    /// <summary>The kernel builds trades; a host reads them.</summary>
    internal Trade(string TradeId, int Slot, string Symbol, PositionSide Side, int ExchangeLeverage,
        decimal EntryQty, decimal PricedEntryQty, decimal EntryBasis, decimal OpenQty, decimal ExitQty,
        decimal PricedExitQty, decimal ExitNotional, decimal RealizedPnl, decimal Fees, PnlSource PnlSource,
        TradeFlags Flags, bool Closed, Arr<ExitLeg> Legs, long OpenedMs, long ClosedMs, decimal SettledRealized,
        decimal SettledFees, int FeedbackRevision, decimal Funding = 0, decimal IncomeRealized = 0,
        decimal IncomeFees = 0, bool IncomeChecked = false, Arr<long> EntryTimes = default)
    {
        this.TradeId = TradeId;
        this.Slot = Slot;
        this.Symbol = Symbol;
        this.Side = Side;
        this.ExchangeLeverage = ExchangeLeverage;
        this.EntryQty = EntryQty;
        this.PricedEntryQty = PricedEntryQty;
        this.EntryBasis = EntryBasis;
        this.OpenQty = OpenQty;
        this.ExitQty = ExitQty;
        this.PricedExitQty = PricedExitQty;
        this.ExitNotional = ExitNotional;
        this.RealizedPnl = RealizedPnl;
        this.Fees = Fees;
        this.PnlSource = PnlSource;
        this.Flags = Flags;
        this.Closed = Closed;
        this.Legs = Legs;
        this.OpenedMs = OpenedMs;
        this.ClosedMs = ClosedMs;
        this.SettledRealized = SettledRealized;
        this.SettledFees = SettledFees;
        this.FeedbackRevision = FeedbackRevision;
        this.Funding = Funding;
        this.IncomeRealized = IncomeRealized;
        this.IncomeFees = IncomeFees;
        this.IncomeChecked = IncomeChecked;
        this.EntryTimes = EntryTimes;
    }

    /// <summary>Unique trade id.</summary>
    public string TradeId { get; internal init; }
    /// <summary>The slot that hosts (or hosted) it.</summary>
    public int Slot { get; internal init; }
    /// <summary>Instrument.</summary>
    public string Symbol { get; internal init; }
    /// <summary>LONG or SHORT.</summary>
    public PositionSide Side { get; internal init; }
    /// <summary>Leverage set at the exchange (never enters PnL).</summary>
    public int ExchangeLeverage { get; internal init; }
    /// <summary>Quantity of all entry fills.</summary>
    public decimal EntryQty { get; internal init; }
    /// <summary>Quantity of the entry fills that had a price.</summary>
    public decimal PricedEntryQty { get; internal init; }
    /// <summary>VWAP of the priced entry fills (0 when none: entry_basis_missing).</summary>
    public decimal EntryBasis { get; internal init; }
    /// <summary>Quantity still open.</summary>
    public decimal OpenQty { get; internal init; }
    /// <summary>Quantity of all exit legs.</summary>
    public decimal ExitQty { get; internal init; }
    /// <summary>Quantity of the exit legs that had a price.</summary>
    public decimal PricedExitQty { get; internal init; }
    /// <summary>Sum of qty × price of the priced exit legs.</summary>
    public decimal ExitNotional { get; internal init; }
    /// <summary>Realized PnL booked (leverage-free).</summary>
    public decimal RealizedPnl { get; internal init; }
    /// <summary>Fees paid.</summary>
    public decimal Fees { get; internal init; }
    /// <summary>Where the realized PnL comes from (exchange or kernel estimate).</summary>
    public PnlSource PnlSource { get; internal init; }
    /// <summary>What happened to it.</summary>
    public TradeFlags Flags { get; internal init; }
    /// <summary>True once its position is closed.</summary>
    public bool Closed { get; internal init; }
    /// <summary>Its exit legs, in order.</summary>
    public Arr<ExitLeg> Legs { get; internal init; }
    /// <summary>Time of its first entry.</summary>
    public long OpenedMs { get; internal init; }
    /// <summary>Time it closed (0 while open).</summary>
    public long ClosedMs { get; internal init; }
    /// <summary>Realized PnL already settled into capital (the settlement baseline).</summary>
    public decimal SettledRealized { get; internal init; }
    /// <summary>Fees already settled into capital (the settlement baseline).</summary>
    public decimal SettledFees { get; internal init; }
    /// <summary>The revision of the last sizer feedback given for it.</summary>
    public int FeedbackRevision { get; internal init; }
    /// <summary>Funding payments attributed to it (from the income history).</summary>
    public decimal Funding { get; internal init; }
    /// <summary>Realized PnL the income history attributes to it (a check).</summary>
    public decimal IncomeRealized { get; internal init; }
    /// <summary>Fees the income history attributes to it (a check).</summary>
    public decimal IncomeFees { get; internal init; }
    /// <summary>True once the closed trade was compared with its income records.</summary>
    public bool IncomeChecked { get; internal init; }
    /// <summary>Exchange times of its entry fills.</summary>
    public Arr<long> EntryTimes { get; internal init; }
}
