namespace Pink.Core;

/// <summary>
/// Fills (legs). Invariants:
/// quantities are incremental; entry fills build a VWAP basis from priced fills only (rule 3);
/// an exit leg realizes sign × qty × (price − basis), leverage-free (rule 1), and never more than the open quantity —
/// the excess of a fill through zero opens a new trade on the other side;
/// a price-less exit leg still reduces the position, books 0 and is flagged (rule 5);
/// an exchange event already applied changes nothing (rule 14).
/// </summary>
internal static class Fills
{
    public static void Apply(Step s, Fill e)
    {
        if (s.Seen(e.Id))
        {
            s.Diag(DiagnosticKinds.DuplicateIgnored, Severity.Info, string.Create(CultureInfo.InvariantCulture, $"fill {Describe(e)} already applied"));
            return;
        }
        if (!Pnl.Usable(e.Qty))
        {
            // A report of a cumulative quantity already applied (the fill was learned on another channel first) is a repeat.
            if (e.CumQty is decimal c && Routing.Resolve(s, e).Order is { ReportedCumQty: > 0 } known && c <= known.ReportedCumQty + KernelConfig.QtyEpsilon)
                s.Diag(DiagnosticKinds.DuplicateIgnored, Severity.Info, string.Create(CultureInfo.InvariantCulture, $"fill {Describe(e)}: cumulative {c} already applied"), known.Slot, known.TradeId);
            else
                s.Diag(DiagnosticKinds.MalformedInput, Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"fill {Describe(e)}: quantity {e.Qty} is not a positive number"));
            return;
        }
        if (e.CumQty is decimal cum && (cum < 0 || cum > Pnl.Max) || e.CumAvgPrice is decimal avg && !Pnl.InRange(avg))
        {
            // Cumulative figures are kept on the order and added to later ones: beyond the kernel's bound they could overflow.
            s.Diag(DiagnosticKinds.MalformedInput, Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"fill {Describe(e)}: cumulative quantity {e.CumQty} or average {e.CumAvgPrice} out of range"));
            return;
        }
        // Before any routing by state: a fill naming a forgotten order (its venue id alone, say) must never be given to a
        // working order of ours that has no venue id yet.
        if (s.OrderByVenue(e.VenueOrderId) is null && s.OrderOfVenueEcho(e.ClientOrderId) is null && s.Forgotten(e.ClientOrderId, e.VenueOrderId))
        {
            // A late repeat for a trade that closed, settled and was forgotten: the venue's books already hold it, and so did ours.
            s.Diag(DiagnosticKinds.ForgottenTrade, Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"fill {Describe(e)}: its order belongs to a forgotten (closed and settled) trade; not booked"));
            s.Remember(e.Id);
            return;
        }
        var (order, how) = Routing.Resolve(s, e);
        if (order is null)
        {
            if (how == Routing.How.Unresolved && ExternalCloses.Book(s, e)) return;
            s.Diag(DiagnosticKinds.UnresolvedSlot, Severity.Warning,
                string.Create(CultureInfo.InvariantCulture, $"fill {Describe(e)}: {(how == Routing.How.Ambiguous ? "matches more than one working slot" : "matches no order or working slot")}"));
            return;
        }
        Book(s, e, order, how);
    }

    /// <summary>A fill of a known order: the leg, its settlement, the bridge and the slot.</summary>
    public static void Book(Step s, Fill e, Order order, Routing.How how)
    {
        if (e.CumQty is decimal cum && order.ReportedCumQty > 0 && cum <= order.ReportedCumQty + KernelConfig.QtyEpsilon)
        {
            s.Diag(DiagnosticKinds.DuplicateIgnored, Severity.Info, string.Create(CultureInfo.InvariantCulture, $"fill {Describe(e)}: cumulative {cum} already applied"), order.Slot, order.TradeId);
            return;
        }
        if (order.External && s.TradeOf(order.TradeId) is { OpenQty: <= KernelConfig.QtyEpsilon })
        {
            // A later fill of an order we never placed, once the trade it reduced is flat: another of our positions, or none.
            if (!ExternalCloses.Book(s, e)) s.Diag(DiagnosticKinds.ExternalClose, Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"fill {Describe(e)} of external order {order.ClientOrderId} reduces no position of ours: not booked"));
            s.Remember(e.Id);
            return;
        }
        if (s.TradeOf(order.TradeId) is not Trade trade)
        {
            s.Diag(DiagnosticKinds.UnresolvedSlot, Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"fill {Describe(e)}: order {order.ClientOrderId} has no trade"), order.Slot);
            return;
        }
        if (!string.IsNullOrEmpty(e.Symbol) && !Symbols.Same(e.Symbol, trade.Symbol))
        {
            s.Diag(DiagnosticKinds.MalformedInput, Severity.Error, string.Create(CultureInfo.InvariantCulture, $"fill {Describe(e)}: symbol differs from order {order.ClientOrderId} ({trade.Symbol})"), order.Slot, trade.TradeId);
            return;
        }
        var price = e.Price;
        if (price < 0 || price > Pnl.Max)
        {
            s.Diag(DiagnosticKinds.MalformedInput, Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"fill {Describe(e)}: price {price} treated as unknown (0)"), order.Slot, trade.TradeId);
            price = 0.0m;
        }
        if (how == Routing.How.State)
        {
            s.Diag(DiagnosticKinds.FillRoutedByState, Severity.Info,
                string.Create(CultureInfo.InvariantCulture, $"fill {Describe(e)} routed by state to {order.Purpose.ToString().ToLowerInvariant()} order {order.ClientOrderId}"), order.Slot, trade.TradeId);
            s.CountRoutedByState();
        }
        var filled = order.FilledQty + e.Qty;
        order = order with
        {
            VenueOrderId = e.VenueOrderId is long venue && order.VenueOrderId is null ? venue : order.VenueOrderId,
            FilledQty = filled,
            ReportedCumQty = e.CumQty ?? order.ReportedCumQty + e.Qty,
            ReportedAvgPrice = e.CumAvgPrice ?? order.ReportedAvgPrice,
            Status = filled >= order.Qty - KernelConfig.QtyEpsilon && order.Status == OrderStatus.Working ? OrderStatus.Filled : order.Status,
            // A fill without its settlement (or an exit fill without its rp) awaits one: its trade is not settled, so not forgotten, before it.
            AwaitedSettlements = e.Settlement is null || order.Purpose == OrderPurpose.Exit && e.Settlement.RealizedPnl is null
                ? order.AwaitedSettlements + 1 : order.AwaitedSettlements,
        };
        s.Remember(e.Id);
        s.Touch();

        if (!Reopen(s, ref trade, e)) return;
        int? legIndex = null;
        var excess = 0.0m;
        if (order.Purpose == OrderPurpose.Entry)
            Entry(s, trade, e.Qty, price, e.TimeMs);
        else
            (legIndex, excess) = Exit(s, ref order, trade, e.Qty, price, e.TimeMs);
        s.Put(order);
        ReleaseOrder(s, order);
        if (e.Settlement is ExchangeSettlement settlement)
            Settlements.OnFill(s, order.ClientOrderId, legIndex, settlement);
        // The leg's row is written once, after the exchange's settlement of the same fill was applied to it.
        if (legIndex is int leg && s.TradeOf(order.TradeId) is Trade settled)
            s.Row(Rows.ExitLeg(s, settled, settled.Legs[leg], s.OrderOf(order.ClientOrderId)!.ExchangeSettled ? PnlSource.Exchange : PnlSource.KernelEstimate));
        Bridge.Settle(s, order.TradeId, new FillMove(Symbols.Key(trade.Symbol), trade.Side, order.Side == OrderSide.Buy ? e.Qty : -e.Qty));
        Lifecycle.Settle(s, order.TradeId);
        if (excess > KernelConfig.QtyEpsilon && order.External)
            s.Diag(DiagnosticKinds.ExternalClose, Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"external order {order.ClientOrderId} went {excess} beyond {trade.TradeId}'s position: that part is not ours (the positions report adopts it)"), trade.Slot, trade.TradeId);
        else if (excess > KernelConfig.QtyEpsilon) OpenReversal(s, trade, excess, price, e.TimeMs);
    }

    private static void Entry(Step s, Trade trade, decimal qty, decimal price, long timeMs)
    {
        var first = trade.EntryQty <= KernelConfig.QtyEpsilon;
        var (basis, priced) = Pnl.Vwap(trade.EntryBasis, trade.PricedEntryQty, price, qty);
        var flags = priced > 0 ? trade.Flags & ~TradeFlags.EntryBasisMissing : trade.Flags | TradeFlags.EntryBasisMissing;
        trade = trade with
        {
            EntryQty = trade.EntryQty + qty, OpenQty = trade.OpenQty + qty, EntryBasis = basis, PricedEntryQty = priced,
            Flags = flags, OpenedMs = first ? timeMs : trade.OpenedMs, EntryTimes = trade.EntryTimes.Add(timeMs),
        };
        s.Put(trade);
        if (first) s.Row(Rows.TradeEvent(s, trade, "open"));
    }

    private static (int? Leg, decimal Excess) Exit(Step s, ref Order order, Trade trade, decimal qty, decimal price, long timeMs)
    {
        var closing = Math.Min(qty, trade.OpenQty);
        var excess = qty - closing;
        int? legIndex = null;
        if (closing > KernelConfig.QtyEpsilon)
        {
            var priced = Pnl.Usable(price);
            var realized = Pnl.Realized(trade.Side, closing, price, trade.EntryBasis);
            var flags = trade.Flags;
            if (!priced) flags |= TradeFlags.RealizedSkippedNoPrice;
            else if (!Pnl.Usable(trade.EntryBasis)) flags |= TradeFlags.EntryBasisMissing;
            var leg = new ExitLeg(trade.Legs.Count, order.ClientOrderId, order.VenueOrderId, closing, priced ? price : 0.0m, realized, !priced, false, timeMs);
            trade = trade with
            {
                OpenQty = Math.Max(0, trade.OpenQty - closing), ExitQty = trade.ExitQty + closing,
                PricedExitQty = trade.PricedExitQty + (priced ? closing : 0), ExitNotional = trade.ExitNotional + (priced ? closing * price : 0),
                RealizedPnl = trade.RealizedPnl + realized, Flags = flags, Legs = trade.Legs.Add(leg),
            };
            order = order with { EstimatedRealized = order.EstimatedRealized + realized };
            s.Put(trade);
            legIndex = leg.Index;
        }
        return (legIndex, excess);
    }

    // The part of a fill beyond the open quantity is a new position on the other side (one-way mode): it is a
    // trade of its own, so the closed trade never realizes more than it held.
    private static void OpenReversal(Step s, Trade closed, decimal qty, decimal price, long timeMs)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"{closed.TradeId}-rev");
        var n = 1;
        while (s.TradeOf(id) is not null || s.ForgottenTrade(id)) id = string.Create(CultureInfo.InvariantCulture, $"{closed.TradeId}-rev{++n}");
        s.Diag(DiagnosticKinds.ReversalSplit, Severity.Warning,
            string.Create(CultureInfo.InvariantCulture, $"fill through zero on slot {closed.Slot}: {closed.TradeId} closed, {qty} opens {id} {Names.Of(Names.Flip(closed.Side))}"), closed.Slot, closed.TradeId);
        var (basis, priced) = Pnl.Vwap(0, 0, price, qty);
        var flags = TradeFlags.Reversal | (priced > 0 ? TradeFlags.None : TradeFlags.EntryBasisMissing);
        var opened = new Trade(id, closed.Slot, closed.Symbol, Names.Flip(closed.Side), closed.ExchangeLeverage, qty, priced, basis, qty,
            0, 0, 0, 0, 0, PnlSource.KernelEstimate, flags, false, LanguageExt.Arr<ExitLeg>.Empty, timeMs, 0, 0, 0, 0);
        s.Put(opened);
        s.Row(Rows.TradeEvent(s, opened, "open"));
        // By now the closed trade has left its slot (Lifecycle.Settle); the slot hosts the reversal as an open position.
        if (s.SlotAt(closed.Slot) is Slot slot && slot.TradeId is null)
            s.Put(slot with { Phase = SlotPhase.Open, TradeId = id });
        else
            s.Diag(DiagnosticKinds.PositionMismatch, Severity.Error, string.Create(CultureInfo.InvariantCulture, $"reversal {id} opened while slot {closed.Slot} is busy: held by no slot"), closed.Slot, id);
    }

    // A fill for a trade that already closed (an entry remainder that filled after the exit) is real exposure:
    // reopen the trade when its slot is free; otherwise report it, since no slot can carry it.
    private static bool Reopen(Step s, ref Trade trade, Fill e)
    {
        if (!trade.Closed) return true;
        if (s.SlotAt(trade.Slot) is Slot slot && slot.Phase == SlotPhase.Idle && slot.TradeId is null)
        {
            trade = trade with { Closed = false };
            s.Put(trade);
            s.Put(slot with { TradeId = trade.TradeId, Phase = SlotPhase.Open });
            s.Diag(DiagnosticKinds.PositionMismatch, Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"fill {Describe(e)} after {trade.TradeId} closed: trade reopened"), trade.Slot, trade.TradeId);
            return true;
        }
        s.Diag(DiagnosticKinds.PositionMismatch, Severity.Error, string.Create(CultureInfo.InvariantCulture, $"fill {Describe(e)} for closed trade {trade.TradeId} while slot {trade.Slot} hosts another trade: booked to no slot"), trade.Slot, trade.TradeId);
        return true;
    }

    private static void ReleaseOrder(Step s, Order order)
    {
        if (order.Status == OrderStatus.Working || s.SlotAt(order.Slot) is not Slot slot || slot.TradeId != order.TradeId) return;
        if (slot.EntryOrder == order.ClientOrderId) s.Put(slot with { EntryOrder = null });
        else if (slot.ExitOrder == order.ClientOrderId) s.Put(slot with { ExitOrder = null });
    }

    // The exchange id is part of the text: it is what tells two fills of the same size and price apart, and an anomaly
    // row's identity includes its detail (rule 17: two logical events must never share a row identity).
    internal static string Describe(Fill e) =>
        string.Create(CultureInfo.InvariantCulture, $"{e.Symbol} {Names.Of(e.Side)} {e.Qty}@{e.Price} (venue {e.VenueOrderId?.ToString(CultureInfo.InvariantCulture) ?? "-"}, client '{e.ClientOrderId ?? ""}', id '{e.Id ?? ""}')");
}
