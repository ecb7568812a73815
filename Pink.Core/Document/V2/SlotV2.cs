namespace Pink.Core;

/// <summary>One slot lane.</summary>
internal sealed record SlotV2(int Index, SlotPhase Phase, string? TradeId, string? EntryOrder, string? ExitOrder,
    bool CloseRequested, int ExitAttempts, string? CloseClientOrderId)
{
    public static SlotV2 From(Slot s) =>
        new(s.Index, s.Phase, s.TradeId, s.EntryOrder, s.ExitOrder, s.CloseRequested, s.ExitAttempts, s.CloseClientOrderId);

    public Slot ToState() => new(Index, Phase, TradeId, EntryOrder, ExitOrder, CloseRequested, ExitAttempts, CloseClientOrderId);
}
