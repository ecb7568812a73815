namespace Pink.Core;

/// <summary>Direction of a position (MISSION.md §3). Sign +1 long, −1 short.</summary>
public enum PositionSide
{
    /// <summary>Long: profits when the price rises.</summary>
    Long,
    /// <summary>Short: profits when the price falls.</summary>
    Short,
}

/// <summary>Direction of an order or a fill as the venue reports it.</summary>
public enum OrderSide
{
    /// <summary>Buy.</summary>
    Buy,
    /// <summary>Sell.</summary>
    Sell,
}

/// <summary>The slot FSM: idle → entry working → open → exit working → idle.</summary>
public enum SlotPhase
{
    /// <summary>No trade.</summary>
    Idle,
    /// <summary>An entry order is live.</summary>
    EntryWorking,
    /// <summary>Quantity is held, no order live.</summary>
    Open,
    /// <summary>An exit order is live.</summary>
    ExitWorking,
}

/// <summary>Whether an order builds the position (entry) or reduces it (exit).</summary>
public enum OrderPurpose
{
    /// <summary>Builds the position.</summary>
    Entry,
    /// <summary>Reduces the position.</summary>
    Exit,
}

/// <summary>Lifecycle of one order as the kernel knows it.</summary>
public enum OrderStatus
{
    /// <summary>Live at the venue (or sent).</summary>
    Working,
    /// <summary>Completely filled.</summary>
    Filled,
    /// <summary>Cancelled or expired; any remainder is gone.</summary>
    Cancelled,
    /// <summary>Refused by the venue.</summary>
    Rejected,
}

/// <summary>Where published capital came from (MISSION.md §3, provenance).</summary>
public enum CapitalSource
{
    /// <summary>The configured seed; no anchor yet.</summary>
    Seed,
    /// <summary>Set to the exchange wallet balance by an anchor.</summary>
    EAnchored,
    /// <summary>Last anchor (or seed) plus kernel increments minus fees.</summary>
    KBridged,
}

/// <summary>Where a trade's PnL came from (MISSION.md §3, provenance).</summary>
public enum PnlSource
{
    /// <summary>Computed by the kernel from fill prices.</summary>
    KernelEstimate,
    /// <summary>Confirmed (or repaired) by the exchange's realized PnL.</summary>
    Exchange,
}

/// <summary>Severity of a diagnostic.</summary>
public enum Severity
{
    /// <summary>Worth counting.</summary>
    Info,
    /// <summary>Something was not applied or looks wrong.</summary>
    Warning,
    /// <summary>Money may be misstated: a person must look.</summary>
    Error,
}

/// <summary>Flags a trade, slot or leg can carry. Names on the wire are the rule names.</summary>
[Flags]
public enum TradeFlags
{
    /// <summary>Nothing to report.</summary>
    None = 0,
    /// <summary>No priced entry fill yet: unrealized shows 0 and exits cannot be valued.</summary>
    EntryBasisMissing = 1,
    /// <summary>An exit leg had no true price: it reduced the position and booked 0.</summary>
    RealizedSkippedNoPrice = 2,
    /// <summary>The position was adopted from the exchange at start.</summary>
    Adopted = 4,
    /// <summary>The trade was opened by the excess of a fill through zero.</summary>
    Reversal = 8,
    /// <summary>The exchange reduced the position by an order Pink never placed (liquidation, ADL, a stop, the web UI).</summary>
    ExternalClose = 16,
}

/// <summary>Whether the account is Pink's alone (MISSION.md §9: broker-initiated changes must be applied).</summary>
public enum AccountMode
{
    /// <summary>Only Pink trades the account: a fill of an order Pink never placed that reduces a position a slot holds
    /// is the exchange closing it (liquidation, ADL, a stop, the web UI) and is booked to that trade.</summary>
    Dedicated,
    /// <summary>Other runtimes trade the account too: a fill Pink never placed is someone else's; only the positions the
    /// exchange reports can show that a position of ours was closed.</summary>
    Shared,
}

/// <summary>Stable wire names for the enumerations (rows, documents, summaries).</summary>
public static class Names
{
    /// <summary>LONG or SHORT.</summary>
    public static string Of(PositionSide s) => s == PositionSide.Long ? "LONG" : "SHORT";
    /// <summary>BUY or SELL.</summary>
    public static string Of(OrderSide s) => s == OrderSide.Buy ? "BUY" : "SELL";
    /// <summary>seed, e_anchored or k_bridged.</summary>
    public static string Of(CapitalSource s) => s switch
    {
        CapitalSource.EAnchored => "e_anchored",
        CapitalSource.KBridged => "k_bridged",
        _ => "seed",
    };
    /// <summary>exchange or kernel_estimate.</summary>
    public static string Of(PnlSource s) => s == PnlSource.Exchange ? "exchange" : "kernel_estimate";
    /// <summary>INFO, WARNING or ERROR.</summary>
    public static string Of(Severity s) => s switch { Severity.Error => "ERROR", Severity.Warning => "WARNING", _ => "INFO" };
    /// <summary>idle, entry_working, open or exit_working.</summary>
    public static string Of(SlotPhase p) => p switch
    {
        SlotPhase.EntryWorking => "entry_working",
        SlotPhase.Open => "open",
        SlotPhase.ExitWorking => "exit_working",
        _ => "idle",
    };

    /// <summary>The rule names of the set flags, in a fixed order.</summary>
    public static IReadOnlyList<string> Of(TradeFlags f)
    {
        if (f == TradeFlags.None) return Array.Empty<string>();
        var names = new List<string>(4);
        if (f.HasFlag(TradeFlags.EntryBasisMissing)) names.Add("entry_basis_missing");
        if (f.HasFlag(TradeFlags.RealizedSkippedNoPrice)) names.Add("realized_skipped_no_price");
        if (f.HasFlag(TradeFlags.Adopted)) names.Add("adopted");
        if (f.HasFlag(TradeFlags.Reversal)) names.Add("reversal");
        if (f.HasFlag(TradeFlags.ExternalClose)) names.Add("external_close");
        return names;
    }

    private static readonly string[] FlagTexts = BuildFlagTexts();

    private static string[] BuildFlagTexts()
    {
        var all = TradeFlags.EntryBasisMissing | TradeFlags.RealizedSkippedNoPrice | TradeFlags.Adopted | TradeFlags.Reversal | TradeFlags.ExternalClose;
        var texts = new string[(int)all + 1];
        for (var i = 0; i < texts.Length; i++) texts[i] = string.Join(',', Of((TradeFlags)i));
        return texts;
    }

    /// <summary>The rule names of the set flags joined by commas (as rows carry them); "" for none.</summary>
    public static string FlagText(TradeFlags f) =>
        (uint)f < (uint)FlagTexts.Length ? FlagTexts[(int)f] : string.Join(',', Of(f));

    /// <summary>The side that opens a position of this direction.</summary>
    public static OrderSide Opening(PositionSide s) => s == PositionSide.Long ? OrderSide.Buy : OrderSide.Sell;
    /// <summary>The side that reduces a position of this direction.</summary>
    public static OrderSide Closing(PositionSide s) => s == PositionSide.Long ? OrderSide.Sell : OrderSide.Buy;
    /// <summary>+1 for long, −1 for short.</summary>
    public static int Sign(PositionSide s) => s == PositionSide.Long ? 1 : -1;
    /// <summary>The other direction.</summary>
    public static PositionSide Flip(PositionSide s) => s == PositionSide.Long ? PositionSide.Short : PositionSide.Long;
}
