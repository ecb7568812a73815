namespace Pink.Core;

/// <summary>
/// Which order a fill belongs to (rule 6): by identity first — venue order id, then client order id — and by FSM
/// state only when no identity matches. State routing takes a working order that has no venue id yet (its
/// acknowledgement was lost) and whose symbol and side match; exactly one such order must exist, otherwise the fill is
/// unresolved (rule 7). An order that already has a venue id is never the target of a different id, and a fill naming a
/// client order id the kernel never issued is never state-routed: on a shared account that fill is someone else's.
/// </summary>
internal static class Routing
{
    public enum How { Identity, State, Unresolved, Ambiguous }

    public static (Order? Order, How How) Resolve(Step s, Fill e)
    {
        if (s.OrderByVenue(e.VenueOrderId) is Order byVenue) return (byVenue, How.Identity);
        if (s.OrderOfVenueEcho(e.ClientOrderId) is Order byClient &&
            (e.VenueOrderId is null || byClient.VenueOrderId is null || byClient.VenueOrderId == e.VenueOrderId))
            return (byClient, How.Identity);
        // State routing is for fills that name no client order id (the user stream omits it); a client order id we never
        // issued belongs to another runtime on the shared account.
        if (!string.IsNullOrEmpty(e.ClientOrderId)) return (null, How.Unresolved);

        Order? match = null;
        var count = 0;
        for (var i = 0; i < s.SlotCount; i++)
        {
            var slot = s.SlotAt(i)!;
            Consider(s, e, slot.EntryOrder, ref match, ref count);
            Consider(s, e, slot.ExitOrder, ref match, ref count);
        }
        return count switch
        {
            1 => (match, How.State),
            0 => (null, How.Unresolved),
            _ => (null, How.Ambiguous),
        };
    }

    // A working order of a slot without a venue id whose side and symbol match the fill.
    private static void Consider(Step s, Fill e, string? id, ref Order? match, ref int count)
    {
        if (s.OrderOf(id) is not Order o || o.Status != OrderStatus.Working || o.VenueOrderId is not null) return;
        if (o.Side != e.Side || s.TradeOf(o.TradeId) is not Trade t || !Symbols.Same(t.Symbol, e.Symbol)) return;
        match = o;
        count++;
    }
}
