namespace Pink.Core;

/// <summary>
/// Open and close intents from the policy.
/// Invariants: an open needs an idle slot, a fresh client order id and an unblocked ledger; a close intent on an
/// open slot always yields exactly one exit order (rule 16) — divergence never blocks an exit.
/// </summary>
internal static class Intents
{
    public static void Open(Step s, OpenIntent e)
    {
        if (s.SlotAt(e.Slot) is not Slot slot)
        {
            s.Diag(DiagnosticKinds.UnresolvedSlot, Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"open intent {e.ClientOrderId} for slot {e.Slot}: no such slot"));
            return;
        }
        if (string.IsNullOrWhiteSpace(e.ClientOrderId) || string.IsNullOrWhiteSpace(e.Symbol) || !Pnl.Usable(e.Qty) || e.ExchangeLeverage < 1)
        {
            s.Diag(DiagnosticKinds.MalformedInput, Severity.Warning,
                string.Create(CultureInfo.InvariantCulture, $"open intent slot {e.Slot}: needs client order id, symbol, qty > 0 and leverage ≥ 1 (got '{e.ClientOrderId}', '{e.Symbol}', {e.Qty}, {e.ExchangeLeverage})"), e.Slot);
            return;
        }
        if (s.Forgotten(e.ClientOrderId, null))
        {
            s.Diag(DiagnosticKinds.ForgottenTrade, Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"open intent {e.ClientOrderId}: the client order id belongs to a forgotten trade; refused"), e.Slot);
            return;
        }
        if (s.OrderOf(e.ClientOrderId) is not null)
        {
            s.Diag(DiagnosticKinds.DuplicateIgnored, Severity.Info, string.Create(CultureInfo.InvariantCulture, $"open intent {e.ClientOrderId} already applied"), e.Slot);
            return;
        }
        if (Instruments.EntryRefusal(s.Config, e.Symbol, e.Qty) is string refusal)
        {
            s.Diag(DiagnosticKinds.IntentRejected, Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"open intent {e.ClientOrderId}: {refusal}"), e.Slot);
            return;
        }
        var tradeId = string.IsNullOrWhiteSpace(e.TradeId) ? string.Create(CultureInfo.InvariantCulture, $"t-{e.ClientOrderId}") : e.TradeId!;
        if (s.OrderOfVenueEcho(e.ClientOrderId) is Order twin)
        {
            s.Diag(DiagnosticKinds.IntentRejected, Severity.Warning,
                string.Create(CultureInfo.InvariantCulture, $"open intent {e.ClientOrderId}: the venue lower-cases client order ids, so it cannot be told from {twin.ClientOrderId}"), e.Slot, tradeId);
            return;
        }
        if (slot.Phase != SlotPhase.Idle)
        {
            s.Diag(DiagnosticKinds.IntentRejected, Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"open intent {e.ClientOrderId}: slot {e.Slot} is {Names.Of(slot.Phase)}"), e.Slot, tradeId);
            return;
        }
        if (e.ExchangeLeverage > s.Config.LeverageCap)
        {
            s.Diag(DiagnosticKinds.IntentRejected, Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"open intent {e.ClientOrderId}: leverage {e.ExchangeLeverage} above cap {s.Config.LeverageCap}"), e.Slot, tradeId);
            return;
        }
        if (s.TradeOf(tradeId) is not null || s.ForgottenTrade(tradeId))
        {
            s.Diag(DiagnosticKinds.IntentRejected, Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"open intent {e.ClientOrderId}: trade id {tradeId} already used"), e.Slot, tradeId);
            return;
        }
        if (s.Account.EntriesBlocked)
        {
            s.Diag(DiagnosticKinds.EntryRefused, Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"open intent {e.ClientOrderId}: ledger diverged, entries refused until a consistent anchor"), e.Slot, tradeId);
            return;
        }
        var trade = new Trade(tradeId, e.Slot, e.Symbol, e.Side, e.ExchangeLeverage, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            PnlSource.KernelEstimate, TradeFlags.None, false, LanguageExt.Arr<ExitLeg>.Empty, e.TimeMs, 0, 0, 0, 0);
        var side = Names.Opening(e.Side);
        s.Put(trade);
        s.Put(new Order(e.ClientOrderId, null, e.Slot, tradeId, OrderPurpose.Entry, side, e.Qty, 0, OrderStatus.Working, 0, 0, 0, 0, false));
        s.Put(slot with { Phase = SlotPhase.EntryWorking, TradeId = tradeId, EntryOrder = e.ClientOrderId, ExitOrder = null,
            CloseRequested = false, ExitAttempts = 0, CloseClientOrderId = null });
        s.Emit(new PlaceOrder(e.Slot, tradeId, e.ClientOrderId, e.Symbol, side, e.Side, e.Qty, OrderPurpose.Entry, false, e.ExchangeLeverage));
        s.Touch();
    }

    public static void Close(Step s, CloseIntent e)
    {
        if (s.SlotAt(e.Slot) is not Slot slot)
        {
            s.Diag(DiagnosticKinds.UnresolvedSlot, Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"close intent {e.ClientOrderId} for slot {e.Slot}: no such slot"));
            return;
        }
        if (string.IsNullOrWhiteSpace(e.ClientOrderId))
        {
            s.Diag(DiagnosticKinds.MalformedInput, Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"close intent slot {e.Slot}: no client order id"), e.Slot);
            return;
        }
        if (s.OrderOf(e.ClientOrderId) is not null || slot.CloseClientOrderId == e.ClientOrderId || s.Forgotten(e.ClientOrderId, null))
        {
            s.Diag(DiagnosticKinds.DuplicateIgnored, Severity.Info, string.Create(CultureInfo.InvariantCulture, $"close intent {e.ClientOrderId} already applied"), e.Slot);
            return;
        }
        if (s.OrderOfVenueEcho(e.ClientOrderId) is Order twin)
        {
            s.Diag(DiagnosticKinds.IntentRejected, Severity.Warning,
                string.Create(CultureInfo.InvariantCulture, $"close intent {e.ClientOrderId}: the venue lower-cases client order ids, so it cannot be told from {twin.ClientOrderId}"), e.Slot);
            return;
        }
        if (s.TradeOf(slot.TradeId) is not Trade trade || slot.Phase == SlotPhase.Idle)
        {
            s.Diag(DiagnosticKinds.IntentRejected, Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"close intent {e.ClientOrderId}: slot {e.Slot} is idle"), e.Slot);
            return;
        }
        if (slot.CloseRequested)
        {
            s.Diag(DiagnosticKinds.IntentRejected, Severity.Info, string.Create(CultureInfo.InvariantCulture, $"close intent {e.ClientOrderId}: slot {e.Slot} is already closing"), e.Slot, trade.TradeId);
            return;
        }
        slot = slot with { CloseRequested = true, ExitAttempts = 0, CloseClientOrderId = e.ClientOrderId };
        if (slot.EntryOrder is string entryId && s.OrderOf(entryId) is Order entry)
            s.Emit(new CancelOrder(slot.Index, entry.ClientOrderId, entry.VenueOrderId, trade.Symbol));
        s.Put(slot);
        if (trade.OpenQty > KernelConfig.QtyEpsilon && slot.ExitOrder is null)
            Lifecycle.PlaceExit(s, slot, trade, e.ClientOrderId);
        s.Touch();
    }
}
