using LanguageExt;
using Pink.Core;

namespace Pink.Bench.Mutable;

/// <summary>
/// A hand-written MUTABLE implementation of the kernel's rules, for comparison only (never referenced by Pink.Core or
/// Pink.Shell). Same rules, same effects: it keeps its books in mutable classes and <see cref="Dictionary{TKey,TValue}"/>s
/// and updates them in place, but still emits what the shell needs — the rows, the one immutable published snapshot per
/// changing event (rule 12), orders, sizer feedback and diagnostics — so the two do the same work.
/// <para>
/// Covered: intents, acknowledgements, fills routed by identity or by state, entry VWAP, exit legs, price-less legs and
/// their repair by `rp`, settlements with the fill or later (FILL_SETTLED, feedback revisions), the bridge, anchors with
/// divergence and entry blocking, marks, de-duplication, follow-up exits. Not covered (the benchmark stream never has
/// them, and the baseline refuses them loudly): order cancel/reject, fills through zero, fills for a closed trade,
/// positions reports, and the kernel's catch-all for internal defects (a mutable update cannot be rolled back).
/// </para>
/// </summary>
public sealed class MutableKernel
{
    private readonly KernelConfig _config;
    private readonly MSlot[] _slots;
    private readonly Dictionary<string, MTrade> _trades = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MOrder> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<long, MOrder> _venue = new();
    private readonly Dictionary<string, decimal> _marks = new(StringComparer.Ordinal);
    private readonly System.Collections.Generic.HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<string> _seenOrder = new();
    private readonly List<Effect> _pending = new(8);

    // The account (E-facts and the K checksum).
    public decimal Capital;
    public CapitalSource Source;
    public decimal EWalletBalance;
    public decimal AvailableMargin;
    public decimal FeesPaid;
    public decimal KLedger;
    public bool Anchored;
    public bool EntriesBlocked;
    public long EventSeq;
    public long LastEventMs;
    public long FillsRoutedByState;

    // The event being applied.
    private long _timeMs;
    private DateTime _ts;
    private bool _changed;
    private bool _ledgerChanged;

    public MutableKernel(KernelConfig config)
    {
        _config = config;
        _slots = new MSlot[Math.Max(0, config.SlotCount)];
        for (var i = 0; i < _slots.Length; i++) _slots[i] = new MSlot(i);
        Capital = KLedger = true ? config.SeedCapital : 0.0m;
        Source = CapitalSource.Seed;
    }

    public IReadOnlyDictionary<string, MTrade> Trades => _trades;

    /// <summary>Every order, by the trade it belongs to.</summary>
    public ILookup<string, MOrder> OrdersByTrade() => _orders.Values.ToLookup(o => o.Trade.TradeId, StringComparer.Ordinal);

    /// <summary>Apply one event; its effects replace the content of <paramref name="effects"/>.</summary>
    public void Apply(KernelEvent e, List<Effect> effects)
    {
        effects.Clear();
        _pending.Clear();
        _changed = _ledgerChanged = false;
        _timeMs = e.TimeMs;
        _ts = Timestamps.FromEpochMs(e.TimeMs);
        switch (e)
        {
            case MarkPrice m: Mark(m); break;
            case Fill f: OnFill(f); break;
            case BalanceReport b: Anchor(b); break;
            case OrderAcknowledged a: Ack(a); break;
            case FillSettled x: Settled(x); break;
            case OpenIntent o: Open(o); break;
            case CloseIntent c: Close(c); break;
            case InputRejected r: Diag(DiagnosticKinds.MalformedInput, Severity.Warning, $"{r.Source}: {r.Detail}"); break;
            default: throw new NotSupportedException($"mutable baseline: {e.GetType().Name} is not covered");
        }
        Finish(effects);
    }

    // --- intents ---------------------------------------------------------------------------------------------

    private void Open(OpenIntent e)
    {
        if (e.Slot < 0 || e.Slot >= _slots.Length)
        {
            Diag(DiagnosticKinds.UnresolvedSlot, Severity.Warning, $"open intent for slot {e.Slot}: no such slot");
            return;
        }
        var slot = _slots[e.Slot];
        if (string.IsNullOrWhiteSpace(e.ClientOrderId) || string.IsNullOrWhiteSpace(e.Symbol) || !Pnl.Usable(e.Qty) || e.ExchangeLeverage < 1)
        {
            Diag(DiagnosticKinds.MalformedInput, Severity.Warning,
                $"open intent slot {e.Slot}: needs client order id, symbol, qty > 0 and leverage ≥ 1 (got '{e.ClientOrderId}', '{e.Symbol}', {e.Qty}, {e.ExchangeLeverage})", e.Slot);
            return;
        }
        if (_orders.ContainsKey(e.ClientOrderId))
        {
            Diag(DiagnosticKinds.DuplicateIgnored, Severity.Info, $"open intent {e.ClientOrderId} already applied", e.Slot);
            return;
        }
        var tradeId = string.IsNullOrWhiteSpace(e.TradeId) ? $"t-{e.ClientOrderId}" : e.TradeId!;
        if (slot.Phase != SlotPhase.Idle)
        {
            Diag(DiagnosticKinds.IntentRejected, Severity.Warning, $"open intent {e.ClientOrderId}: slot {e.Slot} is {Names.Of(slot.Phase)}", e.Slot, tradeId);
            return;
        }
        if (e.ExchangeLeverage > _config.LeverageCap)
        {
            Diag(DiagnosticKinds.IntentRejected, Severity.Warning, $"open intent {e.ClientOrderId}: leverage {e.ExchangeLeverage} above cap {_config.LeverageCap}", e.Slot, tradeId);
            return;
        }
        if (_trades.ContainsKey(tradeId))
        {
            Diag(DiagnosticKinds.IntentRejected, Severity.Warning, $"open intent {e.ClientOrderId}: trade id {tradeId} already used", e.Slot, tradeId);
            return;
        }
        if (EntriesBlocked)
        {
            Diag(DiagnosticKinds.EntryRefused, Severity.Warning, $"open intent {e.ClientOrderId}: ledger diverged, entries refused until a consistent anchor", e.Slot, tradeId);
            return;
        }
        var trade = new MTrade(tradeId, e.Slot, e.Symbol, e.Side, e.ExchangeLeverage, e.TimeMs);
        var side = Names.Opening(e.Side);
        _trades[tradeId] = trade;
        _orders[e.ClientOrderId] = new MOrder(e.ClientOrderId, e.Slot, trade, OrderPurpose.Entry, side, e.Qty);
        slot.Phase = SlotPhase.EntryWorking;
        slot.Trade = trade;
        slot.EntryOrder = e.ClientOrderId;
        slot.ExitOrder = null;
        slot.CloseRequested = false;
        slot.ExitAttempts = 0;
        slot.CloseClientOrderId = null;
        _pending.Add(new PlaceOrder(e.Slot, tradeId, e.ClientOrderId, e.Symbol, side, e.Side, e.Qty, OrderPurpose.Entry, false, e.ExchangeLeverage));
        Touch();
    }

    private void Close(CloseIntent e)
    {
        if (e.Slot < 0 || e.Slot >= _slots.Length)
        {
            Diag(DiagnosticKinds.UnresolvedSlot, Severity.Warning, $"close intent for slot {e.Slot}: no such slot");
            return;
        }
        var slot = _slots[e.Slot];
        if (string.IsNullOrWhiteSpace(e.ClientOrderId))
        {
            Diag(DiagnosticKinds.MalformedInput, Severity.Warning, $"close intent slot {e.Slot}: no client order id", e.Slot);
            return;
        }
        if (_orders.ContainsKey(e.ClientOrderId) || slot.CloseClientOrderId == e.ClientOrderId)
        {
            Diag(DiagnosticKinds.DuplicateIgnored, Severity.Info, $"close intent {e.ClientOrderId} already applied", e.Slot);
            return;
        }
        if (slot.Trade is not MTrade trade || slot.Phase == SlotPhase.Idle)
        {
            Diag(DiagnosticKinds.IntentRejected, Severity.Warning, $"close intent {e.ClientOrderId}: slot {e.Slot} is idle", e.Slot);
            return;
        }
        if (slot.CloseRequested)
        {
            Diag(DiagnosticKinds.IntentRejected, Severity.Info, $"close intent {e.ClientOrderId}: slot {e.Slot} is already closing", e.Slot, trade.TradeId);
            return;
        }
        slot.CloseRequested = true;
        slot.ExitAttempts = 0;
        slot.CloseClientOrderId = e.ClientOrderId;
        if (slot.EntryOrder is string entryId && _orders.TryGetValue(entryId, out var entry))
            _pending.Add(new CancelOrder(slot.Index, entry.ClientOrderId, entry.VenueOrderId, trade.Symbol));
        if (trade.OpenQty > KernelConfig.QtyEpsilon && slot.ExitOrder is null)
            PlaceExit(slot, trade, e.ClientOrderId);
        Touch();
    }

    private void PlaceExit(MSlot slot, MTrade trade, string clientOrderId)
    {
        var side = Names.Closing(trade.Side);
        _orders[clientOrderId] = new MOrder(clientOrderId, slot.Index, trade, OrderPurpose.Exit, side, trade.OpenQty);
        slot.ExitOrder = clientOrderId;
        slot.ExitAttempts++;
        slot.Phase = SlotPhase.ExitWorking;
        _pending.Add(new PlaceOrder(slot.Index, trade.TradeId, clientOrderId, trade.Symbol, side, trade.Side, trade.OpenQty, OrderPurpose.Exit, true, trade.ExchangeLeverage));
    }

    // --- orders ----------------------------------------------------------------------------------------------

    private void Ack(OrderAcknowledged e)
    {
        if (e.ClientOrderId is null || !_orders.TryGetValue(e.ClientOrderId, out var order))
        {
            Diag(DiagnosticKinds.UnresolvedSlot, Severity.Warning, $"ack for unknown client order id '{e.ClientOrderId}' (venue {e.VenueOrderId})");
            return;
        }
        if (order.VenueOrderId == e.VenueOrderId)
        {
            Diag(DiagnosticKinds.DuplicateIgnored, Severity.Info, $"ack {e.ClientOrderId} → {e.VenueOrderId} already known", order.Slot, order.Trade.TradeId);
            return;
        }
        if (order.VenueOrderId is long bound)
        {
            Diag(DiagnosticKinds.MalformedInput, Severity.Error, $"ack {e.ClientOrderId} → {e.VenueOrderId} conflicts with bound venue id {bound}", order.Slot, order.Trade.TradeId);
            return;
        }
        if (_venue.TryGetValue(e.VenueOrderId, out var other))
        {
            Diag(DiagnosticKinds.MalformedInput, Severity.Error, $"ack {e.ClientOrderId} → {e.VenueOrderId}: venue id already bound to {other.ClientOrderId}", order.Slot, order.Trade.TradeId);
            return;
        }
        Bind(order, e.VenueOrderId);
        Touch();
    }

    private void Bind(MOrder order, long venue)
    {
        order.VenueOrderId = venue;
        _venue.TryAdd(venue, order);
    }

    // --- fills -----------------------------------------------------------------------------------------------

    private void OnFill(Fill e)
    {
        if (e.Id is not null && _seen.Contains(e.Id))
        {
            Diag(DiagnosticKinds.DuplicateIgnored, Severity.Info, $"fill {Describe(e)} already applied");
            return;
        }
        if (!Pnl.Usable(e.Qty))
        {
            Diag(DiagnosticKinds.MalformedInput, Severity.Warning, $"fill {Describe(e)}: quantity {e.Qty} is not a positive number");
            return;
        }
        var (order, byState, ambiguous) = Route(e);
        if (order is null)
        {
            Diag(DiagnosticKinds.UnresolvedSlot, Severity.Warning,
                $"fill {Describe(e)}: {(ambiguous ? "matches more than one working slot" : "matches no order or working slot")}");
            return;
        }
        if (e.CumQty is decimal cum && order.ReportedCumQty > 0 && cum <= order.ReportedCumQty + KernelConfig.QtyEpsilon)
        {
            Diag(DiagnosticKinds.DuplicateIgnored, Severity.Info, $"fill {Describe(e)}: cumulative {cum} already applied", order.Slot, order.Trade.TradeId);
            return;
        }
        var trade = order.Trade;
        if (!_trades.ContainsKey(trade.TradeId))
        {
            Diag(DiagnosticKinds.UnresolvedSlot, Severity.Warning, $"fill {Describe(e)}: order {order.ClientOrderId} has no trade", order.Slot);
            return;
        }
        if (!string.IsNullOrEmpty(e.Symbol) && !Symbols.Same(e.Symbol, trade.Symbol))
        {
            Diag(DiagnosticKinds.MalformedInput, Severity.Error, $"fill {Describe(e)}: symbol differs from order {order.ClientOrderId} ({trade.Symbol})", order.Slot, trade.TradeId);
            return;
        }
        var price = e.Price;
        if (price < 0)
        {
            Diag(DiagnosticKinds.MalformedInput, Severity.Warning, $"fill {Describe(e)}: price {price} treated as unknown (0.0)", order.Slot, trade.TradeId);
            price = 0.0m;
        }
        if (byState)
        {
            Diag(DiagnosticKinds.FillRoutedByState, Severity.Info,
                $"fill {Describe(e)} routed by state to {order.Purpose.ToString().ToLowerInvariant()} order {order.ClientOrderId}", order.Slot, trade.TradeId);
            FillsRoutedByState++;
        }
        if (trade.Closed) throw new NotSupportedException("mutable baseline: a fill for a closed trade is not covered");
        if (e.VenueOrderId is long venue && order.VenueOrderId is null) order.VenueOrderId = venue;
        order.FilledQty += e.Qty;
        order.ReportedCumQty = e.CumQty ?? order.ReportedCumQty + e.Qty;
        order.ReportedAvgPrice = e.CumAvgPrice ?? order.ReportedAvgPrice;
        if (order.FilledQty >= order.Qty - KernelConfig.QtyEpsilon && order.Status == OrderStatus.Working) order.Status = OrderStatus.Filled;
        Remember(e.Id);
        Touch();

        int legIndex = -1;
        if (order.Purpose == OrderPurpose.Entry)
        {
            var first = trade.EntryQty <= KernelConfig.QtyEpsilon;
            var (basis, priced) = Pnl.Vwap(trade.EntryBasis, trade.PricedEntryQty, price, e.Qty);
            trade.Flags = priced > 0 ? trade.Flags & ~TradeFlags.EntryBasisMissing : trade.Flags | TradeFlags.EntryBasisMissing;
            trade.EntryQty += e.Qty;
            trade.OpenQty += e.Qty;
            trade.EntryBasis = basis;
            trade.PricedEntryQty = priced;
            if (first)
            {
                trade.OpenedMs = e.TimeMs;
                _pending.Add(new PersistRow(TradeEvent(trade, "open")));
            }
        }
        else
        {
            var closing = Math.Min(e.Qty, trade.OpenQty);
            if (e.Qty - closing > KernelConfig.QtyEpsilon) throw new NotSupportedException("mutable baseline: a fill through zero is not covered");
            if (closing > KernelConfig.QtyEpsilon)
            {
                var priced = Pnl.Usable(price);
                var realized = Pnl.Realized(trade.Side, closing, price, trade.EntryBasis);
                if (!priced) trade.Flags |= TradeFlags.RealizedSkippedNoPrice;
                else if (!Pnl.Usable(trade.EntryBasis)) trade.Flags |= TradeFlags.EntryBasisMissing;
                var leg = new MLeg(trade.Legs.Count, order.ClientOrderId, order.VenueOrderId, closing, priced ? price : 0.0m, realized, !priced, e.TimeMs);
                trade.Legs.Add(leg);
                trade.OpenQty = Math.Max(0, trade.OpenQty - closing);
                trade.ExitQty += closing;
                if (priced)
                {
                    trade.PricedExitQty += closing;
                    trade.ExitNotional += closing * price;
                }
                trade.RealizedPnl += realized;
                order.EstimatedRealized += realized;
                legIndex = leg.Index;
            }
        }
        if (order.VenueOrderId is long v) _venue.TryAdd(v, order);
        var slot = _slots[order.Slot];
        if (order.Status != OrderStatus.Working && slot.Trade == trade)
        {
            if (slot.EntryOrder == order.ClientOrderId) slot.EntryOrder = null;
            else if (slot.ExitOrder == order.ClientOrderId) slot.ExitOrder = null;
        }
        if (e.Settlement is ExchangeSettlement x) Book(order, trade, x.RealizedPnl, x.Fee, legIndex);
        // The leg's one row, written after the same fill's settlement was applied to it.
        if (legIndex >= 0)
            _pending.Add(new PersistRow(ExitLegRow(trade, trade.Legs[legIndex], order.ExchangeSettled ? PnlSource.Exchange : PnlSource.KernelEstimate)));
        Bridge(trade);
        Settle(trade);
    }

    private (MOrder? Order, bool ByState, bool Ambiguous) Route(Fill e)
    {
        if (e.VenueOrderId is long v && _venue.TryGetValue(v, out var byVenue)) return (byVenue, false, false);
        if (e.ClientOrderId is not null && _orders.TryGetValue(e.ClientOrderId, out var byClient) &&
            (e.VenueOrderId is null || byClient.VenueOrderId is null || byClient.VenueOrderId == e.VenueOrderId))
            return (byClient, false, false);
        // A client order id we never issued belongs to another runtime on the shared account: never state-routed.
        if (!string.IsNullOrEmpty(e.ClientOrderId)) return (null, false, false);
        MOrder? match = null;
        var count = 0;
        foreach (var slot in _slots)
        {
            Consider(slot.EntryOrder);
            Consider(slot.ExitOrder);
        }
        return count switch { 1 => (match, true, false), 0 => (null, false, false), _ => (null, false, true) };

        void Consider(string? id)
        {
            if (id is null || !_orders.TryGetValue(id, out var o) || o.Status != OrderStatus.Working || o.VenueOrderId is not null) return;
            if (o.Side != e.Side || !_trades.ContainsKey(o.Trade.TradeId) || !Symbols.Same(o.Trade.Symbol, e.Symbol)) return;
            match = o;
            count++;
        }
    }

    // --- settlements (rule 13), the bridge (rules 8, 10), the slot FSM ----------------------------------------

    private void Settled(FillSettled e)
    {
        if (_seen.Contains(e.Id))
        {
            Diag(DiagnosticKinds.DuplicateIgnored, Severity.Info, $"settlement {e.Id} already applied");
            return;
        }
        if (!_venue.TryGetValue(e.VenueOrderId, out var order) || !_trades.ContainsKey(order.Trade.TradeId))
        {
            Diag(DiagnosticKinds.UnresolvedSlot, Severity.Warning, $"settlement {e.Id}: unknown venue order {e.VenueOrderId}");
            return;
        }
        var trade = order.Trade;
        var (closed, realized, fees, source) = (trade.Closed, trade.RealizedPnl, trade.Fees, trade.PnlSource);
        Book(order, trade, e.RealizedPnl, e.Fee, null);
        Remember(e.Id);
        Touch();
        Bridge(trade);
        if (closed && (trade.RealizedPnl != realized || trade.Fees != fees || trade.PnlSource != source))
        {
            trade.FeedbackRevision++;
            _pending.Add(new PersistRow(TradeEvent(trade, "settled")));
            _pending.Add(Feedback(trade));
        }
    }

    // legIndex: the fill's own leg (-1: none); null: any leg of the order may be repaired.
    private void Book(MOrder order, MTrade trade, decimal? rp, decimal fee, int? legIndex)
    {
        trade.Fees += fee;
        order.Fees += fee;
        if (rp is decimal r && false)
        {
            Diag(DiagnosticKinds.MalformedInput, Severity.Warning, $"settlement of {order.ClientOrderId}: rp {r} ignored", order.Slot, trade.TradeId);
            rp = null;
        }
        if (rp is decimal realized)
        {
            var skippedQty = 0.0m;
            var skipped = 0;
            foreach (var l in trade.Legs)
                if (Repairable(l)) { skippedQty += l.Qty; skipped++; }
            if (skipped > 0)
            {
                var repaired = new List<MLeg>(skipped);
                foreach (var l in trade.Legs)
                {
                    if (!Repairable(l)) continue;
                    repaired.Add(l);
                }
                foreach (var l in repaired)
                {
                    l.Repaired = true;
                    l.Realized = skippedQty > 0 ? realized * l.Qty / skippedQty : realized / skipped;
                }
                var stillSkipped = false;
                foreach (var l in trade.Legs) stillSkipped |= l.SkippedNoPrice && !l.Repaired;
                trade.RealizedPnl += realized;
                if (!stillSkipped) trade.Flags &= ~TradeFlags.RealizedSkippedNoPrice;
                // A settlement after the fact rewrites the repaired legs' rows; one that came with its fill leaves the
                // leg's single row to the fill.
                if (legIndex is null)
                    foreach (var l in repaired) _pending.Add(new PersistRow(ExitLegRow(trade, l, PnlSource.Exchange)));
            }
            else if (order.Purpose == OrderPurpose.Exit || realized != 0)
            {
                var exchange = order.ExchangeRealized + realized;
                var diff = order.EstimatedRealized - exchange;
                if (Math.Abs(diff) > _config.PnlMismatchTolerance)
                    Diag(DiagnosticKinds.PnlMismatch, Severity.Error,
                        $"order {order.ClientOrderId}: kernel estimate {order.EstimatedRealized:0.########} vs exchange rp {exchange:0.########} (diff {diff:0.########}); estimate kept",
                        order.Slot, trade.TradeId);
            }
            order.ExchangeSettled = true;
            order.ExchangeRealized += realized;
            if (skipped > 0) order.EstimatedRealized += realized;
        }
        trade.PnlSource = SourceOf(trade);

        bool Repairable(MLeg l) =>
            l.ClientOrderId == order.ClientOrderId && l.SkippedNoPrice && !l.Repaired && (legIndex is null || l.Index == legIndex);
    }

    private PnlSource SourceOf(MTrade trade)
    {
        if (trade.Legs.Count == 0) return PnlSource.KernelEstimate;
        foreach (var leg in trade.Legs)
            if (!_orders.TryGetValue(leg.ClientOrderId, out var o) || !o.ExchangeSettled) return PnlSource.KernelEstimate;
        return PnlSource.Exchange;
    }

    private void Bridge(MTrade trade)
    {
        var increment = trade.RealizedPnl - trade.SettledRealized;
        var fees = trade.Fees - trade.SettledFees;
        if (increment == 0 && fees == 0) return;
        var delta = increment - fees;
        Capital += delta;
        KLedger += delta;
        FeesPaid += fees;
        Source = CapitalSource.KBridged;
        trade.SettledRealized = trade.RealizedPnl;
        trade.SettledFees = trade.Fees;
        _pending.Add(new PersistRow(new AccountEventRow(_ts, EventSeq + 1, "bridge", trade.TradeId, Capital, Names.Of(Source), EWalletBalance,
            AvailableMargin, increment, fees, KLedger, 0, 0, trade.TradeId)));
        Touch();
    }

    private void Settle(MTrade trade)
    {
        var slot = _slots[trade.Slot];
        if (slot.Trade != trade) return;
        var open = trade.OpenQty > KernelConfig.QtyEpsilon;
        if (open && slot.CloseRequested && slot.ExitOrder is null)
        {
            if (slot.ExitAttempts >= 4)
            {
                Diag(DiagnosticKinds.ExitNotWorking, Severity.Error,
                    $"slot {slot.Index}: {slot.ExitAttempts} exit orders ended with {trade.OpenQty} still open; close intent needed", slot.Index, trade.TradeId);
                slot.CloseRequested = false;
                slot.Phase = PhaseOf(slot, trade);
                return;
            }
            var id = slot.ExitAttempts == 0 ? slot.CloseClientOrderId ?? $"{trade.TradeId}-x" : $"{slot.CloseClientOrderId ?? trade.TradeId}-r{slot.ExitAttempts}";
            PlaceExit(slot, trade, id);
            return;
        }
        if (!open && slot.EntryOrder is null)
        {
            if (trade.EntryQty > KernelConfig.QtyEpsilon)
            {
                trade.Closed = true;
                trade.ClosedMs = _timeMs;
                trade.PnlSource = SourceOf(trade);
                _pending.Add(new PersistRow(TradeEvent(trade, "close")));
                _pending.Add(Feedback(trade));
            }
            else _trades.Remove(trade.TradeId);
            slot.Reset();
            return;
        }
        slot.Phase = PhaseOf(slot, trade);
    }

    private static SlotPhase PhaseOf(MSlot slot, MTrade trade) =>
        slot.ExitOrder is not null ? SlotPhase.ExitWorking
        : slot.EntryOrder is not null ? SlotPhase.EntryWorking
        : trade.OpenQty > KernelConfig.QtyEpsilon ? SlotPhase.Open
        : SlotPhase.Idle;

    // --- marks and anchors -----------------------------------------------------------------------------------

    private void Mark(MarkPrice e)
    {
        if (!Pnl.Usable(e.Price) || string.IsNullOrWhiteSpace(e.Symbol))
        {
            Diag(DiagnosticKinds.MalformedInput, Severity.Warning, $"mark {e.Symbol} {e.Price}: needs a symbol and a positive price");
            return;
        }
        var key = Symbols.Key(e.Symbol);
        var held = false;
        foreach (var slot in _slots)
            if (slot.Trade is MTrade t && t.SymbolKey == key) { held = true; break; }
        if (!held) return;
        if (_marks.TryGetValue(key, out var previous) && previous == e.Price) return;
        _marks[key] = e.Price;
        _changed = true;
    }

    private void Anchor(BalanceReport e)
    {
        if (_seen.Contains(e.Id))
        {
            Diag(DiagnosticKinds.DuplicateIgnored, Severity.Info, $"balance report {e.Id} already applied");
            return;
        }
        if (!Pnl.Usable(e.WalletBalance))
        {
            Diag(DiagnosticKinds.AnchorRejected, Severity.Warning, $"balance report {e.Id}: wallet balance {e.WalletBalance} is not a positive number; capital unchanged");
            return;
        }
        var explained = e.Reason is BalanceReason.Transfer or BalanceReason.Funding;
        var difference = e.WalletBalance - KLedger;
        var compared = Anchored && !explained;
        var blocked = EntriesBlocked;
        if (compared)
        {
            blocked = Math.Abs(difference) > _config.DivergenceTolerance;
            if (blocked)
                Diag(DiagnosticKinds.LedgerDivergence, Severity.Error,
                    $"K-ledger {KLedger:0.########} vs wallet {e.WalletBalance:0.########} (diff {difference:0.########}, tolerance {_config.DivergenceTolerance}); entries refused until an anchor agrees");
        }
        var available = e.AvailableMargin ?? AvailableMargin;
        Remember(e.Id); // remembered even when nothing moves: delivered again it must not count as new (rule 14)
        if (Capital.Equals(e.WalletBalance) && Source == CapitalSource.EAnchored && EWalletBalance.Equals(e.WalletBalance) &&
            AvailableMargin.Equals(available) && KLedger.Equals(e.WalletBalance) && Anchored && EntriesBlocked == blocked)
            return; // nothing moves: no event_seq, no row, no snapshot
        var wasAnchored = Anchored;
        Capital = EWalletBalance = KLedger = e.WalletBalance;
        Source = CapitalSource.EAnchored;
        AvailableMargin = available;
        Anchored = true;
        EntriesBlocked = blocked;
        _pending.Add(new PersistRow(new AccountEventRow(_ts, EventSeq + 1, "anchor", e.Id, Capital, Names.Of(Source), EWalletBalance, AvailableMargin,
            0, 0, KLedger, compared ? difference : 0, wasAnchored && explained ? difference : 0, "")));
        Touch();
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private void Remember(string? id)
    {
        if (id is null || !_seen.Add(id)) return;
        _seenOrder.Enqueue(id);
        while (_seenOrder.Count > Math.Max(1, _config.DedupMemory)) _seen.Remove(_seenOrder.Dequeue());
    }

    private void Touch()
    {
        _changed = true;
        _ledgerChanged = true;
    }

    private void Diag(string kind, Severity severity, string detail, int? slot = null, string? tradeId = null) =>
        _pending.Add(new Diagnostic(kind, severity, detail, slot, tradeId));

    private TradeEventRow TradeEvent(MTrade t, string @event) =>
        new(_ts, EventSeq + 1, t.TradeId, @event, t.Slot, t.Symbol, Names.Of(t.Side), t.EntryQty, t.EntryBasis,
            t.PricedExitQty > 0 ? t.ExitNotional / t.PricedExitQty : 0.0m, t.RealizedPnl, t.Fees, Names.Of(t.PnlSource),
            @event is "open" or "adopted" ? 0 : BarsHeld(t), t.ExchangeLeverage, FlagText(t.Flags));

    private int BarsHeld(MTrade t)
    {
        var end = t.Closed ? t.ClosedMs : _timeMs;
        if (_config.BarSeconds <= 0 || end <= t.OpenedMs) return 0;
        return (int)Math.Clamp((end - t.OpenedMs) / 1000 / _config.BarSeconds, 0, ushort.MaxValue);
    }

    private static string FlagText(TradeFlags f) => f == TradeFlags.None ? "" : string.Join(',', Names.Of(f));

    private TradeExitLegRow ExitLegRow(MTrade t, MLeg leg, PnlSource source) =>
        new(_ts, EventSeq + 1, t.TradeId, leg.Index, t.Slot, t.Symbol, Names.Of(t.Side), leg.Qty, leg.Price, leg.Realized, Names.Of(source),
            leg.SkippedNoPrice && !leg.Repaired ? "realized_skipped_no_price" : "", leg.VenueOrderId ?? 0);

    private static SizerFeedback Feedback(MTrade t) => new(t.TradeId, t.Slot, t.RealizedPnl - t.Fees, t.RealizedPnl, t.Fees, t.FeedbackRevision);

    private static string Describe(Fill e) =>
        $"{e.Symbol} {Names.Of(e.Side)} {e.Qty}@{e.Price} (venue {e.VenueOrderId?.ToString() ?? "-"}, client '{e.ClientOrderId ?? ""}', id '{e.Id ?? ""}')";

    private void Finish(List<Effect> effects)
    {
        var seq = _changed ? EventSeq + 1 : EventSeq;
        foreach (var effect in _pending)
        {
            effects.Add(effect);
            if (effect is Diagnostic d && d.Kind != DiagnosticKinds.DuplicateIgnored)
                effects.Add(new PersistRow(new AnomalyEventRow(_ts, seq, d.Kind, Names.Of(d.Severity), d.Slot ?? -1, d.TradeId ?? "", d.Detail)));
        }
        if (!_changed) return;
        EventSeq = seq;
        LastEventMs = Math.Max(LastEventMs, _timeMs);
        var views = new SlotView[_slots.Length];
        var unrealized = 0.0m;
        var open = 0;
        for (var i = 0; i < views.Length; i++)
        {
            var slot = _slots[i];
            if (slot.Trade is not MTrade t)
            {
                views[i] = new SlotView(slot.Index, slot.Phase, null, "", "FLAT", 0, 0, 0, 0, 0, 0, 0, 0, 0, TradeFlags.None);
                continue;
            }
            var mark = _marks.TryGetValue(t.SymbolKey, out var m) ? m : 0.0m;
            var upnl = Pnl.Unrealized(t.Side, t.OpenQty, mark, t.EntryBasis);
            var holds = t.OpenQty > KernelConfig.QtyEpsilon;
            var flags = holds && !Pnl.Usable(t.EntryBasis) ? t.Flags | TradeFlags.EntryBasisMissing : t.Flags;
            views[i] = new SlotView(slot.Index, slot.Phase, t.TradeId, t.Symbol, holds ? Names.Of(t.Side) : "FLAT", t.OpenQty, t.EntryBasis, mark,
                upnl, t.RealizedPnl, t.Fees, t.ExchangeLeverage, Leverage.Conviction(t.OpenQty, t.EntryBasis, Capital), t.SettledRealized, flags);
            unrealized += upnl;
            if (holds) open++;
        }
        var snapshot = new AccountSnapshot(EventSeq, LastEventMs, Capital, Capital + unrealized, Source, EWalletBalance, AvailableMargin,
            FeesPaid, unrealized, EntriesBlocked, new Arr<SlotView>(views));
        if (_ledgerChanged)
            effects.Add(new PersistRow(new StatusSnapshotRow(_ts, EventSeq, Capital, Capital + unrealized, Names.Of(Source), EWalletBalance,
                AvailableMargin, FeesPaid, unrealized, open, EntriesBlocked)));
        effects.Add(new PublishSnapshot(snapshot));
    }
}

/// <summary>One slot, updated in place.</summary>
public sealed class MSlot(int index)
{
    public readonly int Index = index;
    public SlotPhase Phase;
    public MTrade? Trade;
    public string? EntryOrder;
    public string? ExitOrder;
    public bool CloseRequested;
    public int ExitAttempts;
    public string? CloseClientOrderId;

    public void Reset()
    {
        Phase = SlotPhase.Idle;
        Trade = null;
        EntryOrder = ExitOrder = CloseClientOrderId = null;
        CloseRequested = false;
        ExitAttempts = 0;
    }
}

/// <summary>One trade, updated in place.</summary>
public sealed class MTrade(string tradeId, int slot, string symbol, PositionSide side, int exchangeLeverage, long openedMs)
{
    public readonly string TradeId = tradeId;
    public readonly int Slot = slot;
    public readonly string Symbol = symbol;
    public readonly string SymbolKey = Symbols.Key(symbol);
    public readonly PositionSide Side = side;
    public readonly int ExchangeLeverage = exchangeLeverage;
    public decimal EntryQty, PricedEntryQty, EntryBasis, OpenQty, ExitQty, PricedExitQty, ExitNotional, RealizedPnl, Fees;
    public decimal SettledRealized, SettledFees;
    public PnlSource PnlSource;
    public TradeFlags Flags;
    public bool Closed;
    public long OpenedMs = openedMs, ClosedMs;
    public int FeedbackRevision;
    public readonly List<MLeg> Legs = new(2);
}

/// <summary>One order, updated in place.</summary>
public sealed class MOrder(string clientOrderId, int slot, MTrade trade, OrderPurpose purpose, OrderSide side, decimal qty)
{
    public readonly string ClientOrderId = clientOrderId;
    public readonly int Slot = slot;
    public readonly MTrade Trade = trade;
    public readonly OrderPurpose Purpose = purpose;
    public readonly OrderSide Side = side;
    public readonly decimal Qty = qty;
    public long? VenueOrderId;
    public decimal FilledQty, ReportedCumQty, ReportedAvgPrice, EstimatedRealized, ExchangeRealized, Fees;
    public OrderStatus Status = OrderStatus.Working;
    public bool ExchangeSettled;
}

/// <summary>One exit leg, updated in place when the exchange repairs it.</summary>
public sealed class MLeg(int index, string clientOrderId, long? venueOrderId, decimal qty, decimal price, decimal realized, bool skippedNoPrice, long timeMs)
{
    public readonly int Index = index;
    public readonly string ClientOrderId = clientOrderId;
    public readonly long? VenueOrderId = venueOrderId;
    public readonly decimal Qty = qty;
    public readonly decimal Price = price;
    public decimal Realized = realized;
    public readonly bool SkippedNoPrice = skippedNoPrice;
    public bool Repaired;
    public readonly long TimeMs = timeMs;
}
