using LanguageExt;

namespace Pink.Core;

/// <summary>
/// Accumulates one event's changes. Local to a single <see cref="Kernel.Apply"/> call, so the fold stays pure:
/// nothing escapes but the finished <see cref="Outcome"/>. Sequence numbers, the snapshot, the status row and the
/// anomaly rows are stamped in <see cref="Finish"/>, once the event is whole (rule 12: no half-applied event).
/// <para>
/// Performance shape (behaviour is that of applying every change to the state at once): the step works on its own
/// copies of the account, slots, marks and de-duplication memory, buffers the trades and orders it writes (a trade is
/// typically written four or five times by one fill), and builds the next <see cref="KernelState"/> once, in
/// <see cref="Finish"/>, writing each touched trade and order into its map a single time. Reads go to the buffer first,
/// then to the maps.
/// </para>
/// </summary>
internal sealed class Step
{
    private readonly KernelState _before;
    private readonly Lanes _lanes;
    private readonly decimal[] _lanesMarks;
    private Effect[]? _effects;
    private int _effectCount;
    private bool _changed;
    private bool _ledgerChanged;
    private KernelConfig? _config;

    // Working copies.
    private Account _account;
    private Slot[]? _slots;
    private MarkMap _marks;
    private decimal[]? _laneMarks;
    private bool _marksInLanes; // a mark went to the lanes' marks alone: the marks map is behind them (see KernelState)
    private DedupMemory _dedup;
    private long _routedByState;
    private bool _sweep;

    // Buffered writes, applied to the maps once in Finish.
    private int _tradeCount;
    private string[]? _tradeIds;
    private Trade?[]? _tradeValues; // null: removed
    private int _orderCount;
    private Order[]? _orderValues;
    private List<(long Venue, string ClientOrderId)>? _venueBinds;

    public Step(KernelState before, long timeMs)
    {
        _before = before;
        _lanes = before.LanesView;
        _lanesMarks = before.LaneMarks;
        _account = before.Account;
        _marks = before.MarksBehindLanes;
        _dedup = before.Dedup;
        _routedByState = before.FillsRoutedByState;
        TimeMs = timeMs;
        Ts = Timestamps.FromEpochMs(timeMs);
    }

    public long TimeMs { get; }
    public DateTime Ts { get; }
    public KernelConfig Config => _config ?? _before.Config;

    /// <summary>The engine settings with what the venue stated about an instrument (its steps).</summary>
    public void PutConfig(KernelConfig config) => _config = config;

    /// <summary>The sequence number this event gets: a row is only ever written by an event that changes the state.</summary>
    public long Seq => _before.EventSeq + 1;

    /// <summary>Mark the state as changed. Marks move only the snapshot; everything else is a ledger event.</summary>
    public void Touch(bool ledger = true)
    {
        _changed = true;
        _ledgerChanged |= ledger;
    }

    public void Emit(Effect effect)
    {
        if (_effects is null) _effects = new Effect[4];
        else if (_effectCount == _effects.Length) Array.Resize(ref _effects, _effectCount * 2);
        _effects[_effectCount++] = effect;
    }

    public void Diag(string kind, Severity severity, string detail, int? slot = null, string? tradeId = null) =>
        Emit(new Diagnostic(kind, severity, detail, slot, tradeId));

    public void Row(Row row) => Emit(new PersistRow(row));

    // --- account, slots, marks, de-duplication -----------------------------------------------------------------

    public Account Account => _account;

    public void Put(Account account) => _account = account;

    public int SlotCount => _before.Slots.Count;

    public Slot? SlotAt(int index) =>
        index < 0 || index >= _before.Slots.Count ? null : _slots is null ? _before.Slots[index] : _slots[index];

    public void Put(Slot slot)
    {
        // Writing a slot as it is changes nothing: the lanes stay as they are (no rebuild, no copy of the slots).
        if (SlotAt(slot.Index) is { } current && current.Equals(slot)) return;
        if (_slots is null)
        {
            _slots = new Slot[_before.Slots.Count];
            for (var i = 0; i < _slots.Length; i++) _slots[i] = _before.Slots[i];
        }
        _slots[slot.Index] = slot; // throws outside 0..N-1, as Arr.SetItem did
    }

    public void CountRoutedByState() => _routedByState++;

    /// <summary>The per-slot lanes of the state before this event.</summary>
    public Lanes Lanes => _lanes;

    public bool LanesUnchanged => _slots is null && _tradeCount == 0 && _orderCount == 0;

    /// <summary>The mark last applied for a slot's instrument (0 when none), valid while <see cref="LanesUnchanged"/>.</summary>
    public decimal LaneMark(int slot) => (_laneMarks ?? _lanesMarks)[slot];

    public decimal? MarkOf(string key)
    {
        var marks = _laneMarks ?? _lanesMarks;
        for (var i = 0; i < marks.Length; i++)
            if (marks[i] != 0.0m && _lanes.Keys[i] is string k && k == key) return marks[i];
        return _marks.Find(key).Case is decimal m ? m : null;
    }

    /// <summary>A held instrument's mark goes to the lanes' marks alone; any other to the marks map.</summary>
    public void PutMark(string key, decimal price)
    {
        var held = false;
        for (var i = 0; i < _lanesMarks.Length; i++)
        {
            if (_lanes.Keys[i] is not string k || k != key) continue;
            (_laneMarks ??= (decimal[])_lanesMarks.Clone())[i] = price;
            held = true;
        }
        if (held) _marksInLanes = true;
        else _marks = _marks.AddOrUpdate(key, price);
    }

    public bool Seen(string? id) => id is not null && _dedup.Contains(id);

    /// <summary>True when the order a report names belongs to a trade the state has forgotten (see Forgetting).</summary>
    public bool Forgotten(string? clientOrderId, long? venueOrderId) =>
        venueOrderId is long v && _before.Forgotten.Contains(Forgetting.VenueKey(v)) ||
        !string.IsNullOrEmpty(clientOrderId) && _before.Forgotten.Contains(Forgetting.ClientKey(clientOrderId));

    /// <summary>True when a trade id belongs to a trade the state has forgotten.</summary>
    public bool ForgottenTrade(string tradeId) => _before.Forgotten.Contains(Forgetting.TradeKey(tradeId));

    /// <summary>Check every closed trade for forgetting when the step finishes (see Forgetting).</summary>
    public void Sweep() => _sweep = true;

    /// <summary>Remember an exchange event id; the oldest is forgotten beyond the configured memory.</summary>
    public void Remember(string? id)
    {
        if (id is null || _dedup.Contains(id)) return;
        _dedup = _dedup.Remember(id, Math.Max(1, Config.DedupMemory));
    }

    // --- trades and orders ---------------------------------------------------------------------------------------

    public Trade? TradeOf(string? tradeId)
    {
        if (tradeId is null) return null;
        for (var i = 0; i < _tradeCount; i++)
            if (string.Equals(_tradeIds![i], tradeId)) return _tradeValues![i];
        return _before.Trades.Find(tradeId).Case as Trade;
    }

    /// <summary>Every trade as this step sees it (buffered changes included); for the rare whole-book checks.</summary>
    public IEnumerable<Trade> AllTrades()
    {
        for (var i = 0; i < _tradeCount; i++)
            if (_tradeValues![i] is Trade t) yield return t;
        foreach (var t in _before.Trades.Values)
        {
            var buffered = false;
            for (var i = 0; i < _tradeCount && !buffered; i++) buffered = string.Equals(_tradeIds![i], t.TradeId);
            if (!buffered) yield return TradeOf(t.TradeId)!;
        }
    }

    public void Put(Trade trade) => Buffer(trade.TradeId, trade);

    public void Remove(Trade trade) => Buffer(trade.TradeId, null);

    private void Buffer(string id, Trade? value)
    {
        for (var i = 0; i < _tradeCount; i++)
            if (string.Equals(_tradeIds![i], id))
            {
                _tradeValues![i] = value;
                return;
            }
        if (_tradeIds is null)
        {
            _tradeIds = new string[2];
            _tradeValues = new Trade?[2];
        }
        else if (_tradeCount == _tradeIds.Length)
        {
            Array.Resize(ref _tradeIds, _tradeCount * 2);
            Array.Resize(ref _tradeValues, _tradeCount * 2);
        }
        _tradeIds[_tradeCount] = id;
        _tradeValues![_tradeCount++] = value;
    }

    public Order? OrderOf(string? clientOrderId)
    {
        if (clientOrderId is null) return null;
        for (var i = 0; i < _orderCount; i++)
            if (string.Equals(_orderValues![i].ClientOrderId, clientOrderId)) return _orderValues[i];
        return _before.Orders.Find(clientOrderId).Case as Order;
    }

    /// <summary>
    /// An order named by the venue: the venue lower-cases client order ids (bingx-api-facts.md §6), so an id it echoes
    /// matches ours whatever the case. The exact id is tried first, then the live orders (the ones the venue talks
    /// about: acks, fills, cancels); an ended order is found by its exact id or its venue id, so a miss — another
    /// runtime's id — costs no scan of the whole book.
    /// </summary>
    public Order? OrderOfVenueEcho(string? clientOrderId)
    {
        if (OrderOf(clientOrderId) is Order exact) return exact;
        if (string.IsNullOrEmpty(clientOrderId)) return null;
        for (var i = 0; i < _orderCount; i++)
            if (string.Equals(_orderValues![i].ClientOrderId, clientOrderId, StringComparison.OrdinalIgnoreCase)) return _orderValues[i];
        foreach (var id in Slot.LiveOrdersEchoed(_before.Slots, clientOrderId))
            if (OrderOf(id) is Order o) return o;
        return null;
    }

    public Order? OrderByVenue(long? venueOrderId)
    {
        if (venueOrderId is not long v) return null;
        if (_venueBinds is not null)
            foreach (var (venue, clientOrderId) in _venueBinds)
                if (venue == v) return OrderOf(clientOrderId);
        return _before.VenueOrders.Find(v).Case is string c ? OrderOf(c) : null;
    }

    public void Put(Order order)
    {
        for (var i = 0; i < _orderCount; i++)
            if (string.Equals(_orderValues![i].ClientOrderId, order.ClientOrderId))
            {
                // Written before in this step with the same venue id: that write already bound it.
                if (order.VenueOrderId != _orderValues[i].VenueOrderId) Bind(order);
                _orderValues[i] = order;
                return;
            }
        Bind(order);
        if (_orderValues is null) _orderValues = new Order[2];
        else if (_orderCount == _orderValues.Length) Array.Resize(ref _orderValues, _orderCount * 2);
        _orderValues[_orderCount++] = order;
    }

    // A venue id is bound to the first order that reports it, as that order is written.
    private void Bind(Order order)
    {
        if (order.VenueOrderId is long v && !Binds(v) && !_before.VenueOrders.ContainsKey(v))
            (_venueBinds ??= new List<(long, string)>(1)).Add((v, order.ClientOrderId));
    }

    private bool Binds(long v)
    {
        if (_venueBinds is null) return false;
        foreach (var (venue, _) in _venueBinds)
            if (venue == v) return true;
        return false;
    }

    // --- finishing ----------------------------------------------------------------------------------------

    public Outcome Finish()
    {
        if (!_changed) return new Outcome(Remembered(), Prelude.toSeq(Stamp(_before.EventSeq, 0, out _)));
        var seq = _before.EventSeq + 1;
        var state = Build(seq);
        var snapshot = Queries.Snapshot(state);
        var effects = Stamp(seq, _ledgerChanged ? 2 : 1, out var n);
        if (_ledgerChanged)
        {
            var open = 0;
            foreach (var slot in state.Slots)
                if (slot.TradeId is not null && state.Trades.Find(slot.TradeId).Case is Trade t && t.OpenQty > KernelConfig.QtyEpsilon) open++;
            effects[n++] = new PersistRow(new StatusSnapshotRow(Ts, seq, snapshot.Capital, snapshot.Equity, Names.Of(snapshot.CapitalSource),
                snapshot.EWalletBalance, snapshot.AvailableMargin, snapshot.FeesPaid, snapshot.UnrealizedPnl, open, snapshot.EntriesBlocked));
        }
        effects[n] = new PublishSnapshot(snapshot);
        return new Outcome(state, Prelude.toSeq(effects));
    }

    // The effects so far, each row stamped with the event's sequence number and each persisted diagnostic followed by
    // its anomaly row, in an array with room for `extra` more; `n` is where those go.
    private Effect[] Stamp(long seq, int extra, out int n)
    {
        n = 0;
        var count = 0;
        for (var i = 0; i < _effectCount; i++)
            count += _effects![i] is Diagnostic d && Persisted(d) ? 2 : 1;
        if (count + extra == 0) return [];
        var effects = new Effect[count + extra];
        for (var i = 0; i < _effectCount; i++)
        {
            var effect = _effects![i];
            effects[n++] = effect is PersistRow { Row: var row } && row.AccountEventSeq != seq ? new PersistRow(row with { AccountEventSeq = seq }) : effect;
            if (effect is Diagnostic d && Persisted(d))
                effects[n++] = new PersistRow(new AnomalyEventRow(Ts, seq, d.Kind, Names.Of(d.Severity), d.Slot ?? -1,
                    d.TradeId ?? "", d.Detail));
        }
        return effects;
    }

    // An exchange report that changed nothing (the same balance, nothing to adopt) is still remembered: delivered again
    // later it must not be applied as new (rule 14). Remembering is bookkeeping, not a change of the books, so it takes
    // no event_seq, snapshot or row.
    private KernelState Remembered() =>
        ReferenceEquals(_dedup, _before.Dedup) ? _before
        : _before.Next(_before.EventSeq, _before.LastEventMs, _before.Ledger with { Dedup = _dedup }, _before.MarksBehindLanes, _before.LaneMarks,
            _before.HotMarks);

    // The next state, built once: every buffered trade and order is written into its map once (the maps hold only what
    // is live, see Forgetting, so a write is a few node copies); the lanes are rebuilt from the step's view when a slot,
    // trade or order changed.
    private KernelState Build(long seq)
    {
        var trades = _before.Trades;
        var orders = _before.Orders;
        var slots = _slots is null ? _before.Slots : new Arr<Slot>(_slots);
        var lanes = _lanes;
        if (!LanesUnchanged)
        {
            lanes = BuildLanes(slots);
            for (var i = 0; i < _tradeCount; i++)
                trades = _tradeValues![i] is Trade t ? trades.AddOrUpdate(t.TradeId, t) : trades.Remove(_tradeIds![i]);
            for (var i = 0; i < _orderCount; i++) orders = orders.AddOrUpdate(_orderValues![i].ClientOrderId, _orderValues[i]);
        }
        var venues = _before.VenueOrders;
        if (_venueBinds is not null)
            foreach (var (venue, clientOrderId) in _venueBinds) venues = venues.Add(venue, clientOrderId);
        var forget = new Forgetting.Book { Trades = trades, Orders = orders, VenueOrders = venues, Forgotten = _before.Forgotten, Account = _account };
        Forgetting.Run(this, ref forget, slots, Candidates(slots), _sweep);
        (trades, orders, venues, _account) = (forget.Trades, forget.Orders, forget.VenueOrders, forget.Account);
        var hotMarks = _before.HotMarks || _marksInLanes;
        var (marksMap, marks) = BuildMarks(lanes, hotMarks);
        var book = new KernelState.Book(Config, _account, slots, trades, orders, venues, _dedup, _routedByState, forget.Forgotten) { Lanes = lanes };
        return _before.Next(seq, Math.Max(_before.LastEventMs, TimeMs), book, marksMap, marks, hotMarks);
    }

    // The trades this step wrote (or whose orders it wrote) that no slot hosts any more: the ones that may be forgotten now.
    private System.Collections.Generic.HashSet<string>? Candidates(Arr<Slot> slots)
    {
        System.Collections.Generic.HashSet<string>? ids = null;
        for (var i = 0; i < _tradeCount; i++)
            if ((_tradeValues![i] is not Trade t || t.Closed) && !Hosts(slots, _tradeIds![i])) (ids ??= new(StringComparer.Ordinal)).Add(_tradeIds[i]);
        for (var i = 0; i < _orderCount; i++)
            if (!Hosts(slots, _orderValues![i].TradeId)) (ids ??= new(StringComparer.Ordinal)).Add(_orderValues[i].TradeId);
        return ids;
    }

    private static bool Hosts(Arr<Slot> slots, string tradeId)
    {
        foreach (var slot in slots)
            if (string.Equals(slot.TradeId, tradeId, StringComparison.Ordinal)) return true;
        return false;
    }

    // The marks of the new lanes: a lane's mark is the newest of its instrument; an instrument that leaves the lanes
    // takes its newest mark back into the marks map.
    private (MarkMap Map, decimal[] Lanes) BuildMarks(Lanes lanes, bool hotMarks)
    {
        var old = _laneMarks ?? _lanesMarks;
        if (LanesUnchanged || ReferenceEquals(lanes.Keys, _lanes.Keys)) return (_marks, old);
        var map = _marks;
        if (hotMarks)
            for (var i = 0; i < old.Length; i++)
                if (old[i] != 0.0m && _lanes.Keys[i] is string k && Array.IndexOf(lanes.Keys, k) < 0) map = map.AddOrUpdate(k, old[i]);
        var marks = new decimal[lanes.Keys.Length];
        for (var i = 0; i < marks.Length; i++)
            if (lanes.Keys[i] is string key) marks[i] = MarkOf(key) ?? 0.0m;
        return (map, marks);
    }

    private Lanes BuildLanes(Arr<Slot> slots)
    {
        var n = slots.Count;
        var keys = new string?[n];
        for (var i = 0; i < n; i++)
            if (TradeOf(slots[i].TradeId) is Trade t)
                keys[i] = i < _lanes.Keys.Length && _lanes.Keys[i] is string p && Symbols.IsKeyOf(t.Symbol, p) ? p : Symbols.Key(t.Symbol);
        // The same instruments in the same lanes (the common case: a fill or an ack) keep the keys, and so their marks.
        return new Lanes(SameKeys(keys, _lanes.Keys) ? _lanes.Keys : keys);
    }

    private static bool SameKeys(string?[] keys, string?[] before)
    {
        if (keys.Length != before.Length) return false;
        for (var i = 0; i < keys.Length; i++)
            if (!ReferenceEquals(keys[i], before[i])) return false;
        return true;
    }

    // A duplicate is a log line, not a row: replaying an event must leave the tables as they were (rule 14). So is a late
    // report of a forgotten trade: what it says was booked and written when the trade was live.
    private static bool Persisted(Diagnostic d) => d.Kind is not (DiagnosticKinds.DuplicateIgnored or DiagnosticKinds.ForgottenTrade);
}
