using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using LanguageExt;
using LanguageExt.ClassInstances;

namespace Pink.Core;

/// <summary>Settings the kernel folds with. Part of the state document, so a restored process keeps them.</summary>
/// <param name="SlotCount">Number of slots (0..N-1).</param>
/// <param name="SeedCapital">Capital before the first anchor (capital_source = seed).</param>
/// <param name="LeverageCap">Exchange leverage cap (1–3x).</param>
/// <param name="DivergenceTolerance">K vs anchor tolerance, in quote currency (rule 11).</param>
/// <param name="PnlMismatchTolerance">Kernel estimate vs exchange `rp` tolerance, in quote currency (rule 13).</param>
/// <param name="BarSeconds">Bar length used for bars_held.</param>
/// <param name="DedupMemory">How many exchange event ids are remembered for de-duplication.</param>
/// <param name="AccountMode">Dedicated (default): Pink alone trades the account. Shared: other runtimes do too.</param>
/// <param name="Instruments">What the venue states about each instrument (by <see cref="Symbols.Key"/>): its quantity
/// and price steps and minimum quantity (<see cref="InstrumentSpec"/>). An instrument not listed is not checked.</param>
/// <param name="ForgottenMemory">How many ids of forgotten trades (trade, client and venue order ids; a trade has about
/// five) are remembered, so that a late repeat of their reports is recognised (FORGOTTEN_TRADE) and never booked.</param>
public sealed record KernelConfig(
    int SlotCount = 4,
    decimal SeedCapital = 0.0m,
    int LeverageCap = 3,
    decimal DivergenceTolerance = 0.05m,
    decimal PnlMismatchTolerance = 0.05m,
    int BarSeconds = 60,
    int DedupMemory = 10_000,
    AccountMode AccountMode = AccountMode.Dedicated,
    Map<OrdStringOrdinal, string, Instrument> Instruments = default,
    int ForgottenMemory = 20_000)
{
    /// <summary>
    /// Quantities are exact decimals: equal means equal. Kept as a named zero so every "is anything held" test reads as
    /// such (and no tolerance can creep back in).
    /// </summary>
    public const decimal QtyEpsilon = 0m;
}

/// <summary>An instrument's order rules, as the venue states them (BingX: GET /openApi/swap/v2/quote/contracts).</summary>
/// <param name="QtyStep">Every order quantity is a whole multiple of this (10^-quantityPrecision).</param>
/// <param name="PriceStep">Prices move in this step (10^-pricePrecision).</param>
/// <param name="MinQty">The smallest order quantity the venue takes (tradeMinQuantity; 0 when not stated).</param>
public sealed record Instrument(decimal QtyStep, decimal PriceStep, decimal MinQty);

/// <summary>The account: E-facts of record and the K checksum.</summary>
public sealed record Account
{
    /// <summary>The kernel builds the account; a host reads it.</summary>
    internal Account(decimal Capital, CapitalSource Source, decimal EWalletBalance, decimal AvailableMargin,
        decimal FeesPaid, decimal KLedger, bool Anchored, bool EntriesBlocked, Arr<UnconfirmedFill> Unconfirmed,
        Arr<ExchangeLead> Ahead, bool CheckPending, bool PollDisagreed = false, long IncomeUpToMs = 0,
        Arr<string> UnknownLegs = default, Arr<FundingFlow> FundingFlows = default)
    {
        this.Capital = Capital;
        this.Source = Source;
        this.EWalletBalance = EWalletBalance;
        this.AvailableMargin = AvailableMargin;
        this.FeesPaid = FeesPaid;
        this.KLedger = KLedger;
        this.Anchored = Anchored;
        this.EntriesBlocked = EntriesBlocked;
        this.Unconfirmed = Unconfirmed;
        this.Ahead = Ahead;
        this.CheckPending = CheckPending;
        this.PollDisagreed = PollDisagreed;
        this.IncomeUpToMs = IncomeUpToMs;
        this.UnknownLegs = UnknownLegs;
        this.FundingFlows = FundingFlows;
    }

    /// <summary>Published capital.</summary>
    public decimal Capital { get; internal init; }
    /// <summary>Where it came from.</summary>
    public CapitalSource Source { get; internal init; }
    /// <summary>The last accepted wallet balance from the exchange (0 before any).</summary>
    public decimal EWalletBalance { get; internal init; }
    /// <summary>The last reported available margin.</summary>
    public decimal AvailableMargin { get; internal init; }
    /// <summary>All fees paid since the start.</summary>
    public decimal FeesPaid { get; internal init; }
    /// <summary>The kernel's own wallet: last anchor + realized increments − fees since.</summary>
    public decimal KLedger { get; internal init; }
    /// <summary>True once an anchor was accepted.</summary>
    public bool Anchored { get; internal init; }
    /// <summary>True after a divergence until a consistent anchor (exits are never blocked).</summary>
    public bool EntriesBlocked { get; internal init; }
    /// <summary>Fills applied that no account update has confirmed yet, oldest first: capital = wallet + the deltas of those no poll has shown.</summary>
    public Arr<UnconfirmedFill> Unconfirmed { get; internal init; }
    /// <summary>Position changes the exchange reported with a wallet balance that no fill has shown the kernel yet.</summary>
    public Arr<ExchangeLead> Ahead { get; internal init; }
    /// <summary>The last anchor could not be compared with the K-ledger yet (it contains fills still to come).</summary>
    public bool CheckPending { get; internal init; }
    /// <summary>A poll disagreed with the K-ledger and was held back: the venue may have changed a position itself with frames still on their way. The next poll that still disagrees is taken and reported.</summary>
    public bool PollDisagreed { get; internal init; }
    /// <summary>The exchange's income records are applied up to this time (the next query starts after it).</summary>
    public long IncomeUpToMs { get; internal init; }
    /// <summary>The inferred exit orders whose wallet delta is not known yet: no check can run until they are repaired (by a late fill of the order behind them or the income history) or the history shows nothing for them.</summary>
    public Arr<string> UnknownLegs { get; internal init; }
    /// <summary>Funding payments seen on one side only — an account update whose income record has not come, or an income record whose account update never came (see FundingFlows in the ledger).</summary>
    public Arr<FundingFlow> FundingFlows { get; internal init; }

    /// <summary>The account before any event: capital is the seed.</summary>
    internal static Account Seeded(decimal seed) =>
        new(seed, CapitalSource.Seed, 0, 0, 0, seed, false, false, Arr<UnconfirmedFill>.Empty, Arr<ExchangeLead>.Empty, false, UnknownLegs: Arr<string>.Empty,
            FundingFlows: Arr<FundingFlow>.Empty);
}

/// <summary>One funding payment seen on one side: by its account update, or (<see cref="FromIncome"/>) only by the income history.</summary>
public sealed record FundingFlow
{
    /// <summary>The kernel builds funding flows; a host reads them.</summary>
    internal FundingFlow(long TimeMs, decimal Amount, bool FromIncome)
    {
        this.TimeMs = TimeMs;
        this.Amount = Amount;
        this.FromIncome = FromIncome;
    }

    /// <summary>Exchange time of the payment.</summary>
    public long TimeMs { get; internal init; }
    /// <summary>The amount, signed as the exchange reports it (negative = paid).</summary>
    public decimal Amount { get; internal init; }
    /// <summary>True when only the income history showed it (its account update never came); false when seen by its account update.</summary>
    public bool FromIncome { get; internal init; }
}

/// <summary>
/// A fill the kernel applied whose wallet report has not arrived: its wallet delta is bridged into capital until a
/// report confirms it (the report's wallet balance then contains it).
/// </summary>
public sealed record UnconfirmedFill
{
    /// <summary>The kernel builds unconfirmed fills; a host reads them.</summary>
    internal UnconfirmedFill(string Key, PositionSide Side, decimal Qty, decimal WalletDelta, bool Polled = false)
    {
        this.Key = Key;
        this.Side = Side;
        this.Qty = Qty;
        this.WalletDelta = WalletDelta;
        this.Polled = Polled;
    }

    /// <summary>Instrument key (<see cref="Symbols.Key"/>).</summary>
    public string Key { get; internal init; }
    /// <summary>Side of the trade the fill belongs to.</summary>
    public PositionSide Side { get; internal init; }
    /// <summary>Signed position change: + for a BUY, − for a SELL.</summary>
    public decimal Qty { get; internal init; }
    /// <summary>What the fill moved capital by: realized − fees.</summary>
    public decimal WalletDelta { get; internal init; }
    /// <summary>A poll of the whole wallet came after it: the wallet holds it (it no longer counts in capital), but its own account update may still be on its way — that update is then older than the poll and moves nothing.</summary>
    public bool Polled { get; internal init; }
}

/// <summary>
/// A position change the exchange reported with a wallet balance before the kernel saw the fills behind it (the
/// venue pushed the account update first): the wallet already contains those fills, so they move no capital when
/// they arrive.
/// </summary>
public sealed record ExchangeLead
{
    /// <summary>The kernel builds leads; a host reads them.</summary>
    internal ExchangeLead(string Key, PositionSide? Side, decimal Qty, bool Explained, decimal? WalletDelta = null)
    {
        this.Key = Key;
        this.Side = Side;
        this.Qty = Qty;
        this.Explained = Explained;
        this.WalletDelta = WalletDelta;
    }

    /// <summary>Instrument key.</summary>
    public string Key { get; internal init; }
    /// <summary>The position side reported; null for a one-way (net, positionSide BOTH) position.</summary>
    public PositionSide? Side { get; internal init; }
    /// <summary>Signed change: + bought, − sold.</summary>
    public decimal Qty { get; internal init; }
    /// <summary>True when working orders of ours can account for it; an unexplained change never defers a check.</summary>
    public bool Explained { get; internal init; }
    /// <summary>What the change moved the wallet by, when the report that showed it tells (its balance move beyond the fills it confirmed, for a single position): the fills behind it are then taken out of capital by the venue's own figure, not pro rata — partial fills of one order at different prices carry different profits.</summary>
    public decimal? WalletDelta { get; internal init; }
}

/// <summary>
/// One order as the kernel knows it. <c>External</c> marks an order Pink never placed that the exchange used to reduce
/// one of our positions (booked as an exit), or the inferred exit of a reduction no fill explained (id <c>inferred-…</c>);
/// <c>RepairedQty</c> is how much of an inferred exit a later fill of the order behind it has given its figures.
/// <c>AwaitedSettlements</c> counts the fills reported without their settlement (no fee and `rp` at all, or an exit fill
/// without its `rp`) that no settlement reported on its own (FillSettled) has answered yet, one each: the order's figures
/// are known only when none is awaited.
/// </summary>
public sealed record Order
{
    /// <summary>The kernel builds orders; a host reads them.</summary>
    internal Order(string ClientOrderId, long? VenueOrderId, int Slot, string TradeId, OrderPurpose Purpose,
        OrderSide Side, decimal Qty, decimal FilledQty, OrderStatus Status, decimal ReportedCumQty,
        decimal ReportedAvgPrice, decimal EstimatedRealized, decimal ExchangeRealized, bool ExchangeSettled,
        decimal Fees = 0, bool External = false, decimal RepairedQty = 0, int AwaitedSettlements = 0)
    {
        this.ClientOrderId = ClientOrderId;
        this.VenueOrderId = VenueOrderId;
        this.Slot = Slot;
        this.TradeId = TradeId;
        this.Purpose = Purpose;
        this.Side = Side;
        this.Qty = Qty;
        this.FilledQty = FilledQty;
        this.Status = Status;
        this.ReportedCumQty = ReportedCumQty;
        this.ReportedAvgPrice = ReportedAvgPrice;
        this.EstimatedRealized = EstimatedRealized;
        this.ExchangeRealized = ExchangeRealized;
        this.ExchangeSettled = ExchangeSettled;
        this.Fees = Fees;
        this.External = External;
        this.RepairedQty = RepairedQty;
        this.AwaitedSettlements = AwaitedSettlements;
    }

    /// <summary>Client order id (the order's identity).</summary>
    public string ClientOrderId { get; internal init; }
    /// <summary>The venue's order id, once acknowledged.</summary>
    public long? VenueOrderId { get; internal init; }
    /// <summary>The slot the order belongs to.</summary>
    public int Slot { get; internal init; }
    /// <summary>The trade the order belongs to.</summary>
    public string TradeId { get; internal init; }
    /// <summary>Entry or exit.</summary>
    public OrderPurpose Purpose { get; internal init; }
    /// <summary>BUY or SELL.</summary>
    public OrderSide Side { get; internal init; }
    /// <summary>Quantity asked for.</summary>
    public decimal Qty { get; internal init; }
    /// <summary>Quantity filled so far (sum of the applied fills).</summary>
    public decimal FilledQty { get; internal init; }
    /// <summary>Where the order stands.</summary>
    public OrderStatus Status { get; internal init; }
    /// <summary>The venue's last cumulative filled quantity applied.</summary>
    public decimal ReportedCumQty { get; internal init; }
    /// <summary>The venue's last cumulative average fill price applied.</summary>
    public decimal ReportedAvgPrice { get; internal init; }
    /// <summary>Realized PnL the kernel estimated for the order's exit fills.</summary>
    public decimal EstimatedRealized { get; internal init; }
    /// <summary>Realized PnL the exchange reported for its fills (`rp`).</summary>
    public decimal ExchangeRealized { get; internal init; }
    /// <summary>True once the exchange reported a settlement for it.</summary>
    public bool ExchangeSettled { get; internal init; }
    /// <summary>Fees paid for its fills.</summary>
    public decimal Fees { get; internal init; }
    /// <summary>An order Pink never placed that reduced one of our positions, or the inferred exit of a reduction no fill explained.</summary>
    public bool External { get; internal init; }
    /// <summary>How much of an inferred exit a later fill of the order behind it has given its figures.</summary>
    public decimal RepairedQty { get; internal init; }
    /// <summary>Fills reported without their settlement that no settlement on its own has answered yet (see above).</summary>
    public int AwaitedSettlements { get; internal init; }
}

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

/// <summary>One position lane. Hosts one trade at a time.</summary>
public sealed record Slot
{
    /// <summary>The kernel builds slots; a host reads them.</summary>
    internal Slot(int Index, SlotPhase Phase, string? TradeId, string? EntryOrder, string? ExitOrder,
        bool CloseRequested, int ExitAttempts, string? CloseClientOrderId)
    {
        this.Index = Index;
        this.Phase = Phase;
        this.TradeId = TradeId;
        this.EntryOrder = EntryOrder;
        this.ExitOrder = ExitOrder;
        this.CloseRequested = CloseRequested;
        this.ExitAttempts = ExitAttempts;
        this.CloseClientOrderId = CloseClientOrderId;
    }

    /// <summary>Slot number.</summary>
    public int Index { get; internal init; }
    /// <summary>FSM phase.</summary>
    public SlotPhase Phase { get; internal init; }
    /// <summary>The hosted trade, when any.</summary>
    public string? TradeId { get; internal init; }
    /// <summary>Client order id of the live entry order.</summary>
    public string? EntryOrder { get; internal init; }
    /// <summary>Client order id of the live exit order.</summary>
    public string? ExitOrder { get; internal init; }
    /// <summary>A close intent is pending: every remaining quantity gets an exit.</summary>
    public bool CloseRequested { get; internal init; }
    /// <summary>Exit orders placed for the current close request.</summary>
    public int ExitAttempts { get; internal init; }
    /// <summary>The close intent's client order id (follow-up exits derive theirs from it).</summary>
    public string? CloseClientOrderId { get; internal init; }

    /// <summary>An idle slot.</summary>
    internal static Slot Idle(int index) => new(index, SlotPhase.Idle, null, null, null, false, 0, null);
}

/// <summary>
/// Bounded memory of exchange event ids already applied (rule 14), or of the ids of forgotten trades; oldest forgotten first.
/// <para>
/// The kernel keeps it as an <see cref="IdWindow"/> (the last N ids in order, with a hash index): remembering an id and
/// asking for one cost a few nanoseconds and a few bytes. <see cref="Seen"/> and <see cref="Order"/> are the same memory
/// as a set and as a queue, built on first read. A memory made from a set and a queue (the internal constructor) keeps
/// them as given and is used as given.
/// </para>
/// </summary>
internal sealed record DedupMemory
{
    private readonly IdWindow? _window;
    private LanguageExt.HashSet<string>? _seen;
    private Que<string>? _order;

    /// <summary>A memory from its ids as a set and in order (oldest first).</summary>
    internal DedupMemory(LanguageExt.HashSet<string> Seen, Que<string> Order)
    {
        _seen = Seen;
        _order = Order;
    }

    private DedupMemory(IdWindow window) => _window = window;

    /// <summary>Nothing remembered.</summary>
    internal static readonly DedupMemory Empty = new(IdWindow.Empty);

    /// <summary>The remembered ids.</summary>
    internal LanguageExt.HashSet<string> Seen
    {
        get
        {
            if (_window is null) return _seen!.Value;
            lock (_window) return _seen ??= new LanguageExt.HashSet<string>(_window.Ids());
        }
        init
        {
            _seen = value;
            _order ??= _window is null ? null : Order;
            _window = null;
        }
    }

    /// <summary>The remembered ids, oldest first.</summary>
    internal Que<string> Order
    {
        get
        {
            if (_window is null) return _order!.Value;
            lock (_window) return _order ??= new Que<string>(_window.Ids());
        }
        init
        {
            _order = value;
            _seen ??= _window is null ? null : Seen;
            _window = null;
        }
    }

    /// <summary>True when the id is remembered.</summary>
    internal bool Contains(string id) => _window?.Contains(id) ?? Seen.Contains(id);

    /// <summary>The memory with one more id (not already remembered), keeping at most <paramref name="capacity"/>.</summary>
    internal DedupMemory Remember(string id, int capacity)
    {
        if (_window is not null) return new DedupMemory(_window.Append(id, capacity));
        var seen = Seen.Add(id);
        var order = Order.Enqueue(id);
        while (order.Count > capacity)
        {
            seen = seen.Remove(order.Peek());
            order = order.Dequeue();
        }
        return new DedupMemory(seen, order);
    }

    /// <summary>The ids oldest first, as the state document writes them.</summary>
    internal IEnumerable<string> Ids() => _window?.Ids() ?? Order;

    /// <summary>A memory of these ids (oldest first), all kept; null and the first repeated id when one repeats.</summary>
    internal static DedupMemory? Of(IEnumerable<string> ids, out string? repeated)
    {
        var window = IdWindow.Empty;
        repeated = null;
        foreach (var id in ids)
        {
            if (window.Contains(id))
            {
                repeated = id;
                return null;
            }
            window = window.Append(id, int.MaxValue);
        }
        return new DedupMemory(window);
    }

    /// <summary>Value equality: the same ids in the same order.</summary>
    public bool Equals(DedupMemory? other) =>
        ReferenceEquals(this, other) || other is not null &&
        (_window is not null && other._window is not null
            ? _window.SameIds(other._window)
            : Seen.Equals(other.Seen) && Order.Equals(other.Order));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Seen, Order);

    /// <summary>Prints the memory as the plain record did.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Seen = ").Append(Seen).Append(", Order = ").Append(Order);
        return true;
    }
}
