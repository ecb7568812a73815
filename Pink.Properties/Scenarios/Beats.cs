using Pink.Core;

namespace Pink.Properties.Scenarios;

/// <summary>How a fill names its order (rule 6). BingX's user stream always carries the venue order id, and
/// sometimes our client order id.</summary>
public enum FillIds
{
    /// <summary>Venue order id and client order id.</summary>
    Both,
    /// <summary>Venue order id only: when the acknowledgement was lost the kernel must route by state.</summary>
    VenueOnly,
}

/// <summary>How the exchange reports what it settled for a fill (`rp` and fee).</summary>
public enum Settle
{
    /// <summary>With the fill itself.</summary>
    Inline,
    /// <summary>Later, as a FillSettled (REST income), when a Settle beat delivers it.</summary>
    Later,
    /// <summary>Never (only for fee-free fills, so the wallet and the kernel still agree).</summary>
    Never,
}

/// <summary>The unusable balances an exchange frame can carry (the zero-balance frame lesson, rule 9).</summary>
public enum BadBalance { Zero, Negative, Huge, Extreme }

/// <summary>Events that name something the kernel does not know (rule 7).</summary>
public enum Unknown { Ack, Cancel, Reject, Settlement, CloseNoSuchSlot, OpenNoSuchSlot, FillWithForeignClientId }

/// <summary>
/// One beat of a scenario: a small story step ("slot 0 opens a short", "the venue fills 40% of it") that the
/// <see cref="Simulation"/> turns into kernel events. A beat that does not fit the moment (a fill with no live order)
/// is skipped, so any sub-list of beats is a valid scenario — which is what makes shrinking simple.
/// <para><c>Gap</c> is the seconds since the previous beat; negative means the clock went back (skew).</para>
/// </summary>
public abstract record Beat(int Gap)
{
    /// <summary>The gap as text, only when it is not the usual one second.</summary>
    protected string At => Gap == 1 ? "" : $"  [{(Gap > 0 ? "+" : "")}{Gap}s]";
}

/// <summary>The policy opens a trade in a slot.</summary>
public sealed record OpenBeat(int Slot, int Symbol, PositionSide Side, int Lots, int Leverage, bool PlainSpelling, int Gap) : Beat(Gap)
{
    /// <inheritdoc />
    public override string ToString() => $"open s{Slot} {Names.Of(Side)} {Lots} lots {Spell(Symbol, PlainSpelling)} x{Leverage}{At}";

    internal static string Spell(int symbol, bool plain) => plain ? Market.At(symbol).Plain : Market.At(symbol).Dashed;
}

/// <summary>The venue's acknowledgement of the slot's newest unacknowledged order reaches the kernel.</summary>
public sealed record AckBeat(int Slot, int Gap) : Beat(Gap)
{
    /// <inheritdoc />
    public override string ToString() => $"ack s{Slot}{At}";
}

/// <summary>The venue fills part of the slot's live entry or exit order (incremental quantity).</summary>
/// <param name="Percent">Share of the order's remaining quantity, 1–100.</param>
/// <param name="Tick">True fill price, in ticks from the instrument's level.</param>
/// <param name="Priced">False: the event says 0.0 (price unknown), though the venue knows the true price.</param>
public sealed record FillBeat(int Slot, OrderPurpose Purpose, int Percent, int Tick, bool Priced, FillIds Ids, Settle Settle,
    int FeeBps, bool WithCumQty, bool PlainSpelling, int Gap) : Beat(Gap)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"fill s{Slot} {(Purpose == OrderPurpose.Entry ? "entry" : "exit")} {Percent}% @{Tick:+0;-0;0}{(Priced ? "" : " (price unknown)")}" +
        $" ids={Ids} settle={Settle} fee={FeeBps}bp{(WithCumQty ? " cum" : "")}{(PlainSpelling ? " plain" : "")}{At}";
}

/// <summary>The venue fills the slot's exit order beyond its remaining quantity: a fill through zero.</summary>
public sealed record FlipBeat(int Slot, int ExtraLots, int Tick, bool Priced, int Gap) : Beat(Gap)
{
    /// <inheritdoc />
    public override string ToString() => $"fill s{Slot} exit through zero +{ExtraLots} lots @{Tick:+0;-0;0}{(Priced ? "" : " (price unknown)")}{At}";
}

/// <summary>The policy asks to close the slot's trade.</summary>
public sealed record CloseBeat(int Slot, int Gap) : Beat(Gap)
{
    /// <inheritdoc />
    public override string ToString() => $"close s{Slot}{At}";
}

/// <summary>The venue cancels (or expires) the slot's live entry or exit order.</summary>
public sealed record CancelBeat(int Slot, OrderPurpose Purpose, int Gap) : Beat(Gap)
{
    /// <inheritdoc />
    public override string ToString() => $"venue cancels s{Slot} {(Purpose == OrderPurpose.Entry ? "entry" : "exit")}{At}";
}

/// <summary>The venue rejects the slot's newest order that has neither an acknowledgement nor a fill.</summary>
public sealed record RejectBeat(int Slot, int Gap) : Beat(Gap)
{
    /// <inheritdoc />
    public override string ToString() => $"venue rejects s{Slot}{At}";
}

/// <summary>A mark price.</summary>
public sealed record MarkBeat(int Symbol, int Tick, int Gap) : Beat(Gap)
{
    /// <inheritdoc />
    public override string ToString() => $"mark {Market.At(Symbol).Dashed} @{Tick:+0;-0;0}{At}";
}

/// <summary>The exchange reports the wallet balance (an anchor): after a trade (Order) or on a poll.</summary>
public sealed record AnchorBeat(BalanceReason Reason, int Gap) : Beat(Gap)
{
    /// <inheritdoc />
    public override string ToString() => $"balance report ({Reason}){At}";
}

/// <summary>A balance frame with an unusable balance.</summary>
public sealed record BadAnchorBeat(BadBalance Balance, int Gap) : Beat(Gap)
{
    /// <inheritdoc />
    public override string ToString() => $"balance report with {Balance} balance{At}";
}

/// <summary>Money moves for a reason the exchange explains: a deposit/withdrawal (Transfer) or funding.</summary>
public sealed record FlowBeat(BalanceReason Reason, int Amount, int Gap) : Beat(Gap)
{
    /// <inheritdoc />
    public override string ToString() => $"{Reason} {Amount:+0;-0;0} USDT{At}";
}

/// <summary>Another runtime on the shared account trades: its fill reaches our stream and its PnL our wallet.</summary>
public sealed record ForeignFillBeat(int Symbol, OrderSide Side, int Lots, int Tick, int Pnl, bool SameOrderAsLast, int Gap) : Beat(Gap)
{
    /// <inheritdoc />
    public override string ToString() => SameOrderAsLast
        ? $"foreign fill: the previous foreign order fills again, pnl {Pnl:+0;-0;0}{At}"
        : $"foreign fill {Names.Of(Side)} {Lots} lots {Market.At(Symbol).Dashed} @{Tick:+0;-0;0} pnl {Pnl:+0;-0;0}{At}";
}

/// <summary>The exchange delivers one of its pending settlements (FillSettled).</summary>
public sealed record SettleBeat(int Pick, int Gap) : Beat(Gap)
{
    /// <inheritdoc />
    public override string ToString() => $"exchange settles pending #{Pick}{At}";
}

/// <summary>An exchange event already delivered arrives again (<c>Back</c> counts from the newest).</summary>
public sealed record DuplicateBeat(int Back, int Gap) : Beat(Gap)
{
    /// <inheritdoc />
    public override string ToString() => $"duplicate of exchange event -{Back}{At}";
}

/// <summary>An event naming an order, settlement or slot the kernel does not know.</summary>
public sealed record UnknownBeat(Unknown Kind, int Symbol, int Gap) : Beat(Gap)
{
    /// <inheritdoc />
    public override string ToString() => $"unknown {Kind}{At}";
}

/// <summary>The process stops and resumes: save → restore → reconcile with what the exchange holds.</summary>
public sealed record RestartBeat(int Gap) : Beat(Gap)
{
    /// <inheritdoc />
    public override string ToString() => $"restart (save, restore, reconcile){At}";
}
