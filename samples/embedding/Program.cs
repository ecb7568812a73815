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
        switch (effect)
        {
            case PlaceOrder place: calls.Add(() => venue.Place(place)); break;
            case CancelOrder cancel: calls.Add(() => venue.Cancel(cancel)); break;
            case QueryOrder query: calls.Add(() => venue.Query(query)); break;
            case PersistRow persist: store.Write(persist.Row); break;
            case PublishSnapshot publish: snapshot = publish.Snapshot; break;
            case SizerFeedback f: feedback.Add(f); break;
            case Diagnostic d: Console.WriteLine($"diagnostic {d.Severity} {d.Kind}: {d.Detail}"); break;
            case TradeForgotten gone: if (gone.Trade is { } closed) history[closed.TradeId] = closed; break;
            default: throw new InvalidOperationException($"unknown effect {effect.GetType().Name}: interpret it before upgrading Pink.Core");
        }
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
Feed(new BalanceReport("bal-1", 1_000, 1_000, BalanceReason.Poll, Now()));

Feed(new OpenIntent(0, "FET-USDT", PositionSide.Long, 100, ExchangeLeverage: 2, "c-1", "T1", Now()));
Feed(new Fill(501, "c-1", "FET-USDT", OrderSide.Buy, Qty: 40, Price: 0.20m, Now(), Id: "fill:501:40", CumQty: 40,
    Settlement: new ExchangeSettlement(0, Fee: 0.004m)));
Feed(new Fill(501, "c-1", "FET-USDT", OrderSide.Buy, Qty: 60, Price: 0.21m, Now(), Id: "fill:501:100", CumQty: 100,
    Settlement: new ExchangeSettlement(0, Fee: 0.0063m)));
Feed(new Fill(501, "c-1", "FET-USDT", OrderSide.Buy, Qty: 40, Price: 0.20m, Now(), Id: "fill:501:40", CumQty: 40,
    Settlement: new ExchangeSettlement(0, Fee: 0.004m))); // the stream delivered it again
Feed(new MarkPrice("FET-USDT", 0.22m, Now()));

Restart();
Console.WriteLine($"restarted from the state document: event_seq {state.EventSeq}, slot 0 {Queries.Snapshot(state).Slots[0].Phase}");

Feed(new OpenIntent(1, "ENA-USDT", PositionSide.Short, 50, ExchangeLeverage: 3, "c-3", "T2", Now()));
Feed(new Fill(502, "c-3", "ENA-USDT", OrderSide.Sell, Qty: 20, Price: 0.60m, Now(), Id: "fill:502:20", CumQty: 20,
    Settlement: new ExchangeSettlement(0, Fee: 0.006m)));
venue.QueryAnswer = [new Fill(502, "c-3", "ENA-USDT", OrderSide.Sell, Qty: 10, Price: 0.60m, t, Id: "fill:502:30", CumQty: 30,
    Settlement: new ExchangeSettlement(0, Fee: 0.003m))];
Feed(new OrderUnclear(502, "c-3", "ENA-USDT", "PARTIALLY_FILLED without a cumulative quantity", Now()));
Feed(new CloseIntent(1, "c-4", Now()));
Feed(new Fill(503, "c-4", "ENA-USDT", OrderSide.Buy, Qty: 30, Price: 0.58m, Now(), Id: "fill:503:30", CumQty: 30,
    Settlement: new ExchangeSettlement(RealizedPnl: 0.6m, Fee: 0.0087m)));

Feed(new CloseIntent(0, "c-2", Now()));
Feed(new Fill(504, "c-2", "FET-USDT", OrderSide.Sell, Qty: 100, Price: 0.23m, Now(), Id: "fill:504:100", CumQty: 100,
    Settlement: new ExchangeSettlement(RealizedPnl: 2.4m, Fee: 0.0115m)));
Feed(new BalanceReport("bal-2", 1_002.9605m, 1_002.9605m, BalanceReason.Order, Now(), Positions: []));

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
            return [new OrderAcknowledged(order.ClientOrderId, known, Clock)]; // already placed: the same order, not a second one
        var id = _ids[order.ClientOrderId] = _next++;
        return [new OrderAcknowledged(order.ClientOrderId, id, Clock)];
    }

    public IReadOnlyList<KernelEvent> Cancel(CancelOrder cancel)
    {
        Cancels++;
        return [new OrderCancelled(cancel.ClientOrderId, cancel.VenueOrderId, "CANCELED", Clock)];
    }

    public IReadOnlyList<KernelEvent> Query(QueryOrder query)
    {
        Queries++;
        return QueryAnswer;
    }
}
