using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using LanguageExt;
using LanguageExt.ClassInstances;

namespace Pink.Core;

/// <summary>
/// The whole kernel state. Immutable: every event yields a new value. Serialises to the versioned state
/// document (see StateDocument).
/// </summary>
public sealed record KernelState
{
    // Not a positional record: its constructor is the kernel's (a host gets states from Initial, Kernel.Apply and
    // StateDocument.Restore), and a positional record's primary constructor is always public.
    internal KernelState(
        KernelConfig Config,
        long EventSeq,
        long LastEventMs,
        Account Account,
        Arr<Slot> Slots,
        TradeMap Trades,
        OrderMap Orders,
        Map<long, string> VenueOrders,
        MarkMap Marks,
        DedupMemory Dedup,
        long FillsRoutedByState)
    {
        _book = new(Config, Account, Slots, Trades, Orders, VenueOrders, Dedup, FillsRoutedByState, DedupMemory.Empty);
        _marks = Marks;
        this.EventSeq = EventSeq;
        this.LastEventMs = LastEventMs;
    }

    /// <summary>How many events were applied (strictly increasing).</summary>
    [JsonPropertyOrder(1)]
    public long EventSeq { get; internal init; }

    /// <summary>Time of the last event applied.</summary>
    [JsonPropertyOrder(2)]
    public long LastEventMs { get; internal init; }

    // Layout, for speed (behaviour is that of the plain record):
    //
    // * What only ledger events change (config, account, slots, trades, orders, venue ids, de-duplication memory, the
    //   routed-by-state count, and the per-slot lanes derived from them) is one Book value, held inline: each state,
    //   a mark's too, has its own copy (sharing it between the states marks make was measured not to pay, README).
    // * The lanes (see Lanes: the slots' instrument keys) are derived from Slots and Trades, and their marks from Marks:
    //   setting any of them (e.g. with `with`) drops them; they are neither serialised nor part of equality. Trades and
    //   orders are in their maps alone (which hold only what is live, see Forgetting).
    // * States the kernel builds keep the lanes' marks *authoritative* ("hot"): the marks of the instruments the slots
    //   hold are in the lanes alone, and the marks map holds the others (with older values, or none, for what the lanes
    //   hold): a mark then writes no map. The public Marks folds the lanes back in on first read, so every reader
    //   (equality, the state document, `with`) sees exactly the state as if every mark had gone to the map.
    private Book _book;
    private MarkMap _marks;
    private bool _hotMarks;
    private decimal[]? _laneMarks;
    private StrongBox<MarkMap>? _marksRead; // Marks with the lanes' marks folded in, built on first read

    /// <summary>What only ledger events change (a value: every state holds its own copy).</summary>
    internal record struct Book(KernelConfig Config, Account Account, Arr<Slot> Slots, TradeMap Trades, OrderMap Orders,
        Map<long, string> VenueOrders, DedupMemory Dedup, long FillsRoutedByState, DedupMemory Forgotten)
    {
        /// <summary>The slots' lanes; built on first use unless the kernel made them.</summary>
        public Lanes? Lanes { get; set; }

        /// <summary>This book with one part replaced and nothing derived from the old parts.</summary>
        public Book Without() => this with { Lanes = null };
    }

    /// <summary>The engine settings.</summary>
    [JsonPropertyOrder(0)]
    public KernelConfig Config { get => _book.Config; internal init { Settle(); _book = _book with { Config = value }; } }

    /// <summary>The account.</summary>
    [JsonPropertyOrder(3)]
    public Account Account { get => _book.Account; internal init { Settle(); _book = _book with { Account = value }; } }

    /// <summary>Slot lanes, 0..N-1.</summary>
    [JsonPropertyOrder(4)]
    public Arr<Slot> Slots
    {
        get => _book.Slots;
        internal init
        {
            Settle();
            _book = _book.Without() with { Slots = value };
            _laneMarks = null;
        }
    }

    /// <summary>Every trade the state holds, by trade id: the live ones and the closed ones not yet settled (see Forgetting).</summary>
    [JsonPropertyOrder(5)]
    public TradeMap Trades
    {
        get => _book.Trades;
        internal init
        {
            Settle();
            _book = _book.Without() with { Trades = value };
            _laneMarks = null;
        }
    }

    /// <summary>Every order of the trades the state holds (and of trades that never filled, until they end), by client order id.</summary>
    [JsonPropertyOrder(6)]
    public OrderMap Orders
    {
        get => _book.Orders;
        internal init
        {
            Settle();
            _book = _book.Without() with { Orders = value };
            _laneMarks = null;
        }
    }

    /// <summary>Venue order id → client order id.</summary>
    [JsonPropertyOrder(7)]
    public Map<long, string> VenueOrders { get => _book.VenueOrders; internal init { Settle(); _book = _book with { VenueOrders = value }; } }

    /// <summary>Last mark per instrument key.</summary>
    [JsonPropertyOrder(8)]
    public MarkMap Marks
    {
        get => !_hotMarks ? _marks : (_marksRead ??= new(FoldInMarks(_marks, LanesView.Keys, _laneMarks!))).Value;
        internal init
        {
            Settle();
            _marks = value;
            _laneMarks = null;
        }
    }

    /// <summary>The exchange event ids remembered for de-duplication.</summary>
    [JsonPropertyOrder(9)]
    internal DedupMemory Dedup { get => _book.Dedup; init { Settle(); _book = _book with { Dedup = value }; } }

    /// <summary>How many fills were routed by state (no usable id).</summary>
    [JsonPropertyOrder(10)]
    public long FillsRoutedByState { get => _book.FillsRoutedByState; internal init { Settle(); _book = _book with { FillsRoutedByState = value }; } }

    /// <summary>
    /// The ids of the trades the state has forgotten (see Forgetting), oldest first: <c>t:</c> trade id,
    /// <c>c:</c> client order id (lower case, as the venue echoes it), <c>v:</c> venue order id; at most
    /// <see cref="KernelConfig.ForgottenMemory"/>.
    /// </summary>
    [JsonPropertyOrder(11)]
    internal DedupMemory Forgotten { get => _book.Forgotten; init { Settle(); _book = _book with { Forgotten = value }; } }

    internal Lanes LanesView => _book.Lanes ??= Lanes.Of(this);

    /// <summary>The mark of each slot's hosted instrument (0 when none): <c>Marks[Key(trade.Symbol)]</c> per lane.</summary>
    internal decimal[] LaneMarks => _laneMarks ??= Lanes.MarksOf(LanesView.Keys, _marks);

    /// <summary>True when the lanes' marks, not the marks map, hold the marks of the instruments the lanes hold.</summary>
    internal bool HotMarks => _hotMarks;

    /// <summary>The marks map without the lanes' marks folded in: exact for every instrument no lane holds.</summary>
    internal MarkMap MarksBehindLanes => _marks;

    /// <summary>A state after a ledger event: a new book (with the lanes the kernel built) and the marks.</summary>
    internal KernelState Next(long seq, long lastEventMs, Book book, MarkMap marks, decimal[] laneMarks, bool hotMarks) =>
        this with { EventSeq = seq, LastEventMs = lastEventMs, Parts = (book, marks, laneMarks, hotMarks) };

    /// <summary>A state after a mark: the same book, new lane marks (the marks map is behind them).</summary>
    internal KernelState Marked(long seq, long lastEventMs, decimal[] laneMarks) =>
        this with { EventSeq = seq, LastEventMs = lastEventMs, Parts = (_book, _marks, laneMarks, true) };

    /// <summary>This state's book.</summary>
    internal Book Ledger => _book;

    // Sets the parts as they are (no folding): only for states the kernel builds from a consistent book and marks.
    private (Book Book, MarkMap Marks, decimal[] LaneMarks, bool HotMarks) Parts
    {
        init
        {
            (_book, _marks, _laneMarks, _hotMarks) = value;
            _marksRead = null;
        }
    }

    // A `with` starts from a copy of this state: fold the lanes' marks into the map before any part is replaced.
    private void Settle()
    {
        if (_hotMarks)
        {
            _marks = Marks;
            _hotMarks = false;
        }
        _marksRead = null;
    }

    private static MarkMap FoldInMarks(MarkMap map, string?[] keys, decimal[] marks)
    {
        for (var i = 0; i < keys.Length; i++)
            if (keys[i] is string key && marks[i] != 0.0m) map = map.AddOrUpdate(key, marks[i]);
        return map;
    }

    /// <summary>Value equality over the state itself (the derived lanes are not part of it).</summary>
    public bool Equals(KernelState? other) =>
        ReferenceEquals(this, other) || other is not null && EqualityContract == other.EqualityContract &&
        EqualityComparer<KernelConfig>.Default.Equals(Config, other.Config) && EventSeq == other.EventSeq &&
        LastEventMs == other.LastEventMs && EqualityComparer<Account>.Default.Equals(Account, other.Account) &&
        EqualityComparer<Arr<Slot>>.Default.Equals(Slots, other.Slots) &&
        EqualityComparer<TradeMap>.Default.Equals(Trades, other.Trades) &&
        EqualityComparer<OrderMap>.Default.Equals(Orders, other.Orders) &&
        EqualityComparer<Map<long, string>>.Default.Equals(VenueOrders, other.VenueOrders) &&
        EqualityComparer<MarkMap>.Default.Equals(Marks, other.Marks) &&
        EqualityComparer<DedupMemory>.Default.Equals(Dedup, other.Dedup) && FillsRoutedByState == other.FillsRoutedByState &&
        EqualityComparer<DedupMemory>.Default.Equals(Forgotten, other.Forgotten);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(EqualityContract);
        h.Add(Config);
        h.Add(EventSeq);
        h.Add(LastEventMs);
        h.Add(Account);
        h.Add(Slots);
        h.Add(Trades);
        h.Add(Orders);
        h.Add(VenueOrders);
        h.Add(Marks);
        h.Add(Dedup);
        h.Add(FillsRoutedByState);
        h.Add(Forgotten);
        return h.ToHashCode();
    }

    /// <summary>The state before any event.</summary>
    public static KernelState Initial(KernelConfig config)
    {
        var slots = new Slot[Math.Max(0, config.SlotCount)];
        for (var i = 0; i < slots.Length; i++) slots[i] = Slot.Idle(i);
        var seed = config.SeedCapital;
        return new KernelState(config, 0, 0,
            Account.Seeded(seed),
            new Arr<Slot>(slots), TradeMap.Empty, OrderMap.Empty, Map<long, string>.Empty, MarkMap.Empty, DedupMemory.Empty, 0);
    }
}
