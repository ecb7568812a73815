using System.Diagnostics;
using System.Globalization;
using Pink.Core;
using Pink.Shell.ClickHouse;

// Rows per second sustained into a real ClickHouse through the full sink: spool (fsynced segments) on, inserts
// acknowledged, deduplication tokens on — the same path as production.
//
//   dotnet run -c Release --project bench/Pink.Bench.Sink -- [rows=1000000] [batch=50000] [url|-] [flush_every=1000] [in_flight=1]
//
// Without a url (or with -) it starts the local chDB engine (tools/chdb/install.sh) on a free loopback port and stops
// it after. Rows are real kernel rows (round trips through Kernel.Apply), repeated with fresh sequence numbers.
// batch is the sink's BatchRows (most rows per coalesced insert). The writer flushes after every flush_every rows, as
// the run loop does once per kernel event; in_flight=1 awaits each flush before writing on (a loop that waits for
// durability before its next event), in_flight=k lets k flushes be outstanding (a loop that awaits a flush only
// before the checkpoint that needs it): their fsyncs are shared (group commit), each still completes only once its
// rows are durable.

var total = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var batch = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50_000;
var url = args.Length > 2 && args[2] != "-" ? args[2] : null;
var flushEvery = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1_000;
var inFlight = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 1;

await using var local = url is null ? await LocalClickHouse.StartAsync() : null;
var target = ClickHouseTarget.Of(url ?? local!.Url, $"pink_bench_{DateTime.UtcNow:yyyyMMddHHmmss}");
await Migrator.ApplyAsync(target);
var rows = Rows(total);
var spool = Directory.CreateTempSubdirectory("pink-bench-spool-").FullName;

Console.WriteLine($"server {target}, {total:N0} rows, batches of at most {batch:N0}, flush every {flushEvery:N0} row(s), {inFlight} flush(es) in flight, spool {spool}");
// The sink's protocol points, counted: "sealed" = one spool append + fsync, "journaled" = one coalesced batch.
var points = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
var options = new ClickHouseSinkOptions(spool, BatchRows: batch, Log: Console.Error.WriteLine,
    FaultPoint: point => points.AddOrUpdate(point, 1, (_, n) => n + 1));
var serverCpu = ServerCpu(local);
var ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
var clock = Stopwatch.StartNew();
await using (var sink = ClickHouseRowSink.Start(target, options))
{
    // Written as a run loop would, flushing (fsync) after every flush_every rows, while delivery runs behind it.
    var flushes = new Queue<Task>();
    long flushCalls = 0;
    for (var i = 0; i < rows.Count; i++)
    {
        sink.Write(rows[i]);
        if (i % flushEvery != flushEvery - 1) continue;
        flushes.Enqueue(sink.FlushAsync());
        flushCalls++;
        while (flushes.Count >= inFlight) await flushes.Dequeue();
    }
    while (flushes.Count > 0) await flushes.Dequeue();
    var written = clock.Elapsed;
    if (!await sink.DrainAsync(TimeSpan.FromMinutes(10))) throw new TimeoutException("not drained");
    var drained = clock.Elapsed;
    var status = sink.Status;
    Console.WriteLine($"written+spooled in {written.TotalSeconds:0.00} s ({rows.Count / written.TotalSeconds:N0} rows/s)");
    Console.WriteLine($"delivered {status.Delivered:N0} rows in {drained.TotalSeconds:0.00} s: {status.Delivered / drained.TotalSeconds:N0} rows/s sustained (poisoned {status.Poisoned})");
    // CPU seconds spent, which the machine's other load does not inflate much: what one row costs, wherever it runs.
    var ours = (Process.GetCurrentProcess().TotalProcessorTime - ownCpu).TotalSeconds;
    var theirs = ServerCpu(local) - serverCpu;
    Console.WriteLine($"cpu: sink process {ours:0.00} s ({ours * 1e6 / total:0.0} µs/row), server {(theirs is null ? "n/a" : $"{theirs:0.00} s ({theirs * 1e6 / total:0.0} µs/row)")}; " +
        $"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
    var seals = points.GetValueOrDefault("sealed");
    var batches = points.GetValueOrDefault("journaled");
    Console.WriteLine($"{flushCalls:N0} flushes, {seals:N0} spool fsyncs ({(seals == 0 ? 0 : (double)total / seals):N1} rows each), " +
        $"{batches:N0} coalesced batches ({(batches == 0 ? 0 : (double)total / batches):N0} rows each), {points.GetValueOrDefault("acknowledged"):N0} inserts");
}
using var client = target.CreateClient();
long stored = 0;
foreach (var table in Tables.All)
    stored += Convert.ToInt64(await client.ExecuteScalarAsync($"SELECT count() FROM {target.Qualify(table)}"), CultureInfo.InvariantCulture);
Console.WriteLine($"stored {stored:N0} rows (expected {total:N0})");
await client.ExecuteNonQueryAsync($"DROP DATABASE {target.Database}");
Directory.Delete(spool, recursive: true);
return stored == total ? 0 : 1;

// CPU seconds of the local engine so far (null when the server is not ours).
static double? ServerCpu(LocalClickHouse? server) => server?.CpuTime?.TotalSeconds;

static List<Row> Rows(int count)
{
    var state = Kernel.Initial(new KernelConfig(SeedCapital: 10_000));
    var template = new List<Row>();
    long t = 1_749_650_000_000;
    KernelEvent[] events =
    [
        new BalanceReport("b0", 10_000, null, BalanceReason.Poll, t += 1000),
        new OpenIntent(0, "FET-USDT", PositionSide.Short, 2_000, 3, "o1", "T1", t += 1000),
        new OrderAcknowledged("o1", 1, t += 1000),
        new Fill(1, "o1", "FET-USDT", OrderSide.Sell, 2_000, 0.1878m, t += 1000, "f1"),
        new CloseIntent(0, "c1", t += 1000),
        new OrderAcknowledged("c1", 2, t += 1000),
        new Fill(2, "c1", "FET-USDT", OrderSide.Buy, 1_000, 0.1866m, t += 1000, "f2"),
        new Fill(2, "c1", "FET-USDT", OrderSide.Buy, 1_000, 0.1866m, t += 1000, "f3"),
        new BalanceReport("b1", 10_002.4m, null, BalanceReason.Order, t += 1000),
    ];
    foreach (var e in events)
    {
        var outcome = Kernel.Apply(state, e);
        state = outcome.State;
        template.AddRange(outcome.Effects.OfType<PersistRow>().Select(p => p.Row));
    }
    // Fresh logical events: each copy of the round trip gets its own sequence range.
    var rows = new List<Row>(count);
    for (long copy = 0; rows.Count < count; copy++)
        foreach (var row in template)
        {
            if (rows.Count == count) break;
            rows.Add(row with { AccountEventSeq = row.AccountEventSeq + copy * 1_000 });
        }
    return rows;
}
