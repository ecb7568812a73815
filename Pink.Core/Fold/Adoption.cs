namespace Pink.Core;

/// <summary>
/// Positions reported by the exchange (start-up and reconciliation). Invariants: a position the kernel does not know
/// is adopted into an idle slot with the exchange's entry price, flagged adopted, its settlement baseline seeded so
/// nothing it carried is settled (rule 8); a known position the exchange holds less of while no order of ours is
/// working gets an inferred exit leg for the difference (ExternalCloses) — never a phantom position; any other
/// disagreement is reported (POSITION_MISMATCH), never silently rewritten. The exchange reports one position
/// per instrument and side, so it is compared with the sum of all trades holding that instrument and side.
/// </summary>
internal static class Adoption
{
    public static void Apply(Step s, PositionsReport e)
    {
        if (s.Seen(e.Id))
        {
            s.Diag(DiagnosticKinds.DuplicateIgnored, Severity.Info, string.Create(CultureInfo.InvariantCulture, $"positions report {e.Id} already applied"));
            return;
        }
        var reported = new List<ExchangePosition>();
        foreach (var p in e.Positions)
        {
            if (p is null || string.IsNullOrWhiteSpace(p.Symbol) || p.Qty < 0 || p.Qty > Pnl.Max || !Pnl.InRange(p.EntryPrice))
            {
                s.Diag(DiagnosticKinds.MalformedInput, Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"positions report {e.Id}: unusable position {p}"));
                continue;
            }
            if (p.Qty > KernelConfig.QtyEpsilon) reported.Add(p);
        }
        var hosted = new System.Collections.Generic.HashSet<int>();
        foreach (var group in HeldBySymbolAndSide(s))
        {
            var (symbol, side) = (group[0].Trade.Symbol, group[0].Trade.Side);
            var held = group.Sum(x => x.Trade.OpenQty);
            var i = reported.FindIndex(p => Symbols.Same(p.Symbol, symbol) && p.Side == side);
            if (i >= 0) hosted.Add(i);
            var exchange = i < 0 ? 0 : reported[i].Qty;
            if (i >= 0 && Math.Abs(exchange - held) <= Math.Max(KernelConfig.QtyEpsilon, 0.000000001m * held)) continue;
            if (exchange < held && !Working(s, group))
            {
                // Less at the exchange and no order of ours that could have done it: the exchange closed it (a stop that
                // sent no update, a liquidation whose fill never came). Book the difference; never keep a phantom position.
                ExternalCloses.Infer(s, group.Select(x => x.Trade).ToList(), held - exchange, e.Id);
                continue;
            }
            var (slot, trade) = group.Count == 1 ? ((int?)group[0].Slot, group[0].Trade.TradeId) : (null, null);
            var who = group.Count == 1 ? string.Create(CultureInfo.InvariantCulture, $"slot {group[0].Slot} holds") : string.Create(CultureInfo.InvariantCulture, $"slots {string.Join(", ", group.Select(x => x.Slot).Distinct())} hold");
            s.Diag(DiagnosticKinds.PositionMismatch, Severity.Error,
                string.Create(CultureInfo.InvariantCulture, $"{who} {held} {symbol} {Names.Of(side)}; the exchange reports {(i < 0 ? "none" : $"{exchange}")}"), slot, trade);
        }
        for (var i = 0; i < reported.Count; i++)
            if (!hosted.Contains(i)) Adopt(s, reported[i], e);
        s.Remember(e.Id);
        s.Sweep();
    }

    // An order of ours is working on one of the group's trades: a fill may explain the difference yet.
    private static bool Working(Step s, List<(int Slot, Trade Trade)> group)
    {
        foreach (var (slot, trade) in group)
            if (s.SlotAt(slot) is { } sl && sl.TradeId == trade.TradeId &&
                (s.OrderOf(sl.EntryOrder) is { Status: OrderStatus.Working } || s.OrderOf(sl.ExitOrder) is { Status: OrderStatus.Working }))
                return true;
        return false;
    }

    // The exchange (hedge mode) reports one position per instrument and side: the sum over every trade holding it —
    // including one no slot could host (a reversal opened while its slot was busy), which is exposure all the same.
    private static List<List<(int Slot, Trade Trade)>> HeldBySymbolAndSide(Step s)
    {
        var groups = new List<List<(int Slot, Trade Trade)>>();
        foreach (var t in s.AllTrades().Where(t => t.OpenQty > KernelConfig.QtyEpsilon).OrderBy(t => t.Slot))
        {
            var group = groups.Find(g => Symbols.Same(g[0].Trade.Symbol, t.Symbol) && g[0].Trade.Side == t.Side);
            if (group is null) groups.Add(group = new());
            group.Add((t.Slot, t));
        }
        return groups;
    }

    private static void Adopt(Step s, ExchangePosition p, PositionsReport e)
    {
        var idle = -1;
        for (var i = 0; i < s.SlotCount; i++)
            if (s.SlotAt(i) is { Phase: SlotPhase.Idle, TradeId: null } slot) { idle = slot.Index; break; }
        if (idle < 0)
        {
            s.Diag(DiagnosticKinds.UnresolvedSlot, Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"exchange position {p.Qty} {p.Symbol} {Names.Of(p.Side)}: no idle slot to adopt it"));
            return;
        }
        var id = string.Create(CultureInfo.InvariantCulture, $"adopted-{Symbols.Key(p.Symbol)}-{Names.Of(p.Side)}-{e.TimeMs}");
        if (s.TradeOf(id) is not null || s.ForgottenTrade(id)) id = string.Create(CultureInfo.InvariantCulture, $"{id}-{idle}");
        var basis = Pnl.Usable(p.EntryPrice) ? p.EntryPrice : 0.0m;
        var flags = TradeFlags.Adopted | (basis > 0 ? TradeFlags.None : TradeFlags.EntryBasisMissing);
        var trade = new Trade(id, idle, p.Symbol, p.Side, Math.Max(1, p.Leverage), p.Qty, basis > 0 ? p.Qty : 0, basis, p.Qty,
            0, 0, 0, 0, 0, PnlSource.KernelEstimate, flags, false, LanguageExt.Arr<ExitLeg>.Empty, e.TimeMs, 0, 0, 0, 0);
        s.Put(trade);
        s.Put(Slot.Idle(idle) with { Phase = SlotPhase.Open, TradeId = id });
        s.Diag(DiagnosticKinds.PositionAdopted, Severity.Info, string.Create(CultureInfo.InvariantCulture, $"adopted {p.Qty} {p.Symbol} {Names.Of(p.Side)} @ {p.EntryPrice} into slot {idle}"), idle, id);
        s.Row(Rows.TradeEvent(s, trade, "adopted"));
        s.Touch();
    }
}
