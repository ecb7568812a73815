using LanguageExt;

namespace Pink.Core;

/// <summary>Read-only views of the state: the snapshot, slot and trade figures, sizer feedback.</summary>
public static class Queries
{
    /// <summary>The published snapshot of a state.</summary>
    public static AccountSnapshot Snapshot(KernelState state)
    {
        var marks = state.LaneMarks;
        var slots = state.Slots;
        var trades = state.Trades;
        var unrealized = 0.0m;
        for (var i = 0; i < slots.Count; i++)
            unrealized += slots[i].TradeId is string id && trades.Find(id).Case is Trade t ? Pnl.Unrealized(t.Side, t.OpenQty, marks[i], t.EntryBasis) : 0.0m;
        return new AccountSnapshot(state, unrealized);
    }

    /// <summary>What readers see of each slot of a state.</summary>
    internal static SlotView[] Views(KernelState state)
    {
        var marks = state.LaneMarks;
        var views = new SlotView[state.Slots.Count];
        for (var i = 0; i < views.Length; i++)
            views[i] = View(state.Slots[i], state.Slots[i].TradeId is string id ? state.Trades.Find(id).Case as Trade : null, marks[i], state.Account.Capital);
        return views;
    }

    /// <summary>What readers see of one slot.</summary>
    public static SlotView View(KernelState state, Slot slot)
    {
        var t = slot.TradeId is null ? null : state.Trades.Find(slot.TradeId).Case as Trade;
        var mark = t is not null && state.Marks.Find(Symbols.Key(t.Symbol)).Case is decimal m ? m : 0.0m;
        return View(slot, t, mark, state.Account.Capital);
    }

    private static SlotView View(Slot slot, Trade? t, decimal mark, decimal capital)
    {
        if (t is null)
            return new SlotView(slot.Index, slot.Phase, null, "", "FLAT", 0, 0, 0, 0, 0, 0, 0, 0, 0, TradeFlags.None);
        var flags = FlagsOf(t);
        return new SlotView(slot.Index, slot.Phase, t.TradeId, t.Symbol, t.OpenQty > KernelConfig.QtyEpsilon ? Names.Of(t.Side) : "FLAT",
            t.OpenQty, t.EntryBasis, mark, Pnl.Unrealized(t.Side, t.OpenQty, mark, t.EntryBasis), t.RealizedPnl, t.Fees,
            t.ExchangeLeverage, Leverage.Conviction(t.OpenQty, t.EntryBasis, capital), t.SettledRealized, flags);
    }

    /// <summary>A trade's flags, with entry_basis_missing while it holds quantity without a basis.</summary>
    public static TradeFlags FlagsOf(Trade t) =>
        t.OpenQty > KernelConfig.QtyEpsilon && !Pnl.Usable(t.EntryBasis) ? t.Flags | TradeFlags.EntryBasisMissing : t.Flags;

    /// <summary>VWAP of priced exit legs, 0 when none.</summary>
    public static decimal ExitPrice(Trade t) => t.PricedExitQty > 0 ? t.ExitNotional / t.PricedExitQty : 0.0m;

    /// <summary>Whole bars between open and close, never negative (rule 17).</summary>
    public static int BarsHeld(Trade t, long nowMs, int barSeconds)
    {
        var end = t.Closed ? t.ClosedMs : nowMs;
        if (barSeconds <= 0 || end <= t.OpenedMs) return 0;
        var bars = (end - t.OpenedMs) / 1000 / barSeconds;
        return (int)Math.Clamp(bars, 0, ushort.MaxValue);
    }

    /// <summary>Sizer feedback for a closed trade: its own realized minus its own fees (rule 15).</summary>
    public static SizerFeedback Feedback(Trade t) =>
        new(t.TradeId, t.Slot, t.RealizedPnl - t.Fees, t.RealizedPnl, t.Fees, t.FeedbackRevision);

    /// <summary>The status_snapshots row of a snapshot.</summary>
    internal static StatusSnapshotRow StatusRow(AccountSnapshot s, DateTime ts)
    {
        var open = 0;
        foreach (var v in s.Slots) if (v.OpenQty > KernelConfig.QtyEpsilon) open++;
        return new StatusSnapshotRow(ts, s.EventSeq, s.Capital, s.Equity, Names.Of(s.CapitalSource), s.EWalletBalance,
            s.AvailableMargin, s.FeesPaid, s.UnrealizedPnl, open, s.EntriesBlocked);
    }

    /// <summary>All trades, in trade id order.</summary>
    public static IEnumerable<Trade> Trades(KernelState state) => state.Trades.Values;

    /// <summary>What the venue has reported so far for an order (for the BingX reading in Pink.Core.Bingx, which turns the venue's cumulative
    /// reports into incremental fills and settlements), or null when the order is unknown.</summary>
    internal static OrderProgress? ProgressOf(KernelState state, long? venueOrderId, string? clientOrderId)
    {
        Order? o = null;
        if (venueOrderId is long v && state.VenueOrders.Find(v).Case is string c) o = state.Orders.Find(c).Case as Order;
        if (o is null && !string.IsNullOrEmpty(clientOrderId))
            o = state.Orders.Find(clientOrderId).Case as Order
                // the venue lower-cases client order ids: the one it echoes for a live order is ours whatever its case
                ?? Slot.LiveOrdersEchoed(state.Slots, clientOrderId).Select(x => state.Orders.Find(x).Case as Order).FirstOrDefault(x => x is not null);
        return o is null ? null : new OrderProgress(o.ReportedCumQty, o.ReportedAvgPrice, o.ExchangeRealized, o.Fees,
            o.Provisional || o.ExchangeSettled && Settlements.Disagrees(state.Config, o.EstimatedRealized, o.ExchangeRealized));
    }

    /// <summary>
    /// Orders the kernel placed that the venue never acknowledged, as the place-order effects that would send them
    /// again (after a restart: the venue refuses a client order id twice, so a re-send cannot decimal an order).
    /// </summary>
    public static IReadOnlyList<PlaceOrder> UnacknowledgedOrders(KernelState state)
    {
        var result = new List<PlaceOrder>();
        foreach (var o in state.Orders.Values)
        {
            if (o.Status != OrderStatus.Working || o.VenueOrderId is not null || state.Trades.Find(o.TradeId).Case is not Trade t) continue;
            result.Add(new PlaceOrder(o.Slot, o.TradeId, o.ClientOrderId, t.Symbol, o.Side, t.Side, Math.Max(0, o.Qty - o.FilledQty),
                o.Purpose, o.Purpose == OrderPurpose.Exit, t.ExchangeLeverage));
        }
        return result;
    }
}
