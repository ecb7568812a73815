namespace Pink.Core;

/// <summary>
/// Order acknowledgements, rejections and cancellations.
/// Invariants: an acknowledgement binds one client order id to one venue order id, once; an order that ends with
/// nothing filled returns its slot to where it was; an exit that ends while a close is requested and quantity is
/// still held is placed again (rule 16), up to <see cref="Lifecycle.MaxExitAttempts"/>.
/// </summary>
internal static class OrderEvents
{
    public static void Acknowledged(Step s, OrderAcknowledged e)
    {
        if (s.OrderOfVenueEcho(e.ClientOrderId) is not Order order)
        {
            if (Forgotten(s, "ack", e.ClientOrderId, e.VenueOrderId)) return;
            s.Diag(DiagnosticKinds.UnresolvedSlot, Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"ack for unknown client order id '{e.ClientOrderId}' (venue {e.VenueOrderId})"));
            return;
        }
        if (order.VenueOrderId == e.VenueOrderId)
        {
            s.Diag(DiagnosticKinds.DuplicateIgnored, Severity.Info, string.Create(CultureInfo.InvariantCulture, $"ack {e.ClientOrderId} → {e.VenueOrderId} already known"), order.Slot, order.TradeId);
            return;
        }
        if (order.VenueOrderId is long bound)
        {
            s.Diag(DiagnosticKinds.MalformedInput, Severity.Error, string.Create(CultureInfo.InvariantCulture, $"ack {e.ClientOrderId} → {e.VenueOrderId} conflicts with bound venue id {bound}"), order.Slot, order.TradeId);
            return;
        }
        if (s.OrderByVenue(e.VenueOrderId) is Order other)
        {
            s.Diag(DiagnosticKinds.MalformedInput, Severity.Error, string.Create(CultureInfo.InvariantCulture, $"ack {e.ClientOrderId} → {e.VenueOrderId}: venue id already bound to {other.ClientOrderId}"), order.Slot, order.TradeId);
            return;
        }
        s.Put(order with { VenueOrderId = e.VenueOrderId });
        s.Touch();
    }

    /// <summary>The venue said something about an order that does not tell its fills: ask it (never guess).</summary>
    public static void Unclear(Step s, OrderUnclear e)
    {
        var order = s.OrderByVenue(e.VenueOrderId) ?? s.OrderOfVenueEcho(e.ClientOrderId);
        if (order is null || s.TradeOf(order.TradeId) is not Trade trade)
        {
            if (order is null && Forgotten(s, "unclear report", e.ClientOrderId, e.VenueOrderId)) return;
            s.Diag(DiagnosticKinds.UnresolvedSlot, Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"unclear report for unknown order (client '{e.ClientOrderId}', venue {e.VenueOrderId}): {e.Detail}"));
            return;
        }
        s.Diag(DiagnosticKinds.FillUnreported, Severity.Info, string.Create(CultureInfo.InvariantCulture, $"order {order.ClientOrderId} (venue {e.VenueOrderId?.ToString(CultureInfo.InvariantCulture) ?? "-"}): {e.Detail}; querying it"), order.Slot, order.TradeId);
        s.Emit(new QueryOrder(order.Slot, order.ClientOrderId, order.VenueOrderId ?? e.VenueOrderId, trade.Symbol));
    }

    // A report about an order of a forgotten trade: said once, nothing changes.
    private static bool Forgotten(Step s, string what, string? clientOrderId, long? venueOrderId)
    {
        if (!s.Forgotten(clientOrderId, venueOrderId)) return false;
        s.Diag(DiagnosticKinds.ForgottenTrade, Severity.Info,
            string.Create(CultureInfo.InvariantCulture, $"{what} for order (client '{clientOrderId}', venue {venueOrderId?.ToString(CultureInfo.InvariantCulture) ?? "-"}) of a forgotten (closed and settled) trade: nothing to change"));
        return true;
    }

    public static void Ended(Step s, string? clientOrderId, long? venueOrderId, OrderStatus status, string reason)
    {
        var order = s.OrderByVenue(venueOrderId) ?? s.OrderOfVenueEcho(clientOrderId);
        if (order is null)
        {
            if (Forgotten(s, status.ToString().ToLowerInvariant(), clientOrderId, venueOrderId)) return;
            s.Diag(DiagnosticKinds.UnresolvedSlot, Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"{status.ToString().ToLowerInvariant()} for unknown order (client '{clientOrderId}', venue {venueOrderId}): {reason}"));
            return;
        }
        if (order.Status != OrderStatus.Working)
        {
            s.Diag(DiagnosticKinds.DuplicateIgnored, Severity.Info, string.Create(CultureInfo.InvariantCulture, $"order {order.ClientOrderId} already {order.Status.ToString().ToLowerInvariant()}"), order.Slot, order.TradeId);
            return;
        }
        if (venueOrderId is long v && order.VenueOrderId is null && s.OrderByVenue(v) is null)
            order = order with { VenueOrderId = v };
        s.Put(order with { Status = status });
        s.Touch();
        if (s.SlotAt(order.Slot) is not Slot slot || slot.TradeId != order.TradeId) return;
        if (order.Purpose == OrderPurpose.Entry && slot.EntryOrder == order.ClientOrderId)
            slot = slot with { EntryOrder = null };
        else if (order.Purpose == OrderPurpose.Exit && slot.ExitOrder == order.ClientOrderId)
        {
            slot = slot with { ExitOrder = null };
            var trade = s.TradeOf(order.TradeId);
            if (trade is not null && trade.OpenQty > KernelConfig.QtyEpsilon)
            {
                if (status == OrderStatus.Rejected)
                {
                    // A rejection repeats when re-sent as is (margin, reduce-only, symbol): the policy must decide.
                    s.Diag(DiagnosticKinds.ExitNotWorking, Severity.Error, string.Create(CultureInfo.InvariantCulture, $"exit {order.ClientOrderId} rejected: {reason}; {trade.OpenQty} still open"), slot.Index, trade.TradeId);
                    slot = slot with { CloseRequested = false };
                }
                else
                    s.Diag(DiagnosticKinds.ExitNotWorking, Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"exit {order.ClientOrderId} cancelled: {reason}; {trade.OpenQty} still open"), slot.Index, trade.TradeId);
            }
        }
        s.Put(slot);
        Lifecycle.Settle(s, order.TradeId);
    }
}
