namespace Pink.Core;

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

    /// <summary>
    /// The slots' live order ids that <paramref name="clientOrderId"/> names whatever its case: the venue lower-cases the
    /// client order ids it echoes, and only a live order can still be echoed.
    /// </summary>
    internal static IEnumerable<string> LiveOrdersEchoed(LanguageExt.Arr<Slot> slots, string clientOrderId)
    {
        foreach (var slot in slots)
        {
            if (slot.EntryOrder is string entry && string.Equals(entry, clientOrderId, StringComparison.OrdinalIgnoreCase)) yield return entry;
            if (slot.ExitOrder is string exit && string.Equals(exit, clientOrderId, StringComparison.OrdinalIgnoreCase)) yield return exit;
        }
    }
}
