using System.Globalization;
using System.Text.Json;
using Pink.Core;
using Pink.Shell.ClickHouse;
using Pink.Shell.Recording;
using Pink.Shell.Runner;
using Record = Pink.Shell.Recording.Record;

namespace Pink.Tests.Runner;

/// <summary>
/// A deterministic session as the run loop receives it: intents, BingX mark-price frames, ORDER_TRADE_UPDATE fills
/// (cumulative z and ap, last price L, rp, commission n with BingX's sign) and ACCOUNT_UPDATE wallet reports that are the
/// exchange's own arithmetic. Four slots trade at once; every order is acknowledged by the venue's REST answer
/// (<see cref="ScriptedVenue"/>), before the fills of it that follow in the stream.
/// </summary>
internal sealed record LoopInputs(IReadOnlyList<Record> Inputs, IReadOnlyDictionary<string, long> VenueIds)
{
    public const long StartMs = 1_749_650_000_000;
    public static readonly KernelConfig Kernel = new(SlotCount: 4, SeedCapital: 50_000);
    private static readonly string[] Symbols = ["FET-USDT", "BTC-USDT", "ETH-USDT", "SOL-USDT"];
    private static readonly double[] StartPrices = [0.75, 64_000, 3_200, 150];
    private static readonly double[] Quantities = [2_000, 0.02, 0.4, 8];

    /// <summary><paramref name="rounds"/> × 4 trades, each open → 2 entry fills → close → 2 exit fills, marks in between.</summary>
    public static LoopInputs Generate(int rounds, int marksBetween = 2, int seed = 7)
    {
        var rng = new Random(seed);
        var inputs = new List<Record>();
        var venueIds = new Dictionary<string, long>();
        var prices = (double[])StartPrices.Clone();
        var wallet = 50_000.0;
        var t = StartMs;
        long venue = 1_900_000_000_000_000_000;
        void Add(Record r) => inputs.Add(r);
        void Ws(string text) => Add(new WsRecord(0, t, JsonDocument.Parse(text).RootElement.Clone(), null));
        void Marks()
        {
            for (var m = 0; m < marksBetween; m++)
            {
                t += 1 + rng.Next(5);
                var s = rng.Next(Symbols.Length);
                prices[s] = Math.Round(prices[s] * (1 + (rng.NextDouble() - 0.5) * 0.002), 6);
                Ws($$$"""{"code":0,"dataType":"{{{Symbols[s]}}}@markPrice","data":{"e":"markPriceUpdate","E":{{{t}}},"s":"{{{Symbols[s]}}}","p":"{{{F(prices[s])}}}"}}""");
            }
        }
        for (var round = 0; round < rounds; round++)
        {
            var trades = Enumerable.Range(0, 4).Select(slot => new Trade(slot, $"r{round}s{slot}", rng.Next(2) == 0)).ToArray();
            foreach (var step in Enumerable.Range(0, 6))
                foreach (var tr in trades)
                {
                    Marks();
                    t += 1 + rng.Next(5);
                    var s = tr.Slot; // slot s trades Symbols[s]
                    switch (step)
                    {
                        case 0 or 3:
                        {
                            var coid = step == 0 ? $"{tr.Id}-open" : $"{tr.Id}-close";
                            venueIds[coid] = ++venue;
                            tr.Venue = venue;
                            tr.Cum = tr.CumNotional = 0;
                            object intent = step == 0
                                ? new { op = "open", slot = s, symbol = Symbols[s], side = tr.Long ? "LONG" : "SHORT", qty = Quantities[s], leverage = 2, client_order_id = coid, trade_id = tr.Id }
                                : new { op = "close", slot = s, client_order_id = coid };
                            tr.Coid = coid;
                            Add(new IntentRecord(0, t, JsonSerializer.SerializeToElement(intent)));
                            break;
                        }
                        default:
                        {
                            var entry = step < 3;
                            var last = step is 2 or 5;
                            var qty = !last ? Math.Round(Quantities[s] * 0.4, 8) : entry ? Quantities[s] - tr.Cum : tr.Open;
                            var price = Math.Round(prices[s] * (1 + (rng.NextDouble() - 0.5) * 0.0006), 7);
                            var fee = Math.Round(qty * price * 0.0005, 8);
                            var sign = tr.Long ? 1 : -1;
                            var rp = entry ? 0 : sign * qty * (price - tr.Basis);
                            if (entry)
                            {
                                tr.Basis = (tr.Basis * tr.Open + price * qty) / (tr.Open + qty);
                                tr.Open += qty;
                            }
                            else tr.Open = last ? 0 : tr.Open - qty;
                            tr.Cum += qty;
                            tr.CumNotional += qty * price;
                            var buy = entry == tr.Long;
                            Ws($$$"""{"e":"ORDER_TRADE_UPDATE","E":{{{t}}},"o":{"s":"{{{Symbols[s]}}}","c":"{{{tr.Coid}}}","i":{{{tr.Venue}}},"S":"{{{(buy ? "BUY" : "SELL")}}}","o":"MARKET","q":"0","p":"0","ap":"{{{F(tr.CumNotional / tr.Cum)}}}","L":"{{{F(price)}}}","x":"TRADE","X":"{{{(last ? "FILLED" : "PARTIALLY_FILLED")}}}","N":"USDT","n":"{{{F(-fee)}}}","T":{{{t}}},"wt":"MARK_PRICE","ps":"BOTH","rp":"{{{F(rp)}}}","z":"{{{F(tr.Cum)}}}"}}""");
                            wallet = Math.Round(wallet + rp - fee, 8);
                            t += 1;
                            Ws($$$"""{"e":"ACCOUNT_UPDATE","E":{{{t}}},"a":{"m":"ORDER","B":[{"a":"USDT","wb":"{{{F(wallet)}}}","cw":"{{{F(wallet)}}}","bc":"0"}],"P":[]}}""");
                            break;
                        }
                    }
                }
        }
        Marks();
        return new LoopInputs(inputs, venueIds);
    }

    private sealed class Trade(int slot, string id, bool isLong)
    {
        public readonly int Slot = slot;
        public readonly string Id = id;
        public readonly bool Long = isLong;
        public string Coid = "";
        public long Venue;
        public double Cum, CumNotional, Basis, Open;
    }

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Inputs that came from the outside (stream frames and intents), as opposed to venue answers and restarts.</summary>
    public static bool IsInput(Record r) => r is WsRecord or IntentRecord;
}

/// <summary>
/// A venue that acknowledges every order at once with the id the session planned, as BingX's place-order answer does.
/// With <c>freezeAtCall</c> = n its n-th call never returns: the loop stops mid-batch, its input durable and its order
/// unanswered, where a test models the crash.
/// </summary>
internal sealed class ScriptedVenue(IReadOnlyDictionary<string, long> venueIds, int freezeAtCall = 0) : IVenue
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Completes when the loop reached the frozen call.</summary>
    public TaskCompletionSource Frozen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<IReadOnlyList<RestRecord>> PlaceOrderAsync(PlaceOrder order, CancellationToken ct)
    {
        if (Interlocked.Increment(ref _calls) == freezeAtCall)
        {
            Frozen.TrySetResult();
            await Task.Delay(Timeout.Infinite, CancellationToken.None);
        }
        var id = venueIds[order.ClientOrderId];
        var request = JsonSerializer.SerializeToElement(new { symbol = order.Symbol, clientOrderId = order.ClientOrderId });
        var response = JsonSerializer.SerializeToElement(new { code = 0, msg = "", data = new { order = new { orderId = id, clientOrderId = order.ClientOrderId } } });
        return [new RestRecord(0, null, "POST", "/openApi/swap/v2/trade/order", request, response)];
    }

    public Task<IReadOnlyList<RestRecord>> CancelOrderAsync(CancelOrder cancel, CancellationToken ct) => Task.FromResult<IReadOnlyList<RestRecord>>([]);

    public Task<IReadOnlyList<RestRecord>> ReconcileAsync(KernelState state, CancellationToken ct) => Task.FromResult<IReadOnlyList<RestRecord>>([]);
}

/// <summary>
/// Models the row sink of a process that dies: rows it accepted stay in memory (as in the real sink) until a flush hands
/// them to the real sink and makes them durable; after <see cref="Die"/> whatever it held is gone and nothing more gets
/// through — what a SIGKILL does to the rows that were never flushed.
/// </summary>
internal sealed class DyingSink(IRowSink inner) : IRowSink
{
    private readonly object _gate = new();
    private List<Row> _held = new();
    private bool _dead;

    public void Die()
    {
        lock (_gate)
        {
            _dead = true;
            _held.Clear();
        }
    }

    public void Write(Row row)
    {
        lock (_gate)
            if (!_dead) _held.Add(row);
    }

    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_dead) return new TaskCompletionSource().Task; // never durable
            foreach (var row in _held) inner.Write(row);
            _held = new List<Row>();
            return inner.FlushAsync(cancellationToken);
        }
    }

    public Task<bool> DrainAsync(TimeSpan timeout, CancellationToken cancellationToken = default) => inner.DrainAsync(timeout, cancellationToken);

    public SinkStatus Status => inner.Status;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>A sink whose flushes complete only when the test says so (rows are kept in memory).</summary>
internal sealed class GatedSink : IRowSink
{
    private readonly object _gate = new();
    private readonly List<TaskCompletionSource> _flushes = new();

    public List<Row> Rows { get; } = new();

    public int FlushesWaiting
    {
        get { lock (_gate) return _flushes.Count; }
    }

    public void Write(Row row)
    {
        lock (_gate) Rows.Add(row);
    }

    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var flush = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate) _flushes.Add(flush);
        return flush.Task;
    }

    public void CompleteFlushes()
    {
        List<TaskCompletionSource> waiting;
        lock (_gate)
        {
            waiting = _flushes.ToList();
            _flushes.Clear();
        }
        foreach (var f in waiting) f.TrySetResult();
    }

    public Task<bool> DrainAsync(TimeSpan timeout, CancellationToken cancellationToken = default) => Task.FromResult(true);

    public SinkStatus Status => new(0, 0, 0, 0, 0, null, true);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
