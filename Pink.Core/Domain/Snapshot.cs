using LanguageExt;

namespace Pink.Core;

/// <summary>What readers see of one slot.</summary>
public sealed record SlotView(int Slot, SlotPhase Phase, string? TradeId, string Symbol, string Side, double OpenQty,
    double EntryPrice, double MarkPrice, double UnrealizedPnl, double RealizedPnl, double Fees, int ExchangeLeverage,
    double ConvictionLeverage, double SettledBaseline, TradeFlags Flags);

/// <summary>
/// The one published account snapshot (rule 12): immutable, built whole after an event is applied, so a reader
/// never sees a half-applied event. <see cref="EventSeq"/> strictly increases.
/// <para>
/// The kernel's snapshot is a view of the (immutable) state it was published with: the account figures are copied at
/// once, the per-slot views (<see cref="Slots"/>) are computed from that state on first read and then kept. The values
/// are the same whenever they are read; equality, <c>with</c> and serialisation behave as for the plain record.
/// </para>
/// </summary>
public sealed record AccountSnapshot
{
    private readonly KernelState? _state;
    private object? _slots; // null: not built yet (kernel snapshot); SlotView[]: built from _state; Given: set by a caller

    private sealed class Given(Arr<SlotView> slots)
    {
        public readonly Arr<SlotView> Slots = slots;
    }

    /// <summary>A snapshot from its figures.</summary>
    public AccountSnapshot(long EventSeq, long TimeMs, double Capital, double Equity, CapitalSource CapitalSource,
        double EWalletBalance, double AvailableMargin, double FeesPaid, double UnrealizedPnl, bool EntriesBlocked,
        Arr<SlotView> Slots)
    {
        this.EventSeq = EventSeq;
        this.TimeMs = TimeMs;
        this.Capital = Capital;
        this.Equity = Equity;
        this.CapitalSource = CapitalSource;
        this.EWalletBalance = EWalletBalance;
        this.AvailableMargin = AvailableMargin;
        this.FeesPaid = FeesPaid;
        this.UnrealizedPnl = UnrealizedPnl;
        this.EntriesBlocked = EntriesBlocked;
        this.Slots = Slots;
    }

    /// <summary>The snapshot of a state whose unrealized PnL was summed over its slots.</summary>
    internal AccountSnapshot(KernelState state, double unrealized)
    {
        var a = state.Account;
        EventSeq = state.EventSeq;
        TimeMs = state.LastEventMs;
        Capital = a.Capital;
        Equity = a.Capital + unrealized;
        CapitalSource = a.Source;
        EWalletBalance = a.EWalletBalance;
        AvailableMargin = a.AvailableMargin;
        FeesPaid = a.FeesPaid;
        UnrealizedPnl = unrealized;
        EntriesBlocked = a.EntriesBlocked;
        _state = state;
    }

    /// <summary>The event sequence number (strictly increasing).</summary>
    public long EventSeq { get; init; }
    /// <summary>Time of the last event applied.</summary>
    public long TimeMs { get; init; }
    /// <summary>Published capital.</summary>
    public double Capital { get; init; }
    /// <summary>Capital plus unrealized PnL.</summary>
    public double Equity { get; init; }
    /// <summary>Where capital came from.</summary>
    public CapitalSource CapitalSource { get; init; }
    /// <summary>The last accepted wallet balance.</summary>
    public double EWalletBalance { get; init; }
    /// <summary>The last reported available margin.</summary>
    public double AvailableMargin { get; init; }
    /// <summary>All fees paid.</summary>
    public double FeesPaid { get; init; }
    /// <summary>Unrealized PnL over all slots.</summary>
    public double UnrealizedPnl { get; init; }
    /// <summary>True while entries are refused after a divergence.</summary>
    public bool EntriesBlocked { get; init; }

    /// <summary>What readers see of each slot.</summary>
    public Arr<SlotView> Slots
    {
        get
        {
            switch (Volatile.Read(ref _slots))
            {
                case Given given: return given.Slots;
                case SlotView[] views: return new Arr<SlotView>(views);
            }
            var built = Queries.Views(_state!);
            return new Arr<SlotView>(Interlocked.CompareExchange(ref _slots, built, null) as SlotView[] ?? built);
        }
        init => _slots = new Given(value);
    }

    /// <summary>The figures, in declaration order.</summary>
    public void Deconstruct(out long EventSeq, out long TimeMs, out double Capital, out double Equity, out CapitalSource CapitalSource,
        out double EWalletBalance, out double AvailableMargin, out double FeesPaid, out double UnrealizedPnl, out bool EntriesBlocked,
        out Arr<SlotView> Slots)
    {
        EventSeq = this.EventSeq;
        TimeMs = this.TimeMs;
        Capital = this.Capital;
        Equity = this.Equity;
        CapitalSource = this.CapitalSource;
        EWalletBalance = this.EWalletBalance;
        AvailableMargin = this.AvailableMargin;
        FeesPaid = this.FeesPaid;
        UnrealizedPnl = this.UnrealizedPnl;
        EntriesBlocked = this.EntriesBlocked;
        Slots = this.Slots;
    }

    /// <summary>Value equality over the figures and the slot views.</summary>
    public bool Equals(AccountSnapshot? other) =>
        ReferenceEquals(this, other) || other is not null && EqualityContract == other.EqualityContract &&
        EventSeq == other.EventSeq && TimeMs == other.TimeMs && Capital.Equals(other.Capital) && Equity.Equals(other.Equity) &&
        CapitalSource == other.CapitalSource && EWalletBalance.Equals(other.EWalletBalance) &&
        AvailableMargin.Equals(other.AvailableMargin) && FeesPaid.Equals(other.FeesPaid) && UnrealizedPnl.Equals(other.UnrealizedPnl) &&
        EntriesBlocked == other.EntriesBlocked && Slots.Equals(other.Slots);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(EqualityContract);
        h.Add(EventSeq);
        h.Add(TimeMs);
        h.Add(Capital);
        h.Add(Equity);
        h.Add(CapitalSource);
        h.Add(EWalletBalance);
        h.Add(AvailableMargin);
        h.Add(FeesPaid);
        h.Add(UnrealizedPnl);
        h.Add(EntriesBlocked);
        h.Add(Slots);
        return h.ToHashCode();
    }
}

/// <summary>The venue's cumulative figures for one order as the kernel has applied them.</summary>
public sealed record OrderProgress(double CumQty, double AvgPrice, double ExchangeRealized, double Fees);
