using System.Globalization;
using Pink.Core;

// A host embedding Pink.Core: it feeds events, interprets every effect, keeps the state document, and restarts from it.
// The venue and the store are stand-ins (below); everything between the markers is what PACKAGE.md shows.

// --- PACKAGE.md: host (begin)
var store = new Store();   // your database: the rows, and the last state document
var venue = new Venue();   // your exchange client: every call answers with events
var sizer = new Dictionary<string, SizerFeedback>();
var history = new Dictionary<string, Trade>();  // closed trades the kernel forgot (it keeps only what is live)
AccountSnapshot? published = null;
var state = Kernel.Initial(new KernelConfig(SlotCount: 2, SeedCapital: 1_000));

void Feed(KernelEvent input)
{
    var (next, effects) = Kernel.Apply(state, input);
    state = next;
    var calls = new List<Func<IReadOnlyList<KernelEvent>>>();
    AccountSnapshot? snapshot = null;
    var feedback = new List<SizerFeedback>();
    foreach (var effect in effects)
        effect.Switch( // every kind is a mandatory argument: a kind a later Pink.Core adds fails this build, never drops
            place: place => calls.Add(() => venue.Place(place)),
            cancel: cancel => calls.Add(() => venue.Cancel(cancel)),
            query: query => calls.Add(() => venue.Query(query)),
            persist: persist => store.Write(persist.Row),
            publish: publish => snapshot = publish.Snapshot,
            feedback: f => feedback.Add(f),
            diagnostic: d => Console.WriteLine($"diagnostic {d.Severity} {d.Kind}: {d.Detail}"),
            forgotten: gone => { if (gone.Trade is { } closed) history[closed.TradeId] = closed; });
    // Write-ahead: the rows, then the state document that covers them, are durable before anything leaves the process.
    store.Commit(state);
    if (snapshot is not null) published = snapshot; // the whole latest snapshot replaces the previous one
    foreach (var f in feedback)
        if (!sizer.TryGetValue(f.TradeId, out var known) || f.Revision > known.Revision) sizer[f.TradeId] = f;
    foreach (var call in calls)
        foreach (var answer in call()) Feed(answer); // the venue's answers are events like any other
}

void Restart()
{
    // A new process: nothing but the last state document survives.
    state = StateDocument.Restore(store.Document!).Match(Right: restored => restored,
        Left: error => throw new InvalidOperationException(error));
    // An order the venue never acknowledged may not have left: send it again (the venue refuses a client order id twice).
    foreach (var order in Queries.UnacknowledgedOrders(state))
        foreach (var answer in venue.Place(order)) Feed(answer);
}
// --- PACKAGE.md: host (end)

// The session: one trade with partial entry fills (one delivered twice) and a restart midway, a second trade whose
// venue report is unclear (a query) and that is closed during its entry (a cancel), then the exchange's balance.
var t = 1_700_000_000_000L;
long Now() => venue.Clock = t += 1_000;
Feed(new BalanceReport { Id = "bal-1", WalletBalance = 1_000, AvailableMargin = 1_000, Reason = BalanceReason.Poll, TimeMs = Now() });

Feed(new OpenIntent { Slot = 0, Symbol = "FET-USDT", Side = PositionSide.Long, Qty = 100, ExchangeLeverage = 2,
    ClientOrderId = "c-1", TradeId = "T1", TimeMs = Now() });
Feed(new Fill { VenueOrderId = 501, ClientOrderId = "c-1", Symbol = "FET-USDT", Side = OrderSide.Buy, Qty = 40, Price = 0.20m,
    TimeMs = Now(), Id = "fill:501:40", CumQty = 40, Settlement = new ExchangeSettlement { RealizedPnl = 0, Fee = 0.004m } });
Feed(new Fill { VenueOrderId = 501, ClientOrderId = "c-1", Symbol = "FET-USDT", Side = OrderSide.Buy, Qty = 60, Price = 0.21m,
    TimeMs = Now(), Id = "fill:501:100", CumQty = 100, Settlement = new ExchangeSettlement { RealizedPnl = 0, Fee = 0.0063m } });
Feed(new Fill { VenueOrderId = 501, ClientOrderId = "c-1", Symbol = "FET-USDT", Side = OrderSide.Buy, Qty = 40, Price = 0.20m,
    TimeMs = Now(), Id = "fill:501:40", CumQty = 40, Settlement = new ExchangeSettlement { RealizedPnl = 0, Fee = 0.004m } }); // the stream delivered it again
Feed(new MarkPrice { Symbol = "FET-USDT", Price = 0.22m, TimeMs = Now() });

Restart();
Console.WriteLine($"restarted from the state document: event_seq {state.EventSeq}, slot 0 {Queries.Snapshot(state).Slots[0].Phase}");

Feed(new OpenIntent { Slot = 1, Symbol = "ENA-USDT", Side = PositionSide.Short, Qty = 50, ExchangeLeverage = 3,
    ClientOrderId = "c-3", TradeId = "T2", TimeMs = Now() });
Feed(new Fill { VenueOrderId = 502, ClientOrderId = "c-3", Symbol = "ENA-USDT", Side = OrderSide.Sell, Qty = 20, Price = 0.60m,
    TimeMs = Now(), Id = "fill:502:20", CumQty = 20, Settlement = new ExchangeSettlement { RealizedPnl = 0, Fee = 0.006m } });
venue.QueryAnswer = [new Fill { VenueOrderId = 502, ClientOrderId = "c-3", Symbol = "ENA-USDT", Side = OrderSide.Sell, Qty = 10,
    Price = 0.60m, TimeMs = t, Id = "fill:502:30", CumQty = 30, Settlement = new ExchangeSettlement { RealizedPnl = 0, Fee = 0.003m } }];
Feed(new OrderUnclear { VenueOrderId = 502, ClientOrderId = "c-3", Symbol = "ENA-USDT",
    Detail = "PARTIALLY_FILLED without a cumulative quantity", TimeMs = Now() });
Feed(new CloseIntent { Slot = 1, ClientOrderId = "c-4", TimeMs = Now() });
Feed(new Fill { VenueOrderId = 503, ClientOrderId = "c-4", Symbol = "ENA-USDT", Side = OrderSide.Buy, Qty = 30, Price = 0.58m,
    TimeMs = Now(), Id = "fill:503:30", CumQty = 30, Settlement = new ExchangeSettlement { RealizedPnl = 0.6m, Fee = 0.0087m } });

Feed(new CloseIntent { Slot = 0, ClientOrderId = "c-2", TimeMs = Now() });
Feed(new Fill { VenueOrderId = 504, ClientOrderId = "c-2", Symbol = "FET-USDT", Side = OrderSide.Sell, Qty = 100, Price = 0.23m,
    TimeMs = Now(), Id = "fill:504:100", CumQty = 100, Settlement = new ExchangeSettlement { RealizedPnl = 2.4m, Fee = 0.0115m } });
Feed(new BalanceReport { Id = "bal-2", WalletBalance = 1_002.9605m, AvailableMargin = 1_002.9605m, Reason = BalanceReason.Order,
    TimeMs = Now(), Positions = [] });

static string N(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);
var final = published!;
Console.WriteLine($"capital {N(final.Capital)} ({final.CapitalSource}), wallet {N(final.EWalletBalance)}, equity {N(final.Equity)}");
foreach (var trade in Queries.Trades(state).Concat(history.Values).OrderBy(t => t.TradeId, StringComparer.Ordinal))
    Console.WriteLine($"trade {trade.TradeId} {trade.Side} {trade.Symbol} qty {N(trade.EntryQty)} entry {N(trade.EntryBasis)} " +
        $"exit {N(Queries.ExitPrice(trade))} realized {N(trade.RealizedPnl)} fees {N(trade.Fees)} closed {trade.Closed}");
Console.WriteLine($"realized {N(Queries.Trades(state).Concat(history.Values).Sum(x => x.RealizedPnl))}");
Console.WriteLine($"fees {N(final.FeesPaid)}");
foreach (var f in sizer.Values)
    Console.WriteLine($"sizer {f.TradeId}: {N(f.Pnl)} (revision {f.Revision})");
Console.WriteLine($"rows {store.Rows.Count}, orders placed {venue.Orders}, cancelled {venue.Cancels}, queried {venue.Queries}");

// --- PACKAGE.md: store (begin)
/// <summary>Stands in for a database: rows become durable, then the state document, in one commit.</summary>
sealed class Store
{
    private readonly List<Row> _pending = new();
    public List<Row> Rows { get; } = new();
    public string? Document { get; private set; }

    public void Write(Row row) => _pending.Add(row);

    public void Commit(KernelState state)
    {
        // Rows before the document: a document never covers a row that a crash could still lose.
        Rows.AddRange(_pending);
        _pending.Clear();
        Document = StateDocument.Save(state);
    }
}
// --- PACKAGE.md: store (end)

/// <summary>Stands in for an exchange: acknowledges orders, refuses a client order id twice, answers cancels and queries.</summary>
sealed class Venue
{
    private readonly Dictionary<string, long> _ids = new(StringComparer.OrdinalIgnoreCase);
    private long _next = 501;
    public long Clock { get; set; }
    public int Orders => _ids.Count;
    public int Cancels { get; private set; }
    public int Queries { get; private set; }
    public IReadOnlyList<KernelEvent> QueryAnswer { get; set; } = [];

    public IReadOnlyList<KernelEvent> Place(PlaceOrder order)
    {
        if (_ids.TryGetValue(order.ClientOrderId, out var known))
            return [new OrderAcknowledged { ClientOrderId = order.ClientOrderId, VenueOrderId = known, TimeMs = Clock }]; // already placed: the same order, not a second one
        var id = _ids[order.ClientOrderId] = _next++;
        return [new OrderAcknowledged { ClientOrderId = order.ClientOrderId, VenueOrderId = id, TimeMs = Clock }];
    }

    public IReadOnlyList<KernelEvent> Cancel(CancelOrder cancel)
    {
        Cancels++;
        return [new OrderCancelled { ClientOrderId = cancel.ClientOrderId, VenueOrderId = cancel.VenueOrderId, Reason = "CANCELED", TimeMs = Clock }];
    }

    public IReadOnlyList<KernelEvent> Query(QueryOrder query)
    {
        Queries++;
        return QueryAnswer;
    }
}
