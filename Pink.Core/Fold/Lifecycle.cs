namespace Pink.Core;

/// <summary>
/// The slot FSM, derived from facts: idle (no trade) → entry working (an entry order is live) → open (quantity held)
/// → exit working (an exit order is live) → idle (the trade closed). A rejected or cancelled order with nothing filled
/// returns the slot to where it was. While a close is requested every open quantity gets an exit (rule 16).
/// </summary>
internal static class Lifecycle
{
    /// <summary>How many exit orders one close request may place before the operator must step in.</summary>
    public const int MaxExitAttempts = 4;

    public static SlotPhase PhaseOf(Slot slot, Trade? trade) =>
        trade is null ? SlotPhase.Idle
        : slot.ExitOrder is not null ? SlotPhase.ExitWorking
        : slot.EntryOrder is not null ? SlotPhase.EntryWorking
        : trade.OpenQty > KernelConfig.QtyEpsilon ? SlotPhase.Open
        : SlotPhase.Idle;

    public static void PlaceExit(Step s, Slot slot, Trade trade, string clientOrderId)
    {
        var side = Names.Closing(trade.Side);
        var qty = Instruments.ExitQty(s.Config, trade.Symbol, trade.OpenQty);
        if (qty <= 0)
        {
            // The venue's rules leave nothing an order could close: said once, and the close request ends here.
            var rules = s.Config.Instruments.Find(Symbols.Key(trade.Symbol)).Case as Instrument;
            var detail = string.Create(CultureInfo.InvariantCulture, $"slot {slot.Index}: {trade.OpenQty} {trade.Symbol} still open is below what an order can close (step {rules?.QtyStep}, minimum {rules?.MinQty}); close it on the venue");
            s.Diag(DiagnosticKinds.ExitNotWorking, Severity.Error, detail, slot.Index, trade.TradeId);
            var ended = slot with { CloseRequested = false };
            s.Put(ended with { Phase = PhaseOf(ended, trade) });
            return;
        }
        s.Put(new Order(clientOrderId, null, slot.Index, trade.TradeId, OrderPurpose.Exit, side, qty, 0, OrderStatus.Working, 0, 0, 0, 0, false));
        s.Put(slot with { ExitOrder = clientOrderId, ExitAttempts = slot.ExitAttempts + 1, Phase = SlotPhase.ExitWorking });
        s.Emit(new PlaceOrder(slot.Index, trade.TradeId, clientOrderId, trade.Symbol, side, trade.Side, qty, OrderPurpose.Exit, true, trade.ExchangeLeverage));
    }

    /// <summary>
    /// Bring the slot hosting <paramref name="tradeId"/> in line with its trade after a change: place a follow-up
    /// exit while a close is requested, close the trade when nothing is held or working, or just update the phase.
    /// </summary>
    public static void Settle(Step s, string tradeId)
    {
        if (s.TradeOf(tradeId) is not Trade trade || s.SlotAt(trade.Slot) is not Slot slot || slot.TradeId != tradeId) return;
        var open = trade.OpenQty > KernelConfig.QtyEpsilon;
        if (open && slot.CloseRequested && slot.ExitOrder is null)
        {
            if (slot.ExitAttempts >= MaxExitAttempts)
            {
                s.Diag(DiagnosticKinds.ExitNotWorking, Severity.Error,
                    string.Create(CultureInfo.InvariantCulture, $"slot {slot.Index}: {slot.ExitAttempts} exit orders ended with {trade.OpenQty} still open; close intent needed"), slot.Index, tradeId);
                s.Put(slot with { CloseRequested = false, Phase = PhaseOf(slot with { CloseRequested = false }, trade) });
                return;
            }
            var id = slot.ExitAttempts == 0 ? slot.CloseClientOrderId ?? string.Create(CultureInfo.InvariantCulture, $"{tradeId}-x") : string.Create(CultureInfo.InvariantCulture, $"{slot.CloseClientOrderId ?? tradeId}-r{slot.ExitAttempts}");
            PlaceExit(s, slot, trade, id);
            return;
        }
        if (!open && slot.EntryOrder is null)
        {
            if (trade.EntryQty > KernelConfig.QtyEpsilon) CloseTrade(s, trade);
            else s.Remove(trade); // nothing ever filled: the trade never existed at the exchange
            s.Put(Slot.Idle(slot.Index));
            return;
        }
        s.Put(slot with { Phase = PhaseOf(slot, trade) });
    }

    private static void CloseTrade(Step s, Trade trade)
    {
        trade = trade with { Closed = true, ClosedMs = s.TimeMs, PnlSource = Settlements.SourceOf(s, trade) };
        s.Put(trade);
        s.Row(Rows.TradeEvent(s, trade, "close"));
        s.Emit(Queries.Feedback(trade));
        s.Sweep();
    }
}
