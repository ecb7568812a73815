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
/// <param name="Capital">Published capital.</param>
/// <param name="Source">Where it came from.</param>
/// <param name="EWalletBalance">The last accepted wallet balance from the exchange (0 before any).</param>
/// <param name="AvailableMargin">The last reported available margin.</param>
/// <param name="FeesPaid">All fees paid since the start.</param>
/// <param name="KLedger">The kernel's own wallet: last anchor + realized increments − fees since.</param>
/// <param name="Anchored">True once an anchor was accepted.</param>
/// <param name="EntriesBlocked">True after a divergence until a consistent anchor (exits are never blocked).</param>
/// <param name="Unconfirmed">Fills applied that no account update has confirmed yet, oldest first: capital = wallet + the deltas of those no poll has shown.</param>
/// <param name="Ahead">Position changes the exchange reported with a wallet balance that no fill has shown the kernel yet.</param>
/// <param name="CheckPending">The last anchor could not be compared with the K-ledger yet (it contains fills still to come).</param>
/// <param name="PollDisagreed">A poll disagreed with the K-ledger and was held back: the venue may have changed a
/// position itself with frames still on their way. The next poll that still disagrees is taken and reported.</param>
/// <param name="IncomeUpToMs">The exchange's income records are applied up to this time (the next query starts after it).</param>
/// <param name="UnknownLegs">The inferred exit orders whose wallet delta is not known yet: no check can run until they are repaired
/// (by a late fill of the order behind them or the income history) or the history shows nothing for them.</param>
/// <param name="FundingFlows">Funding payments seen on one side only — an account update whose income record has not come, or an
/// income record whose account update never came (see FundingFlows in the ledger).</param>
public sealed record Account(decimal Capital, CapitalSource Source, decimal EWalletBalance, decimal AvailableMargin,
    decimal FeesPaid, decimal KLedger, bool Anchored, bool EntriesBlocked,
    Arr<UnconfirmedFill> Unconfirmed, Arr<ExchangeLead> Ahead, bool CheckPending, bool PollDisagreed = false, long IncomeUpToMs = 0,
    Arr<string> UnknownLegs = default, Arr<FundingFlow> FundingFlows = default)
{
    /// <summary>The account before any event: capital is the seed.</summary>
    public static Account Seeded(decimal seed) =>
        new(seed, CapitalSource.Seed, 0, 0, 0, seed, false, false, Arr<UnconfirmedFill>.Empty, Arr<ExchangeLead>.Empty, false, UnknownLegs: Arr<string>.Empty,
            FundingFlows: Arr<FundingFlow>.Empty);
}

/// <summary>One funding payment seen on one side: by its account update, or (<paramref name="FromIncome"/>) only by the income history.</summary>
public sealed record FundingFlow(long TimeMs, decimal Amount, bool FromIncome);

/// <summary>
/// A fill the kernel applied whose wallet report has not arrived: its wallet delta is bridged into capital until a
/// report confirms it (the report's wallet balance then contains it).
/// </summary>
/// <param name="Key">Instrument key (<see cref="Symbols.Key"/>).</param>
/// <param name="Side">Side of the trade the fill belongs to.</param>
/// <param name="Qty">Signed position change: + for a BUY, − for a SELL.</param>
/// <param name="WalletDelta">What the fill moved capital by: realized − fees.</param>
/// <param name="Polled">
/// A poll of the whole wallet came after it: the wallet holds it (it no longer counts in capital), but its own account
/// update may still be on its way — that update is then older than the poll and moves nothing.
/// </param>
public sealed record UnconfirmedFill(string Key, PositionSide Side, decimal Qty, decimal WalletDelta, bool Polled = false);

/// <summary>
/// A position change the exchange reported with a wallet balance before the kernel saw the fills behind it (the
/// venue pushed the account update first): the wallet already contains those fills, so they move no capital when
/// they arrive.
/// </summary>
/// <param name="Key">Instrument key.</param>
/// <param name="Side">The position side reported; null for a one-way (net, positionSide BOTH) position.</param>
/// <param name="Qty">Signed change: + bought, − sold.</param>
/// <param name="Explained">True when working orders of ours can account for it; an unexplained change never defers a check.</param>
/// <param name="WalletDelta">What the change moved the wallet by, when the report that showed it tells (its balance move
/// beyond the fills it confirmed, for a single position): the fills behind it are then taken out of capital by the venue's
/// own figure, not pro rata — partial fills of one order at different prices carry different profits.</param>
public sealed record ExchangeLead(string Key, PositionSide? Side, decimal Qty, bool Explained, decimal? WalletDelta = null);

/// <summary>
/// One order as the kernel knows it. <c>External</c> marks an order Pink never placed that the exchange used to reduce
/// one of our positions (booked as an exit), or the inferred exit of a reduction no fill explained (id <c>inferred-…</c>);
/// <c>RepairedQty</c> is how much of an inferred exit a later fill of the order behind it has given its figures.
/// <c>AwaitedSettlements</c> counts the fills reported without their settlement (no fee and `rp` at all, or an exit fill
/// without its `rp`) that no settlement reported on its own (FillSettled) has answered yet, one each: the order's figures
/// are known only when none is awaited.
/// </summary>
public sealed record Order(string ClientOrderId, long? VenueOrderId, int Slot, string TradeId, OrderPurpose Purpose,
    OrderSide Side, decimal Qty, decimal FilledQty, OrderStatus Status, decimal ReportedCumQty, decimal ReportedAvgPrice,
    decimal EstimatedRealized, decimal ExchangeRealized, bool ExchangeSettled, decimal Fees = 0, bool External = false, decimal RepairedQty = 0,
    int AwaitedSettlements = 0);

/// <summary>One exit leg of a trade.</summary>
public sealed record ExitLeg(int Index, string ClientOrderId, long? VenueOrderId, decimal Qty, decimal Price, decimal Realized,
    bool SkippedNoPrice, bool Repaired, long TimeMs);

/// <summary>
/// One open→close cycle in a slot. Its settlement baseline lives here (<see cref="SettledRealized"/>,
/// <see cref="SettledFees"/>): what was already moved into capital, so nothing is settled twice (rule 8) and a late
/// exchange repair of a closed trade settles against the right baseline. The exchange's income records attributed to it
/// (<c>IncomeRealized</c>, <c>IncomeFees</c>, <c>Funding</c>) are a check, never booked on top of the stream's figures;
/// <c>IncomeChecked</c> is set once a closed trade was compared with them. <c>EntryTimes</c> are the exchange times of its
/// entry fills (an income record names no side: its time tells which of a long and a short it belongs to).
/// </summary>
public sealed record Trade(
    string TradeId, int Slot, string Symbol, PositionSide Side, int ExchangeLeverage,
    decimal EntryQty, decimal PricedEntryQty, decimal EntryBasis, decimal OpenQty,
    decimal ExitQty, decimal PricedExitQty, decimal ExitNotional,
    decimal RealizedPnl, decimal Fees, PnlSource PnlSource, TradeFlags Flags, bool Closed,
    Arr<ExitLeg> Legs, long OpenedMs, long ClosedMs,
    decimal SettledRealized, decimal SettledFees, int FeedbackRevision,
    decimal Funding = 0, decimal IncomeRealized = 0, decimal IncomeFees = 0, bool IncomeChecked = false, Arr<long> EntryTimes = default);

/// <summary>One position lane. Hosts one trade at a time.</summary>
/// <param name="Index">Slot number.</param>
/// <param name="Phase">FSM phase.</param>
/// <param name="TradeId">The hosted trade, when any.</param>
/// <param name="EntryOrder">Client order id of the live entry order.</param>
/// <param name="ExitOrder">Client order id of the live exit order.</param>
/// <param name="CloseRequested">A close intent is pending: every remaining quantity gets an exit.</param>
/// <param name="ExitAttempts">Exit orders placed for the current close request.</param>
/// <param name="CloseClientOrderId">The close intent's client order id (follow-up exits derive theirs from it).</param>
public sealed record Slot(int Index, SlotPhase Phase, string? TradeId, string? EntryOrder, string? ExitOrder,
    bool CloseRequested, int ExitAttempts, string? CloseClientOrderId)
{
    /// <summary>An idle slot.</summary>
    public static Slot Idle(int index) => new(index, SlotPhase.Idle, null, null, null, false, 0, null);
}

/// <summary>
/// Bounded memory of exchange event ids already applied (rule 14), or of the ids of forgotten trades; oldest forgotten first.
/// <para>
/// The kernel keeps it as an <see cref="IdWindow"/> (the last N ids in order, with a hash index): remembering an id and
/// asking for one cost a few nanoseconds and a few bytes. <see cref="Seen"/> and <see cref="Order"/> are the same memory
/// as a set and as a queue, built on first read. A memory made from a set and a queue (the public constructor) keeps
/// them as given and is used as given.
/// </para>
/// </summary>
public sealed record DedupMemory
{
    private readonly IdWindow? _window;
    private LanguageExt.HashSet<string>? _seen;
    private Que<string>? _order;

    /// <summary>A memory from its ids as a set and in order (oldest first).</summary>
    public DedupMemory(LanguageExt.HashSet<string> Seen, Que<string> Order)
    {
        _seen = Seen;
        _order = Order;
    }

    private DedupMemory(IdWindow window) => _window = window;

    /// <summary>Nothing remembered.</summary>
    public static readonly DedupMemory Empty = new(IdWindow.Empty);

    /// <summary>The remembered ids.</summary>
    public LanguageExt.HashSet<string> Seen
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
    public Que<string> Order
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
