namespace Pink.Core;

/// <summary>
/// Positions the exchange changes by itself: liquidation, ADL, an exchange-side stop or take-profit, a close from the
/// web UI. Invariants (MISSION.md §9, LEAN#5839):
/// on a dedicated account, a fill of an order Pink never placed that reduces a position a slot holds (same instrument,
/// the position side it reduces) is booked to that trade as an external exit leg — the usual true-price and `rp`/fee
/// rules, flagged external_close, one EXTERNAL_CLOSE warning — and the trade closes when flat, its slot freed and its
/// sizer feedback sent; only the open quantity of our trades is booked (what a flip leaves at the exchange beyond it is
/// the positions rules' to adopt); on a shared account such a fill is someone else's (UNRESOLVED_SLOT);
/// on either, a positions report that holds less than our trades while no order of ours is working books an inferred
/// exit leg for the difference (deterministic id, price unknown: realized_skipped_no_price) — never a phantom
/// position — and a fill of the order behind it that arrives later repairs that leg with the exchange's `rp` and fee
/// instead of reducing anything twice.
/// </summary>
internal static class ExternalCloses
{
    /// <summary>Books a fill of an order we never placed; false when it reduces no position of ours (or the account is shared).</summary>
    public static bool Book(Step s, Fill e)
    {
        if (s.Config.AccountMode != AccountMode.Dedicated || string.IsNullOrEmpty(e.Symbol)) return false;
        var side = e.PositionSide ?? (e.Side == OrderSide.Sell ? PositionSide.Long : PositionSide.Short);
        if (Names.Closing(side) != e.Side) return false; // it opens a position: the positions rules adopt what is not ours
        if (RepairInferred(s, e, side)) return true;
        var left = e.Qty;
        var booked = false;
        foreach (var trade in Held(s, e.Symbol, side))
        {
            if (left <= KernelConfig.QtyEpsilon) break;
            var qty = Math.Min(left, trade.OpenQty);
            var id = string.Create(CultureInfo.InvariantCulture, $"ext-{e.VenueOrderId?.ToString(CultureInfo.InvariantCulture) ?? e.ClientOrderId ?? e.Id ?? "?"}-{trade.TradeId}");
            if (s.OrderOf(id) is not null) continue; // that order already reduced this trade: the rest is not this trade's
            s.Diag(DiagnosticKinds.ExternalClose, Severity.Warning,
                string.Create(CultureInfo.InvariantCulture, $"fill {Fills.Describe(e)} of an order Pink never placed reduced {trade.TradeId} by {qty}: booked as an external exit"), trade.Slot, trade.TradeId);
            s.Put(trade with { Flags = trade.Flags | TradeFlags.ExternalClose });
            var order = new Order(id, e.VenueOrderId, trade.Slot, trade.TradeId, OrderPurpose.Exit, e.Side, qty, 0, OrderStatus.Working, 0, 0, 0, 0, false,
                External: true);
            s.Put(order);
            var part = qty / e.Qty;
            Fills.Book(s, e with
            {
                Qty = qty, CumQty = null, CumAvgPrice = null,
                Settlement = e.Settlement is { } x ? x with { RealizedPnl = x.RealizedPnl * part, Fee = x.Fee * part } : null,
            }, order, Routing.How.Identity);
            left -= qty;
            booked = true;
        }
        if (booked && left > KernelConfig.QtyEpsilon)
            s.Diag(DiagnosticKinds.ExternalClose, Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"fill {Fills.Describe(e)}: {left} beyond our positions is not ours (the positions report adopts it)"));
        return booked;
    }

    /// <summary>
    /// The exchange holds <paramref name="qty"/> less of an instrument and side than the given trades while no order of
    /// ours is working and no fill explained it: an inferred exit leg on each, newest trade first.
    /// </summary>
    public static void Infer(Step s, IReadOnlyList<Trade> trades, decimal qty, string reportId)
    {
        foreach (var held in trades.OrderByDescending(t => t.OpenedMs).ThenByDescending(t => t.Slot))
        {
            if (qty <= KernelConfig.QtyEpsilon) return;
            if (s.TradeOf(held.TradeId) is not Trade trade || trade.OpenQty <= KernelConfig.QtyEpsilon) continue;
            var part = Math.Min(qty, trade.OpenQty);
            var id = string.Create(CultureInfo.InvariantCulture, $"inferred-{trade.TradeId}-{trade.Legs.Count}");
            s.Diag(DiagnosticKinds.ExternalClose, Severity.Warning,
                string.Create(CultureInfo.InvariantCulture, $"positions report {reportId}: the exchange holds {part} less {trade.Symbol} {Names.Of(trade.Side)} than {trade.TradeId} and no fill explains it: inferred exit leg {id} booked (price unknown)"),
                trade.Slot, trade.TradeId);
            s.Put(trade with { Flags = trade.Flags | TradeFlags.ExternalClose });
            var side = Names.Closing(trade.Side);
            var order = new Order(id, null, trade.Slot, trade.TradeId, OrderPurpose.Exit, side, part, 0, OrderStatus.Working, 0, 0, 0, 0, false, External: true);
            s.Put(order);
            var a = s.Account;
            s.Put(a with { UnknownLegs = a.UnknownLegs.Add(id), CheckPending = a.CheckPending || a.Anchored });
            Fills.Book(s, new Fill(null, id, trade.Symbol, side, part, 0.0m, s.TimeMs, string.Create(CultureInfo.InvariantCulture, $"inferred:{trade.TradeId}:{trade.ExitQty + part}")), order,
                Routing.How.Identity);
            qty -= part;
        }
    }

    // A fill of the order whose reduction was inferred before: the inferred leg gets the exchange's figures, once.
    private static bool RepairInferred(Step s, Fill e, PositionSide side)
    {
        // Only the inferred orders still waiting for their figures: no search of the book.
        foreach (var id in s.Account.UnknownLegs)
        {
            if (s.OrderOf(id) is not Order order) continue;
            if (!order.External || order.VenueOrderId is not null || !order.ClientOrderId.StartsWith("inferred-", StringComparison.Ordinal)) continue;
            if (order.FilledQty - order.RepairedQty <= KernelConfig.QtyEpsilon || s.TradeOf(order.TradeId) is not Trade trade) continue;
            if (trade.Side != side || !Symbols.Same(trade.Symbol, e.Symbol)) continue;
            // The order behind an inferred exit filled before the report that showed it: a later fill is another order's.
            if (trade.Legs.Find(l => l.ClientOrderId == order.ClientOrderId).Case is ExitLeg leg && e.TimeMs > leg.TimeMs) continue;
            var qty = Math.Min(e.Qty, order.FilledQty - order.RepairedQty);
            var part = qty / e.Qty;
            var rp = e.Settlement?.RealizedPnl * part ?? (Pnl.Usable(e.Price) ? Pnl.Realized(side, qty, e.Price, trade.EntryBasis) : (decimal?)null);
            s.Diag(DiagnosticKinds.ExternalClose, Severity.Info,
                string.Create(CultureInfo.InvariantCulture, $"fill {Fills.Describe(e)} is the order behind inferred exit {order.ClientOrderId}: its figures repair that leg"), trade.Slot, trade.TradeId);
            s.Put(order with { RepairedQty = order.RepairedQty + qty });
            if (order.FilledQty - order.RepairedQty - qty <= KernelConfig.QtyEpsilon) Known(s, order.ClientOrderId);
            // The wallet moved by this fill long ago (its account update came): the K-ledger learns it, capital already holds it.
            Settlements.Late(s, s.OrderOf(order.ClientOrderId)!, trade, rp, (e.Settlement?.Fee ?? 0) * part, inWallet: true,
                provisional: e.Settlement?.Provisional ?? false);
            s.Remember(e.Id);
            s.Touch();
            return true;
        }
        return false;
    }

    /// <summary>One inferred leg's wallet delta is known now (or never will be): checks may run again once none is left.</summary>
    public static void Known(Step s, string inferredOrder)
    {
        var a = s.Account;
        s.Put(a with { UnknownLegs = a.UnknownLegs.Filter(id => id != inferredOrder) });
    }

    // Trades the slots host that hold the instrument on that side, oldest slot first.
    private static List<Trade> Held(Step s, string symbol, PositionSide side)
    {
        var held = new List<Trade>();
        for (var i = 0; i < s.SlotCount; i++)
            if (s.TradeOf(s.SlotAt(i)!.TradeId) is Trade t && t.Side == side && t.OpenQty > KernelConfig.QtyEpsilon && Symbols.Same(t.Symbol, symbol))
                held.Add(t);
        return held;
    }
}
