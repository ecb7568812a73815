namespace Pink.Core;

/// <summary>
/// Positions reported by the exchange (start-up and reconciliation). Invariants: a position the kernel does not know
/// is adopted into an idle slot with the exchange's entry price, flagged adopted, its settlement baseline seeded so
/// nothing it carried is settled (rule 8); a known position whose quantity disagrees is reported
/// (POSITION_MISMATCH), never silently rewritten — the kernel does not invent fills.
/// </summary>
internal static class Adoption
{
    public static void Apply(Step s, PositionsReport e)
    {
        if (s.Seen(e.Id))
        {
            s.Diag(DiagnosticKinds.DuplicateIgnored, Severity.Info, $"positions report {e.Id} already applied");
            return;
        }
        var reported = new List<ExchangePosition>();
        foreach (var p in e.Positions)
        {
            if (p is null || string.IsNullOrWhiteSpace(p.Symbol) || !double.IsFinite(p.Qty) || p.Qty < 0)
            {
                s.Diag(DiagnosticKinds.MalformedInput, Severity.Warning, $"positions report {e.Id}: unusable position {p}");
                continue;
            }
            if (p.Qty > KernelConfig.QtyEpsilon) reported.Add(p);
        }
        var hosted = new System.Collections.Generic.HashSet<int>();
        for (var si = 0; si < s.SlotCount; si++)
        {
            var slot = s.SlotAt(si)!;
            if (s.TradeOf(slot.TradeId) is not Trade t || t.OpenQty <= KernelConfig.QtyEpsilon) continue;
            var i = reported.FindIndex(p => Symbols.Same(p.Symbol, t.Symbol) && p.Side == t.Side);
            if (i < 0)
            {
                s.Diag(DiagnosticKinds.PositionMismatch, Severity.Error, $"slot {slot.Index} holds {t.OpenQty} {t.Symbol} {Names.Of(t.Side)}; the exchange reports none", slot.Index, t.TradeId);
                continue;
            }
            hosted.Add(i);
            if (Math.Abs(reported[i].Qty - t.OpenQty) > Math.Max(KernelConfig.QtyEpsilon, 1e-9 * t.OpenQty))
                s.Diag(DiagnosticKinds.PositionMismatch, Severity.Error, $"slot {slot.Index} holds {t.OpenQty} {t.Symbol} {Names.Of(t.Side)}; the exchange reports {reported[i].Qty}", slot.Index, t.TradeId);
        }
        for (var i = 0; i < reported.Count; i++)
            if (!hosted.Contains(i)) Adopt(s, reported[i], e);
        s.Remember(e.Id);
    }

    private static void Adopt(Step s, ExchangePosition p, PositionsReport e)
    {
        var idle = -1;
        for (var i = 0; i < s.SlotCount; i++)
            if (s.SlotAt(i) is { Phase: SlotPhase.Idle, TradeId: null } slot) { idle = slot.Index; break; }
        if (idle < 0)
        {
            s.Diag(DiagnosticKinds.UnresolvedSlot, Severity.Warning, $"exchange position {p.Qty} {p.Symbol} {Names.Of(p.Side)}: no idle slot to adopt it");
            return;
        }
        var id = $"adopted-{Symbols.Key(p.Symbol)}-{Names.Of(p.Side)}-{e.TimeMs}";
        if (s.TradeOf(id) is not null) id = $"{id}-{idle}";
        var basis = Pnl.Usable(p.EntryPrice) ? p.EntryPrice : 0.0;
        var flags = TradeFlags.Adopted | (basis > 0 ? TradeFlags.None : TradeFlags.EntryBasisMissing);
        var trade = new Trade(id, idle, p.Symbol, p.Side, Math.Max(1, p.Leverage), p.Qty, basis > 0 ? p.Qty : 0, basis, p.Qty,
            0, 0, 0, 0, 0, PnlSource.KernelEstimate, flags, false, LanguageExt.Arr<ExitLeg>.Empty, e.TimeMs, 0, 0, 0, 0);
        s.Put(trade);
        s.Put(Slot.Idle(idle) with { Phase = SlotPhase.Open, TradeId = id });
        s.Diag(DiagnosticKinds.PositionAdopted, Severity.Info, $"adopted {p.Qty} {p.Symbol} {Names.Of(p.Side)} @ {p.EntryPrice} into slot {idle}", idle, id);
        s.Row(Rows.TradeEvent(s, trade, "adopted"));
        s.Touch();
    }
}
