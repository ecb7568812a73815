using LanguageExt;

namespace Pink.Core;

/// <summary>
/// Accumulates one event's changes. Local to a single <see cref="Kernel.Apply"/> call, so the fold stays pure:
/// nothing escapes but the finished <see cref="Outcome"/>. Sequence numbers, the snapshot, the status row and the
/// anomaly rows are stamped in <see cref="Finish"/>, once the event is whole (rule 12: no half-applied event).
/// </summary>
internal sealed class Step
{
    private readonly KernelState _before;
    private readonly List<Effect> _effects = new(6);
    private bool _changed;
    private bool _ledgerChanged;

    public Step(KernelState before, long timeMs)
    {
        _before = before;
        State = before;
        TimeMs = timeMs;
        Ts = Timestamps.FromEpochMs(timeMs);
    }

    public KernelState State { get; set; }
    public long TimeMs { get; }
    public DateTime Ts { get; }

    /// <summary>The sequence number this event gets: a row is only ever written by an event that changes the state.</summary>
    public long Seq => _before.EventSeq + 1;
    public KernelConfig Config => State.Config;

    /// <summary>Mark the state as changed. Marks move only the snapshot; everything else is a ledger event.</summary>
    public void Touch(bool ledger = true)
    {
        _changed = true;
        _ledgerChanged |= ledger;
    }

    public void Emit(Effect effect) => _effects.Add(effect);

    public void Diag(string kind, Severity severity, string detail, int? slot = null, string? tradeId = null) =>
        _effects.Add(new Diagnostic(kind, severity, detail, slot, tradeId));

    public void Row(Row row) => _effects.Add(new PersistRow(row));

    // --- state helpers -------------------------------------------------------------------------------------

    public Slot? SlotAt(int index) => index >= 0 && index < State.Slots.Count ? State.Slots[index] : null;

    public void Put(Slot slot) => State = State with { Slots = State.Slots.SetItem(slot.Index, slot) };

    public Trade? TradeOf(string? tradeId) =>
        tradeId is not null && State.Trades.Find(tradeId).Case is Trade t ? t : null;

    public void Put(Trade trade) => State = State with { Trades = State.Trades.AddOrUpdate(trade.TradeId, trade) };

    public void Remove(Trade trade) => State = State with { Trades = State.Trades.Remove(trade.TradeId) };

    public Order? OrderOf(string? clientOrderId) =>
        clientOrderId is not null && State.Orders.Find(clientOrderId).Case is Order o ? o : null;

    public Order? OrderByVenue(long? venueOrderId) =>
        venueOrderId is long v && State.VenueOrders.Find(v).Case is string c ? OrderOf(c) : null;

    public void Put(Order order)
    {
        State = State with { Orders = State.Orders.AddOrUpdate(order.ClientOrderId, order) };
        if (order.VenueOrderId is long v && !State.VenueOrders.ContainsKey(v))
            State = State with { VenueOrders = State.VenueOrders.Add(v, order.ClientOrderId) };
    }

    public void Put(Account account) => State = State with { Account = account };

    public bool Seen(string? id) => id is not null && State.Dedup.Seen.Contains(id);

    /// <summary>Remember an exchange event id; the oldest is forgotten beyond the configured memory.</summary>
    public void Remember(string? id)
    {
        if (id is null || State.Dedup.Seen.Contains(id)) return;
        var seen = State.Dedup.Seen.Add(id);
        var order = State.Dedup.Order.Enqueue(id);
        while (order.Count > Math.Max(1, Config.DedupMemory))
        {
            seen = seen.Remove(order.Peek());
            order = order.Dequeue();
        }
        State = State with { Dedup = new DedupMemory(seen, order) };
    }

    // --- finishing ----------------------------------------------------------------------------------------

    public Outcome Finish()
    {
        var seq = _changed ? _before.EventSeq + 1 : _before.EventSeq;
        var state = _changed
            ? State with { EventSeq = seq, LastEventMs = Math.Max(State.LastEventMs, TimeMs) }
            : _before;
        var effects = new Effect[_effects.Count + CountAnomalies() + (_changed ? 1 : 0) + (_ledgerChanged ? 1 : 0)];
        var n = 0;
        foreach (var effect in _effects)
        {
            effects[n++] = effect is PersistRow { Row: var row } && row.AccountEventSeq != seq ? new PersistRow(row with { AccountEventSeq = seq }) : effect;
            if (effect is Diagnostic d && Persisted(d))
                effects[n++] = new PersistRow(new AnomalyEventRow(Ts, seq, d.Kind, Names.Of(d.Severity), d.Slot ?? -1,
                    d.TradeId ?? "", d.Detail));
        }
        if (_changed)
        {
            var snapshot = Queries.Snapshot(state);
            if (_ledgerChanged) effects[n++] = new PersistRow(Queries.StatusRow(snapshot, Ts));
            effects[n++] = new PublishSnapshot(snapshot);
        }
        return new Outcome(state, Prelude.toSeq(effects));
    }

    private int CountAnomalies()
    {
        var count = 0;
        foreach (var effect in _effects)
            if (effect is Diagnostic d && Persisted(d)) count++;
        return count;
    }

    // A duplicate is a log line, not a row: replaying an event must leave the tables as they were (rule 14).
    private static bool Persisted(Diagnostic d) => d.Kind != DiagnosticKinds.DuplicateIgnored;
}
