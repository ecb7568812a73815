using LanguageExt;

namespace Pink.Core;

/// <summary>Settings the kernel folds with. Part of the state document, so a restored process keeps them.</summary>
/// <param name="SlotCount">Number of slots (0..N-1).</param>
/// <param name="SeedCapital">Capital before the first anchor (capital_source = seed).</param>
/// <param name="LeverageCap">Exchange leverage cap (1–3x).</param>
/// <param name="DivergenceTolerance">K vs anchor tolerance, in quote currency (rule 11).</param>
/// <param name="PnlMismatchTolerance">Kernel estimate vs exchange `rp` tolerance, in quote currency (rule 13).</param>
/// <param name="BarSeconds">Bar length used for bars_held.</param>
/// <param name="DedupMemory">How many exchange event ids are remembered for de-duplication.</param>
public sealed record KernelConfig(
    int SlotCount = 4,
    double SeedCapital = 0.0,
    int LeverageCap = 3,
    double DivergenceTolerance = 0.05,
    double PnlMismatchTolerance = 0.05,
    int BarSeconds = 60,
    int DedupMemory = 10_000)
{
    /// <summary>Quantities closer than this are equal (coin units).</summary>
    public const double QtyEpsilon = 1e-9;
}

/// <summary>The account: E-facts of record and the K checksum.</summary>
/// <param name="Capital">Published capital.</param>
/// <param name="Source">Where it came from.</param>
/// <param name="EWalletBalance">The last accepted wallet balance from the exchange (0 before any).</param>
/// <param name="AvailableMargin">The last reported available margin.</param>
/// <param name="FeesPaid">All fees paid since the start.</param>
/// <param name="KLedger">The kernel's own wallet: last anchor + realized increments − fees since.</param>
/// <param name="Anchored">True once an anchor was accepted.</param>
/// <param name="EntriesBlocked">True after a divergence until a consistent anchor (exits are never blocked).</param>
public sealed record Account(double Capital, CapitalSource Source, double EWalletBalance, double AvailableMargin,
    double FeesPaid, double KLedger, bool Anchored, bool EntriesBlocked);

/// <summary>One order as the kernel knows it.</summary>
public sealed record Order(string ClientOrderId, long? VenueOrderId, int Slot, string TradeId, OrderPurpose Purpose,
    OrderSide Side, double Qty, double FilledQty, OrderStatus Status, double ReportedCumQty, double ReportedAvgPrice,
    double EstimatedRealized, double ExchangeRealized, bool ExchangeSettled, double Fees = 0);

/// <summary>One exit leg of a trade.</summary>
public sealed record ExitLeg(int Index, string ClientOrderId, long? VenueOrderId, double Qty, double Price, double Realized,
    bool SkippedNoPrice, bool Repaired, long TimeMs);

/// <summary>
/// One open→close cycle in a slot. Its settlement baseline lives here (<see cref="SettledRealized"/>,
/// <see cref="SettledFees"/>): what was already moved into capital, so nothing is settled twice (rule 8) and a late
/// exchange repair of a closed trade settles against the right baseline.
/// </summary>
public sealed record Trade(
    string TradeId, int Slot, string Symbol, PositionSide Side, int ExchangeLeverage,
    double EntryQty, double PricedEntryQty, double EntryBasis, double OpenQty,
    double ExitQty, double PricedExitQty, double ExitNotional,
    double RealizedPnl, double Fees, PnlSource PnlSource, TradeFlags Flags, bool Closed,
    Arr<ExitLeg> Legs, long OpenedMs, long ClosedMs,
    double SettledRealized, double SettledFees, int FeedbackRevision);

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

/// <summary>Bounded memory of exchange event ids already applied (rule 14); oldest forgotten first.</summary>
public sealed record DedupMemory(LanguageExt.HashSet<string> Seen, Que<string> Order)
{
    /// <summary>Nothing remembered.</summary>
    public static readonly DedupMemory Empty = new(LanguageExt.HashSet<string>.Empty, Que<string>.Empty);
}

/// <summary>
/// The whole kernel state. Immutable: every event yields a new value. Serialises to the versioned state
/// document (see StateDocument).
/// </summary>
public sealed record KernelState(
    KernelConfig Config,
    long EventSeq,
    long LastEventMs,
    Account Account,
    Arr<Slot> Slots,
    Map<string, Trade> Trades,
    Map<string, Order> Orders,
    Map<long, string> VenueOrders,
    Map<string, double> Marks,
    DedupMemory Dedup,
    long FillsRoutedByState)
{
    /// <summary>The state before any event.</summary>
    public static KernelState Initial(KernelConfig config)
    {
        var slots = new Slot[Math.Max(0, config.SlotCount)];
        for (var i = 0; i < slots.Length; i++) slots[i] = Slot.Idle(i);
        var seed = double.IsFinite(config.SeedCapital) ? config.SeedCapital : 0.0;
        return new KernelState(config, 0, 0,
            new Account(seed, CapitalSource.Seed, 0, 0, 0, seed, false, false),
            new Arr<Slot>(slots), Map<string, Trade>(), Map<string, Order>(), Map<long, string>(),
            Map<string, double>(), DedupMemory.Empty, 0);
    }

    private static Map<K, V> Map<K, V>() => LanguageExt.Map<K, V>.Empty;
}
