namespace Pink.Core;

/// <summary>
/// The exchange's income history as an input (GET user/income). Invariants: the wallet already moved by every record
/// (the stream's account updates carried it), so income never moves capital and never adds realized on top of what a
/// fill's `rp` already booked; a record is applied once (its tranId); it is attributed to the one trade that held its
/// instrument at its time — none or several: INCOME_UNATTRIBUTED (info) — as that trade's exchange realized, fees or
/// funding (funding is reported per trade, never in sizer feedback); once the history is complete up to a trade's
/// close, the trade is compared with it (seed §9: within its fees plus PnlMismatchTolerance for slippage, else
/// INCOME_MISMATCH) after an inferred exit leg of it is repaired from it (the income realized its known legs lack).
/// </summary>
internal static class Income
{
    public static void Apply(Step s, IncomeRecord e)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"income:{e.TranId}");
        if (s.Seen(id))
        {
            s.Diag(DiagnosticKinds.DuplicateIgnored, Severity.Info, string.Create(CultureInfo.InvariantCulture, $"income {e.TranId} already applied"));
            return;
        }
        if (string.IsNullOrWhiteSpace(e.TranId) || !Pnl.InRange(e.Amount))
        {
            s.Diag(DiagnosticKinds.MalformedInput, Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"income record {e.TranId}: amount {e.Amount} or tranId unusable"));
            return;
        }
        s.Remember(id);
        if (e.Kind == IncomeKind.Other || e.Amount == 0) return;
        if (e.Kind == IncomeKind.FundingFee && s.Account.Anchored)
        {
            s.Put(FundingFlows.Listed(s.Account, e.TimeMs, e.Amount));
            s.Touch();
        }
        var holders = s.AllTrades().Where(t => Symbols.Same(t.Symbol, e.Symbol) && t.EntryQty > KernelConfig.QtyEpsilon &&
            t.OpenedMs <= e.TimeMs && (!t.Closed || e.TimeMs <= t.ClosedMs)).ToList();
        // Hedge mode can hold a long and a short of the instrument at once, and income names no side: the trade that
        // filled at the record's time is the one (an exit leg then, or its first entry).
        if (holders.Count > 1)
        {
            var filled = holders.Where(t => t.OpenedMs == e.TimeMs || t.EntryTimes.Contains(e.TimeMs) || t.Legs.Exists(l => l.TimeMs == e.TimeMs)).ToList();
            // No fill of ours at that time: the exchange's own order behind an inferred exit (its fill never reached us).
            holders = filled.Count > 0 ? filled : holders.Where(t => Inferred(s, t).Count > 0).ToList();
        }
        if (holders.Count != 1)
        {
            s.Diag(DiagnosticKinds.IncomeUnattributed, Severity.Info,
                string.Create(CultureInfo.InvariantCulture, $"income {e.TranId} {e.Kind} {e.Amount} {e.Symbol}: {(holders.Count == 0 ? "no trade" : $"{holders.Count} trades")} held it then"));
            return;
        }
        var trade = holders[0];
        s.Put(e.Kind switch
        {
            IncomeKind.RealizedPnl => trade with { IncomeRealized = trade.IncomeRealized + e.Amount },
            IncomeKind.TradingFee => trade with { IncomeFees = trade.IncomeFees - e.Amount }, // negative = paid
            _ => trade with { Funding = trade.Funding + e.Amount },
        });
        s.Touch();
    }

    public static void Complete(Step s, IncomeComplete e)
    {
        var a = s.Account;
        if (e.UpToMs > a.IncomeUpToMs)
        {
            s.Put(FundingFlows.Completed(a with { IncomeUpToMs = e.UpToMs }, e.UpToMs));
            s.Touch();
        }
        // An inferred leg is repaired as soon as the history holds figures for its trade (the stop's rp and fee come
        // together); with nothing for it once the margin has passed, its delta stays unknown and checks run again.
        foreach (var id in s.Account.UnknownLegs.ToList())
            if (s.OrderOf(id) is Order o && s.TradeOf(o.TradeId) is Trade held)
            {
                if (held.IncomeRealized != 0 || held.IncomeFees > held.Fees) Repair(s, held);
                else if (held.Closed && held.ClosedMs + Kernel.IncomeSettleMs <= e.UpToMs) GiveUp(s, held);
            }
        s.Sweep();
        foreach (var trade in s.AllTrades().Where(t => t.Closed && !t.IncomeChecked && t.ClosedMs + Kernel.IncomeSettleMs <= e.UpToMs).ToList())
        {
            if (trade.IncomeFees == 0 && trade.IncomeRealized == 0) continue;
            var t = trade;
            var tolerance = s.Config.PnlMismatchTolerance + Math.Abs(t.Fees);
            var (realized, fees) = (t.RealizedPnl - t.IncomeRealized, t.Fees - t.IncomeFees);
            if (Math.Abs(realized) > tolerance || Math.Abs(fees) > tolerance)
                s.Diag(DiagnosticKinds.IncomeMismatch, Severity.Error,
                    string.Create(CultureInfo.InvariantCulture, $"{t.TradeId}: realized {t.RealizedPnl:0.########} fees {t.Fees:0.########} vs income {t.IncomeRealized:0.########} / {t.IncomeFees:0.########} (tolerance {tolerance:0.########})"),
                    t.Slot, t.TradeId);
            s.Put(t with { IncomeChecked = true });
            s.Touch();
        }
    }

    private static void GiveUp(Step s, Trade trade)
    {
        foreach (var o in Inferred(s, trade))
        {
            s.Diag(DiagnosticKinds.ExternalClose, Severity.Warning,
                string.Create(CultureInfo.InvariantCulture, $"{trade.TradeId}: the income history holds nothing for inferred exit {o.ClientOrderId}; its realized stays unknown"), trade.Slot, trade.TradeId);
            s.Put(o with { RepairedQty = o.FilledQty });
            ExternalCloses.Known(s, o.ClientOrderId);
            s.Touch();
        }
    }

    private static List<Order> Inferred(Step s, Trade trade) =>
        s.Account.UnknownLegs.Select(id => s.OrderOf(id)).OfType<Order>().Where(o => o.TradeId == trade.TradeId).ToList();

    // An inferred exit leg booked 0: what the income realized beyond the trade's known legs is its realized.
    private static void Repair(Step s, Trade trade)
    {
        var inferred = Inferred(s, trade);
        if (inferred.Count == 0) return;
        var rp = trade.IncomeRealized - trade.RealizedPnl;
        var fee = Math.Max(0, trade.IncomeFees - trade.Fees);
        var order = inferred[0];
        s.Diag(DiagnosticKinds.ExternalClose, Severity.Info, string.Create(CultureInfo.InvariantCulture, $"{trade.TradeId}: inferred exit {order.ClientOrderId} repaired from the income history (rp {rp:0.########})"), trade.Slot, trade.TradeId);
        foreach (var o in inferred)
        {
            s.Put(o with { RepairedQty = o.FilledQty });
            ExternalCloses.Known(s, o.ClientOrderId);
        }
        Settlements.Late(s, s.OrderOf(order.ClientOrderId)!, trade, rp, fee, inWallet: true);
    }
}
