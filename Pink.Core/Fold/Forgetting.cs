using LanguageExt;

namespace Pink.Core;

/// <summary>
/// A state that forgets: a closed and fully settled trade and its finished orders leave the live state in the step
/// whose rows said the last thing about them, so the state (and its checkpoint) holds what is live, not the history —
/// the history is the rows (<c>trade_events</c>, <c>trade_exit_legs</c>) and the sizer feedback already emitted.
/// <para>
/// Fully settled: the trade is closed and no slot hosts it; no price-less leg of it waits for its repair; every order of
/// it has ended (none working) and awaits no settlement of a fill reported without one (<c>AwaitedSettlements</c>); every
/// exit order that filled has the exchange's `rp` (<c>ExchangeSettled</c>) — or, for an inferred or external exit, its
/// figures were repaired or given up (its fills all repaired) and it is not among the account's unknown legs; no order's
/// exchange realized disagrees with the kernel's estimate (it awaits the venue's cumulative figures, PNL_UNCONFIRMED; a
/// disagreement that stays is bounded below); and, once the account reads the income history (<c>IncomeUpToMs &gt; 0</c>), the trade was compared with it (<c>IncomeChecked</c>) or the
/// history has passed its close by <see cref="Kernel.IncomeSettleMs"/> (nothing of it was there to compare). Orders of a
/// trade that never filled (removed when its entry ended) are forgotten once they have all ended.
/// </para>
/// <para>
/// Figures only stream frames reported (<c>Order.Provisional</c>: each frame carries its own fill's `rp` and fee, so a
/// frame lost in a gap took its figures with it) are not final while an order answer may still complete them: such a
/// trade leaves when the venue's cumulative figures for its orders come (an order answer), or at the first sweep after
/// the step that closed it.
/// </para>
/// <para>
/// When: a trade touched by a step (written, or one of its orders written) is checked in that step; every closed trade
/// is checked (a sweep) when a trade closes, a positions report or an income page changes the books — so a document
/// from a build that kept closed trades keeps them until then. A closed trade that cannot settle (a venue that never
/// sends `rp` for a leg, an entry order that stays working) must not pin memory forever: at most
/// <see cref="MaxUnsettled"/> closed trades wait for their figures; beyond that the oldest (by close time) is forgotten
/// anyway with FORGOTTEN_UNSETTLED (warning), its inferred legs leaving the account's unknown legs.
/// </para>
/// <para>
/// What is remembered: the trade id (<c>t:</c>), each order's client order id (<c>c:</c>, lower case as the venue echoes
/// it) and venue order id (<c>v:</c>) go into <see cref="KernelState.Forgotten"/>, a window of the newest
/// <see cref="KernelConfig.ForgottenMemory"/> ids (default 20,000 ≈ 4,000 trades). A late fill, settlement,
/// acknowledgement, cancellation or order report naming one of them yields FORGOTTEN_TRADE and books nothing — it is
/// never taken for an external close or another runtime's order; an intent reusing one is refused. An id older than the
/// window is unknown again, as any id the kernel never saw.
/// </para>
/// </summary>
internal static class Forgetting
{
    /// <summary>How many closed trades may wait for their figures before the oldest is forgotten unsettled.</summary>
    public const int MaxUnsettled = 1_000;

    public static string TradeKey(string tradeId) => "t:" + tradeId;

    public static string ClientKey(string clientOrderId) => "c:" + clientOrderId.ToLowerInvariant();

    public static string VenueKey(long venueOrderId) => "v:" + venueOrderId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The maps a step builds, with what it may forget taken out.</summary>
    public struct Book
    {
        public TradeMap Trades;
        public OrderMap Orders;
        public Map<long, string> VenueOrders;
        public DedupMemory Forgotten;
        public Account Account;
    }

    /// <summary>
    /// Forgets the settled trades among <paramref name="candidates"/> (every closed trade when <paramref name="sweep"/>),
    /// and, on a sweep, the oldest unsettled ones beyond <see cref="MaxUnsettled"/>.
    /// </summary>
    public static void Run(Step s, ref Book book, Arr<Slot> slots, System.Collections.Generic.HashSet<string>? candidates, bool sweep)
    {
        if (!sweep && (candidates is null || candidates.Count == 0)) return;
        var byTrade = new Dictionary<string, List<Order>>(StringComparer.Ordinal);
        foreach (var o in book.Orders.Values)
        {
            if (!sweep && !candidates!.Contains(o.TradeId)) continue;
            if (!byTrade.TryGetValue(o.TradeId, out var list)) byTrade[o.TradeId] = list = new List<Order>(4);
            list.Add(o);
        }
        var ids = new List<string>();
        if (sweep)
        {
            foreach (var t in book.Trades.Values)
                if (t.Closed) ids.Add(t.TradeId);
            foreach (var id in byTrade.Keys)
                if (book.Trades.Find(id).IsNone) ids.Add(id);
        }
        else ids.AddRange(candidates!);
        List<Trade>? waiting = null;
        foreach (var id in ids)
        {
            if (Hosted(slots, id)) continue;
            var orders = byTrade.TryGetValue(id, out var list) ? list : [];
            var trade = book.Trades.Find(id).Case as Trade;
            if (trade is null)
            {
                // A trade that never filled was removed when its entry ended: its orders go once none is working.
                if (orders.Count > 0 && orders.TrueForAll(o => o.Status != OrderStatus.Working)) Forget(s, ref book, id, null, orders, true);
                continue;
            }
            if (!trade.Closed) continue;
            // Figures the stream alone reported may still be completed by an order answer (a lost frame's rp and fee): such
            // a trade waits for that answer, or at most until a later sweep.
            if (Settled(trade, orders, book.Account, s.Config) && (!orders.Exists(o => o.Provisional) || sweep && trade.ClosedMs < s.TimeMs))
                Forget(s, ref book, id, trade, orders, true);
            else if (sweep) (waiting ??= new List<Trade>()).Add(trade);
        }
        if (waiting is null || waiting.Count <= MaxUnsettled) return;
        waiting.Sort((a, b) => a.ClosedMs != b.ClosedMs ? a.ClosedMs.CompareTo(b.ClosedMs) : string.CompareOrdinal(a.TradeId, b.TradeId));
        for (var i = 0; i < waiting.Count - MaxUnsettled; i++)
        {
            var t = waiting[i];
            s.Diag(DiagnosticKinds.ForgottenUnsettled, Severity.Warning,
                string.Create(CultureInfo.InvariantCulture, $"{t.TradeId}: closed and still unsettled while {waiting.Count} closed trades wait for their figures (bound {MaxUnsettled}); forgotten with pnl_source {Names.Of(t.PnlSource)}"),
                t.Slot, t.TradeId);
            Forget(s, ref book, t.TradeId, t, byTrade.TryGetValue(t.TradeId, out var list) ? list : [], false);
        }
    }

    /// <summary>The fully-settled rule (see the type's summary).</summary>
    public static bool Settled(Trade trade, List<Order> orders, Account account, KernelConfig config)
    {
        if (!trade.Closed) return false;
        // A price-less leg the exchange has not repaired yet: its `rp` moves capital when it comes.
        foreach (var leg in trade.Legs)
            if (leg.SkippedNoPrice && !leg.Repaired) return false;
        foreach (var o in orders)
        {
            if (o.Status == OrderStatus.Working || o.AwaitedSettlements > 0 && !(o.External && o.RepairedQty >= o.FilledQty)) return false;
            if (o.Purpose == OrderPurpose.Exit && o.FilledQty > KernelConfig.QtyEpsilon && !o.ExchangeSettled &&
                !(o.External && o.RepairedQty >= o.FilledQty)) return false;
            if (account.UnknownLegs.Contains(o.ClientOrderId)) return false;
            // The exchange's realized so far disagrees with the estimate: the venue's cumulative figures for the order
            // (asked for with PNL_UNCONFIRMED) must still reach the comparison, and may settle a lost frame's rp.
            if (o.ExchangeSettled && Settlements.Disagrees(config, o.EstimatedRealized, o.ExchangeRealized)) return false;
        }
        return account.IncomeUpToMs == 0 || trade.IncomeChecked || account.IncomeUpToMs >= trade.ClosedMs + Kernel.IncomeSettleMs;
    }

    private static bool Hosted(Arr<Slot> slots, string tradeId)
    {
        foreach (var slot in slots)
            if (string.Equals(slot.TradeId, tradeId, StringComparison.Ordinal)) return true;
        return false;
    }

    private static void Forget(Step s, ref Book book, string tradeId, Trade? trade, List<Order> orders, bool settled)
    {
        orders.Sort((a, b) => string.CompareOrdinal(a.ClientOrderId, b.ClientOrderId));
        s.Emit(new TradeForgotten(tradeId, trade, new Arr<Order>(orders), settled));
        var capacity = Math.Max(1, s.Config.ForgottenMemory);
        book.Trades = book.Trades.Remove(tradeId);
        book.Forgotten = Add(book.Forgotten, TradeKey(tradeId), capacity);
        foreach (var o in orders)
        {
            book.Orders = book.Orders.Remove(o.ClientOrderId);
            book.Forgotten = Add(book.Forgotten, ClientKey(o.ClientOrderId), capacity);
            if (o.VenueOrderId is long v)
            {
                if (book.VenueOrders.Find(v).Case is string bound && bound == o.ClientOrderId) book.VenueOrders = book.VenueOrders.Remove(v);
                book.Forgotten = Add(book.Forgotten, VenueKey(v), capacity);
            }
            if (book.Account.UnknownLegs.Contains(o.ClientOrderId))
                book.Account = book.Account with { UnknownLegs = book.Account.UnknownLegs.Filter(id => id != o.ClientOrderId) };
        }
    }

    private static DedupMemory Add(DedupMemory window, string id, int capacity) => window.Contains(id) ? window : window.Remember(id, capacity);
}
