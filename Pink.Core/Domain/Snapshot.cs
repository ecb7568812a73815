using LanguageExt;

namespace Pink.Core;

/// <summary>What readers see of one slot.</summary>
public sealed record SlotView(int Slot, SlotPhase Phase, string? TradeId, string Symbol, string Side, decimal OpenQty,
    decimal EntryPrice, decimal MarkPrice, decimal UnrealizedPnl, decimal RealizedPnl, decimal Fees, int ExchangeLeverage,
    decimal ConvictionLeverage, decimal SettledBaseline, TradeFlags Flags);

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
    private readonly decimal _unrealized;
    private Figures? _figures; // null: a kernel snapshot, whose figures are read from _state
    private object? _slots; // null: not built yet (kernel snapshot); SlotView[]: built from _state; Given: set by a caller

    // A snapshot is made for nearly every event: the kernel's keeps only its state and unrealized PnL (48 bytes), and
    // its figures are read from that state. A snapshot made from figures, or changed with `with`, keeps them here.
    private sealed record Figures(long EventSeq, long TimeMs, decimal Capital, decimal Equity, CapitalSource CapitalSource,
        decimal EWalletBalance, decimal AvailableMargin, decimal FeesPaid, decimal UnrealizedPnl, bool EntriesBlocked);

    private sealed class Given(Arr<SlotView> slots)
    {
        public readonly Arr<SlotView> Slots = slots;
    }

    /// <summary>A snapshot from its figures (the kernel's, and the shell's reading of a published one).</summary>
    internal AccountSnapshot(long EventSeq, long TimeMs, decimal Capital, decimal Equity, CapitalSource CapitalSource,
        decimal EWalletBalance, decimal AvailableMargin, decimal FeesPaid, decimal UnrealizedPnl, bool EntriesBlocked,
        Arr<SlotView> Slots)
    {
        _figures = new Figures(EventSeq, TimeMs, Capital, Equity, CapitalSource, EWalletBalance, AvailableMargin, FeesPaid,
            UnrealizedPnl, EntriesBlocked);
        this.Slots = Slots;
    }

    /// <summary>The snapshot of a state whose unrealized PnL was summed over its slots.</summary>
    internal AccountSnapshot(KernelState state, decimal unrealized)
    {
        _state = state;
        _unrealized = unrealized;
    }

    private Figures Current
    {
        get
        {
            if (_figures is { } f) return f;
            var a = _state!.Account;
            return new Figures(_state.EventSeq, _state.LastEventMs, a.Capital, a.Capital + _unrealized, a.Source, a.EWalletBalance,
                a.AvailableMargin, a.FeesPaid, _unrealized, a.EntriesBlocked);
        }
    }

    /// <summary>The event sequence number (strictly increasing).</summary>
    public long EventSeq { get => _figures?.EventSeq ?? _state!.EventSeq; internal init => _figures = Current with { EventSeq = value }; }
    /// <summary>Time of the last event applied.</summary>
    public long TimeMs { get => _figures?.TimeMs ?? _state!.LastEventMs; internal init => _figures = Current with { TimeMs = value }; }
    /// <summary>Published capital.</summary>
    public decimal Capital { get => _figures?.Capital ?? _state!.Account.Capital; internal init => _figures = Current with { Capital = value }; }
    /// <summary>Capital plus unrealized PnL.</summary>
    public decimal Equity { get => _figures?.Equity ?? _state!.Account.Capital + _unrealized; internal init => _figures = Current with { Equity = value }; }
    /// <summary>Where capital came from.</summary>
    public CapitalSource CapitalSource { get => _figures?.CapitalSource ?? _state!.Account.Source; internal init => _figures = Current with { CapitalSource = value }; }
    /// <summary>The last accepted wallet balance.</summary>
    public decimal EWalletBalance { get => _figures?.EWalletBalance ?? _state!.Account.EWalletBalance; internal init => _figures = Current with { EWalletBalance = value }; }
    /// <summary>The last reported available margin.</summary>
    public decimal AvailableMargin { get => _figures?.AvailableMargin ?? _state!.Account.AvailableMargin; internal init => _figures = Current with { AvailableMargin = value }; }
    /// <summary>All fees paid.</summary>
    public decimal FeesPaid { get => _figures?.FeesPaid ?? _state!.Account.FeesPaid; internal init => _figures = Current with { FeesPaid = value }; }
    /// <summary>Unrealized PnL over all slots.</summary>
    public decimal UnrealizedPnl { get => _figures?.UnrealizedPnl ?? _unrealized; internal init => _figures = Current with { UnrealizedPnl = value }; }
    /// <summary>True while entries are refused after a divergence.</summary>
    public bool EntriesBlocked { get => _figures?.EntriesBlocked ?? _state!.Account.EntriesBlocked; internal init => _figures = Current with { EntriesBlocked = value }; }

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
        internal init => _slots = new Given(value);
    }

    /// <summary>The figures, in declaration order.</summary>
    public void Deconstruct(out long EventSeq, out long TimeMs, out decimal Capital, out decimal Equity, out CapitalSource CapitalSource,
        out decimal EWalletBalance, out decimal AvailableMargin, out decimal FeesPaid, out decimal UnrealizedPnl, out bool EntriesBlocked,
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

/// <summary>
/// The venue's cumulative figures for one order as the kernel has applied them. <paramref name="AwaitsConfirmation"/>:
/// the order's figures are stream frames' own (<see cref="Order.Provisional"/>), or its exchange realized so far disagrees
/// with the kernel's estimate — the venue's cumulative figures (an order answer) must reach the kernel even when they add
/// nothing.
/// </summary>
internal sealed record OrderProgress(decimal CumQty, decimal AvgPrice, decimal ExchangeRealized, decimal Fees, bool AwaitsConfirmation = false);
