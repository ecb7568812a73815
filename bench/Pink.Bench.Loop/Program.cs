using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Pink.Bench.Loop;
using Pink.Core;
using Pink.Shell.ClickHouse;
using Pink.Shell.Runner;

// The run loop end to end, into a real ClickHouse: recording (write-ahead, fsync) → adapter → kernel → rows through the
// ClickHouse sink (spool fsync, acknowledged, token-deduplicated inserts) → snapshot → checkpoint, with a venue that
// acknowledges orders at once. The loop is built with the options production uses (DemoRun, LiveCommand: defaults).
//
//   dotnet run -c Release --project bench/Pink.Bench.Loop -- burst INPUTS [--marks SHARE] [--url URL]
//   dotnet run -c Release --project bench/Pink.Bench.Loop -- steady INPUTS RATE [--marks SHARE] [--url URL]
//   dotnet run -c Release --project bench/Pink.Bench.Loop -- serve
//
// burst: every input is waiting in the inbox when the loop starts (a backlog, e.g. after a reconnect); reports inputs/s
// until all are applied, and rows/s until every row is acknowledged by ClickHouse. steady: inputs arrive at RATE per
// second; reports the same plus input → snapshot latency (from handing the input to the loop until a published snapshot
// reflects it). --marks is how often a free step is a mark-price frame (default 0.7: ~80 % marks, as the kernel benchmark;
// 0 leaves only the marks between a fill and its wallet report: the ledger-heavy end). --mix wallet replaces the session
// by wallet reports only (ACCOUNT_UPDATE funding moves): every input writes rows and none calls the venue.
// A warm-up run (--warmup N inputs, default 30,000; 0 for none) goes first, into its own database, so the JIT has
// settled as in a long-running process. Without --url the local engine (tools/chdb/install.sh) is started on loopback
// and stopped after; `serve` starts one and prints its URL, so that
//   perf stat -e 'syscalls:sys_enter_fsync,syscalls:sys_enter_fdatasync' -- dotnet .../Pink.Bench.Loop.dll burst N --url URL
// counts the fsyncs of the loop's process alone. --checkpoint-every N, --checkpoint-interval-ms MS and --max-batch N
// override the loop's defaults. Build with -p:MainLoop=true against a tree whose loop predates group commit (no
// RunLoop.Counters, RunOptions without the new options) to measure the "before".

var mode = args.Length > 0 ? args[0] : "burst";
var named = new Dictionary<string, string>();
var positional = new List<string>();
for (var i = 1; i < args.Length; i++)
{
    if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length) named[args[i]] = args[++i];
    else positional.Add(args[i]);
}
var url = named.GetValueOrDefault("--url");
var markShare = double.Parse(named.GetValueOrDefault("--marks", "0.7"), CultureInfo.InvariantCulture);

switch (mode)
{
    case "serve":
    {
        await using var served = await LocalClickHouse.StartAsync();
        Console.WriteLine(served.Url);
        Console.Error.WriteLine("local ClickHouse on loopback; press Enter (or close stdin) to stop it");
        await Console.In.ReadLineAsync();
        return 0;
    }
    case "feed":
        await Feed(positional.Count > 0 ? int.Parse(positional[0], CultureInfo.InvariantCulture) : 100_000, markShare);
        return 0;
    case "burst" or "steady":
        break;
    default:
        Console.Error.WriteLine("usage: burst INPUTS [options] | steady INPUTS RATE [options] | serve | feed INPUTS");
        return 2;
}
var count = positional.Count > 0 ? int.Parse(positional[0], CultureInfo.InvariantCulture) : 100_000;
var rate = mode == "steady" ? (positional.Count > 1 ? double.Parse(positional[1], CultureInfo.InvariantCulture) : 2_000) : double.PositiveInfinity;
var warmup = int.Parse(named.GetValueOrDefault("--warmup", "30000"), CultureInfo.InvariantCulture);
var mix = named.GetValueOrDefault("--mix", "session");
Workload Make(int n, int seed) => mix == "wallet" ? Workload.Wallet(n, seed) : Workload.Generate(n, (decimal)markShare, seed);

await using var local = url is null ? await LocalClickHouse.StartAsync() : null;
var server = url ?? local!.Url;
using var logs = Logs.Create(named.ContainsKey("--verbose") ? LogLevel.Information : LogLevel.Warning);
RunOptions Options(string dir)
{
    var o = new RunOptions(dir, Workload.Config);
#if !MAIN_LOOP
    if (named.TryGetValue("--checkpoint-every", out var every)) o = o with { CheckpointEvery = int.Parse(every, CultureInfo.InvariantCulture) };
    if (named.TryGetValue("--checkpoint-interval-ms", out var ms)) o = o with { CheckpointInterval = TimeSpan.FromMilliseconds(double.Parse(ms, CultureInfo.InvariantCulture)) };
    if (named.TryGetValue("--max-batch", out var most)) o = o with { MaxBatch = int.Parse(most, CultureInfo.InvariantCulture) };
#endif
    return o;
}
ClickHouseTarget Database(string purpose) => ClickHouseTarget.Of(server, $"pink_bench_loop_{purpose}_{DateTime.UtcNow:yyyyMMddHHmmssfff}");

if (warmup > 0)
{
    var w = await LoopRun.ExecuteAsync(new LoopRunSpec(Make(warmup, seed: 1), Database("warmup"), Options, double.PositiveInfinity, logs), local);
    Console.WriteLine($"warm-up: {w.Inputs:N0} inputs in {w.Applied.TotalSeconds:0.00} s ({w.Inputs / w.Applied.TotalSeconds:N0}/s), not counted");
    GC.Collect();
}

var workload = Make(count, seed: 20_250_611);
var target = Database(mode);
Console.WriteLine($"{mode}: {workload.Inputs.Length:N0} inputs ({workload.Marks:N0} marks, {workload.Fills:N0} fills, {workload.Balances:N0} wallet reports, " +
    $"{workload.Intents:N0} intents, each an order call)" + (mode == "steady" ? $" arriving at {rate:N0}/s" : " waiting in the inbox") + $", server {target}");
var r = await LoopRun.ExecuteAsync(new LoopRunSpec(workload, target, Options, rate, logs), local);

Console.WriteLine($"applied {r.Inputs:N0} inputs ({r.Records:N0} records with the venue's answers) in {r.Applied.TotalSeconds:0.000} s: {r.Inputs / r.Applied.TotalSeconds:N0} inputs/s");
Console.WriteLine($"{r.Rows:N0} rows ({(double)r.Rows / r.Inputs:0.00} per input) acknowledged by ClickHouse {r.Acknowledged.TotalSeconds:0.000} s after the first input: " +
    $"{r.Rows / r.Acknowledged.TotalSeconds:N0} rows/s");
var seals = r.SinkPoints.GetValueOrDefault("sealed");
long recordingSyncs, checkpoints;
#if MAIN_LOOP
// main's loop: Append fsyncs every record, and CheckpointEvery = 1 saves the state (and flushes rows) after every record.
recordingSyncs = r.Records;
checkpoints = r.Records + 1;
Console.WriteLine($"commits: one per record (main's loop: {r.RowFlushCalls:N0} row flush calls)");
Console.WriteLine($"checkpoints: ~{checkpoints:N0} (one per record, start-up, shutdown); final document {r.CheckpointMb:0.0} MB; time not measured in this build");
#else
var c = (RunLoopCounters)r.Counters!;
recordingSyncs = c.RecordingSyncs;
checkpoints = c.Checkpoints;
Console.WriteLine($"commits: {c.Batches:N0} batches (largest {c.LargestBatch:N0} inputs); waited {c.RecordingSyncTime.TotalMilliseconds:N0} ms for {c.RecordingSyncs:N0} recording fsyncs, " +
    $"{c.RowsWaitTime.TotalMilliseconds:N0} ms for {c.RowFlushes:N0} row flushes");
Console.WriteLine($"checkpoints: {c.Checkpoints:N0} saved in {c.CheckpointTime.TotalMilliseconds:N0} ms ({c.CheckpointTime / r.Applied:P1} of the run), " +
    $"last {c.LastCheckpointTime.TotalMilliseconds:0.0} ms ({r.CheckpointMb:0.0} MB)");
#endif
Console.WriteLine($"fsyncs: recording {recordingSyncs:N0}, spool {seals:N0}, checkpoints {checkpoints:N0} → {(double)(recordingSyncs + seals + checkpoints) / r.Inputs:0.000} per input " +
    $"(plus {r.SinkPoints.GetValueOrDefault("journaled"):N0} send-journal syncs, one per coalesced batch of inserts)");
if (mode == "steady")
{
    var sorted = r.LatenciesUs.Order().ToList();
    Console.WriteLine($"input → snapshot latency over {sorted.Count:N0} inputs: p50 {Machine.Percentile(sorted, 0.50):N0} µs, p99 {Machine.Percentile(sorted, 0.99):N0} µs, " +
        $"max {sorted.LastOrDefault():N0} µs");
}
Console.WriteLine($"gc: {r.Gen0} gen0, {r.Gen1} gen1, {r.Gen2} gen2, paused {r.GcPause.TotalMilliseconds:N0} ms");
Console.WriteLine($"cpu: loop process {r.CpuSeconds:0.00} s ({r.CpuSeconds * 1e6 / r.Inputs:0.0} µs/input), server {(r.ServerCpuSeconds is double s ? $"{s:0.00} s" : "n/a")}; " +
    $"load average {r.LoadBefore} → {r.LoadAfter}");
Console.WriteLine($"stored {r.Stored:N0} rows (expected {r.Rows:N0}, delivered {r.Delivered:N0})");
return r.Stored == r.Rows ? 0 : 1;

// Where a loop's CPU goes without any I/O: the adapter and kernel alone, and the recording's serialisation alone.
static async Task Feed(int count, double markShare)
{
    var w = Workload.Generate(count, (decimal)markShare);
    var answers = new FakeVenue(w.VenueIds);
    for (var round = 0; round < 3; round++)
    {
        var session = new Pink.Shell.Replay.Session(Kernel.Initial(Workload.Config));
        var clock = Stopwatch.StartNew();
        foreach (var input in w.Inputs)
        {
            var before = session.Effects.Count;
            session.Feed(input);
            for (var e = before; e < session.Effects.Count; e++)
                if (session.Effects[e] is PlaceOrder p)
                    foreach (var a in await answers.PlaceOrderAsync(p, CancellationToken.None)) session.Feed(a);
        }
        var fed = clock.Elapsed;
        var path = Path.GetTempFileName();
        clock.Restart();
#if MAIN_LOOP
        using (var writer = new Pink.Shell.Recording.RecordingWriter(path)) foreach (var input in w.Inputs) writer.Append(input);
#else
        using (var writer = new Pink.Shell.Recording.RecordingWriter(path)) foreach (var input in w.Inputs) writer.Write(input);
#endif
        var written = clock.Elapsed;
        File.Delete(path);
        Console.WriteLine($"feed: {w.Inputs.Length / fed.TotalSeconds:N0} inputs/s ({fed.TotalMicroseconds / w.Inputs.Length:0.00} µs each); recording writes {written.TotalMicroseconds / w.Inputs.Length:0.00} µs each");
    }
}
