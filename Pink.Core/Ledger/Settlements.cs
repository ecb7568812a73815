namespace Pink.Core;

/// <summary>
/// The exchange's own figures for fills: realized PnL (`rp`) and fees (rule 13).
/// Invariants: `rp` for a leg flagged realized_skipped_no_price repairs it — added once, idempotent through the
/// de-duplication of exchange events; otherwise the trade's pnl_source becomes exchange and the kernel's estimate
/// stays booked unless it differs from `rp` beyond tolerance, which raises PNL_MISMATCH (ERROR) and an anomaly row —
/// never a silent re-book. Fees are booked to the trade they were paid for, whatever their sign.
/// A disagreement found on provisional figures (a stream frame's own fill's rp, while its fill may span fills whose
/// frames were lost) is not yet an error: the kernel asks the venue for the order (QueryOrder) and says so
/// (PNL_UNCONFIRMED, WARNING); PNL_MISMATCH is raised only when the order's cumulative figures still disagree.
/// </summary>
internal static class Settlements
{
    /// <summary>The settlement that came with a fill: only that fill's leg can be repaired.</summary>
    public static void OnFill(Step s, string clientOrderId, int? legIndex, ExchangeSettlement x)
    {
        if (s.OrderOf(clientOrderId) is Order order && s.TradeOf(order.TradeId) is Trade trade)
            Book(s, order, trade, x.RealizedPnl, x.Fee, legIndex, anyLeg: false, legRows: false, x.Provisional);
    }

    /// <summary>A settlement reported on its own (e.g. REST income, or a synthetic FILL_SETTLED).</summary>
    public static void Apply(Step s, FillSettled e)
    {
        if (s.Seen(e.Id))
        {
            s.Diag(DiagnosticKinds.DuplicateIgnored, Severity.Info, string.Create(CultureInfo.InvariantCulture, $"settlement {e.Id} already applied"));
            return;
        }
        if (s.OrderByVenue(e.VenueOrderId) is null && s.Forgotten(null, e.VenueOrderId))
        {
            s.Diag(DiagnosticKinds.ForgottenTrade, Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"settlement {e.Id}: venue order {e.VenueOrderId} belongs to a forgotten (closed and settled) trade; not booked"));
            s.Remember(e.Id);
            return;
        }
        if (s.OrderByVenue(e.VenueOrderId) is not Order order || s.TradeOf(order.TradeId) is not Trade trade)
        {
            s.Diag(DiagnosticKinds.UnresolvedSlot, Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"settlement {e.Id}: unknown venue order {e.VenueOrderId}"));
            return;
        }
        s.Remember(e.Id);
        s.Touch();
        if (order.AwaitedSettlements > 0)
        {
            order = order with { AwaitedSettlements = order.AwaitedSettlements - 1 };
            s.Put(order);
        }
        Late(s, order, trade, e.RealizedPnl, e.Fee);
    }

    /// <summary>
    /// The exchange's figures for an order's fills that came after the fact (a late fill of the order behind an inferred
    /// exit): repairs its price-less legs, settles the increment, and re-sends a closed trade's feedback.
    /// </summary>
    public static void Late(Step s, Order order, Trade trade, decimal? rp, decimal fee, bool inWallet = false, bool provisional = false)
    {
        var before = trade;
        Book(s, order, trade, rp, fee, null, anyLeg: true, legRows: true, provisional);
        Bridge.Settle(s, trade.TradeId, inWallet: inWallet);
        if (before.Closed && s.TradeOf(trade.TradeId) is Trade after && (after.RealizedPnl != before.RealizedPnl || after.Fees != before.Fees || after.PnlSource != before.PnlSource))
        {
            after = after with { FeedbackRevision = after.FeedbackRevision + 1 };
            s.Put(after);
            s.Row(Rows.TradeEvent(s, after, "settled"));
            s.Emit(Queries.Feedback(after));
        }
    }

    /// <summary>Exchange if every exit order of the trade was settled by the exchange, else the kernel's estimate.</summary>
    public static PnlSource SourceOf(Step s, Trade trade)
    {
        var legs = trade.Legs;
        if (legs.Count == 0) return PnlSource.KernelEstimate;
        for (var i = 0; i < legs.Count; i++)
            if (s.OrderOf(legs[i].ClientOrderId) is not { ExchangeSettled: true }) return PnlSource.KernelEstimate;
        return PnlSource.Exchange;
    }

    // legRows: a settlement after the fact rewrites the repaired legs' rows (same key: the store keeps the newest);
    // one that came with its fill leaves the leg's single row to the fill. Repairable legs: the order's price-less,
    // unrepaired legs — any of them (anyLeg) or only the fill's own (legIndex).
    // `order` is the order as it stands; it and the trade are each written once, with every change of the settlement.
    private static void Book(Step s, Order order, Trade trade, decimal? rp, decimal fee, int? legIndex, bool anyLeg, bool legRows, bool provisional)
    {
        if (!Pnl.InRange(fee))
        {
            s.Diag(DiagnosticKinds.MalformedInput, Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"settlement of {order.ClientOrderId}: fee {fee} ignored"), order.Slot, trade.TradeId);
            fee = 0;
        }
        if (rp is decimal r && !Pnl.InRange(r))
        {
            s.Diag(DiagnosticKinds.MalformedInput, Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"settlement of {order.ClientOrderId}: rp {r} ignored"), order.Slot, trade.TradeId);
            rp = null;
        }
        var fees = trade.Fees + fee;
        var repaired = false;
        if (rp is decimal realized)
        {
            LanguageExt.Arr<ExitLeg> skipped = default;
            var legs = trade.Legs;
            for (var i = 0; i < legs.Count; i++)
            {
                var l = legs[i];
                if (l.ClientOrderId == order.ClientOrderId && l.SkippedNoPrice && !l.Repaired && (anyLeg || l.Index == legIndex))
                    skipped = skipped.Add(l);
            }
            repaired = !skipped.IsEmpty;
            if (repaired)
                trade = Repair(s, trade, skipped, realized, legRows);
            else if (order.Purpose == OrderPurpose.Exit || realized != 0)
                Compare(s, order, trade, realized, provisional);
            s.Put(order with
            {
                Fees = order.Fees + fee, Provisional = provisional,
                ExchangeSettled = true, ExchangeRealized = order.ExchangeRealized + realized,
                EstimatedRealized = repaired ? order.EstimatedRealized + realized : order.EstimatedRealized,
            });
        }
        else s.Put(order with { Fees = order.Fees + fee, Provisional = provisional });
        s.Put(trade with { Fees = fees, PnlSource = SourceOf(s, trade) });
    }

    private static Trade Repair(Step s, Trade trade, LanguageExt.Arr<ExitLeg> legs, decimal rp, bool legRows)
    {
        var qty = 0.0m;
        foreach (var l in legs) qty += l.Qty;
        var all = trade.Legs;
        foreach (var l in legs)
        {
            var repaired = l with { Repaired = true, Realized = qty > 0 ? rp * l.Qty / qty : rp / legs.Count };
            all = all.SetItem(l.Index, repaired);
        }
        var stillSkipped = all.Exists(l => l.SkippedNoPrice && !l.Repaired);
        trade = trade with
        {
            RealizedPnl = trade.RealizedPnl + rp, Legs = all,
            Flags = stillSkipped ? trade.Flags : trade.Flags & ~TradeFlags.RealizedSkippedNoPrice,
        };
        if (legRows)
            foreach (var l in legs) s.Row(Rows.ExitLeg(s, trade, all[l.Index], PnlSource.Exchange));
        return trade;
    }

    /// <summary>
    /// The kernel's estimate of an order's realized PnL and the exchange's differ beyond tolerance. An order whose
    /// figures so far disagree awaits the venue's cumulative figures (the BingX reading then settles an order answer
    /// even when it adds nothing, so the comparison is made).
    /// </summary>
    internal static bool Disagrees(KernelConfig config, decimal estimated, decimal exchange) =>
        Math.Abs(estimated - exchange) > config.PnlMismatchTolerance;

    private static void Compare(Step s, Order order, Trade trade, decimal rp, bool provisional)
    {
        var exchange = order.ExchangeRealized + rp;
        var diff = order.EstimatedRealized - exchange;
        if (!Disagrees(s.Config, order.EstimatedRealized, exchange)) return;
        if (provisional)
        {
            s.Diag(DiagnosticKinds.PnlUnconfirmed, Severity.Warning,
                string.Create(CultureInfo.InvariantCulture, $"order {order.ClientOrderId}: kernel estimate {order.EstimatedRealized:0.########} vs the stream's rp {exchange:0.########} (diff {diff:0.########}), which may miss a lost frame's fill; asking the venue for the order's cumulative figures"),
                order.Slot, trade.TradeId);
            s.Emit(new QueryOrder(order.Slot, order.ClientOrderId, order.VenueOrderId, trade.Symbol));
        }
        else
            s.Diag(DiagnosticKinds.PnlMismatch, Severity.Error,
                string.Create(CultureInfo.InvariantCulture, $"order {order.ClientOrderId}: kernel estimate {order.EstimatedRealized:0.########} vs exchange rp {exchange:0.########} (diff {diff:0.########}); estimate kept"),
                order.Slot, trade.TradeId);
    }
}
