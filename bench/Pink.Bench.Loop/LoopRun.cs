using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Pink.Core;
using Pink.Shell.ClickHouse;
using Pink.Shell.Runner;

namespace Pink.Bench.Loop;

/// <summary>How one run is made: the inputs, where rows go, the loop's options, and how inputs arrive.</summary>
public sealed record LoopRunSpec(Workload Workload, ClickHouseTarget Target, Func<string, RunOptions> Options, double Rate, ILoggerFactory Logs);

/// <summary>What one run measured.</summary>
public sealed record LoopRunResult(int Inputs, long Records, long Rows, long Delivered, long Stored, TimeSpan Applied, TimeSpan Acknowledged,
    IReadOnlyDictionary<string, long> SinkPoints, long RowFlushCalls, object? Counters, double CheckpointMb, IReadOnlyList<double> LatenciesUs,
    double CpuSeconds, double? ServerCpuSeconds, int Gen0, int Gen1, int Gen2, TimeSpan GcPause, string LoadBefore, string LoadAfter);

/// <summary>
/// One run of the loop into ClickHouse: a fresh state directory and spool, the loop started as production starts it,
/// the inputs handed over (all at once, or at a rate), then every row waited for until ClickHouse acknowledged it,
/// and counted back from the server.
/// </summary>
public static class LoopRun
{
    public static async Task<LoopRunResult> ExecuteAsync(LoopRunSpec spec, LocalClickHouse? local)
    {
        var inputs = spec.Workload.Inputs;
        var times = inputs.Select(r => r.TimeMs!.Value).ToArray();
        var submitted = new long[inputs.Length];
        var stateDir = Directory.CreateTempSubdirectory("pink-bench-loop-").FullName;
        await Migrator.ApplyAsync(spec.Target);
        // The sink as RowStore builds it (default batching and linger), its protocol points counted: "sealed" = one spool
        // append + fdatasync, "journaled" = one coalesced batch (a journal sync, one insert per table).
        var points = new ConcurrentDictionary<string, long>();
        var sinkOptions = new ClickHouseSinkOptions(Path.Combine(stateDir, "spool"), Log: Console.Error.WriteLine,
            FaultPoint: point => points.AddOrUpdate(point, 1, (_, n) => n + 1));
        var sink = new CountingSink(ClickHouseRowSink.Start(spec.Target, sinkOptions));
        var publisher = new LatencyPublisher(times, submitted);
        var loop = new RunLoop(spec.Options(stateDir), new FakeVenue(spec.Workload.VenueIds), sink, publisher, spec.Logs.CreateLogger("pink.bench"));
        await loop.StartAsync(CancellationToken.None);

        var serverCpu = Machine.ServerCpu(local);
        var gcPause = GC.GetTotalPauseDuration();
        var (g0, g1, g2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var loadBefore = Machine.Load();
        var clock = new Stopwatch();
        Task run;
        if (double.IsPositiveInfinity(spec.Rate))
        {
            var now = Stopwatch.GetTimestamp();
            for (var i = 0; i < inputs.Length; i++)
            {
                submitted[i] = now;
                loop.Inbox.TryWrite(inputs[i]);
            }
            loop.Inbox.Complete();
            clock.Start();
            run = loop.RunAsync(CancellationToken.None);
        }
        else
        {
            clock.Start();
            run = Task.Run(() => loop.RunAsync(CancellationToken.None));
            // Handed over on schedule; the producer sleeps in between (1 ms granularity), never spins a core.
            var ticksPerInput = Stopwatch.Frequency / spec.Rate;
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < inputs.Length;)
            {
                var due = (long)((Stopwatch.GetTimestamp() - start) / ticksPerInput) + 1;
                for (; i < inputs.Length && i < due; i++)
                {
                    Volatile.Write(ref submitted[i], Stopwatch.GetTimestamp());
                    loop.Inbox.TryWrite(inputs[i]);
                }
                if (i < inputs.Length) Thread.Sleep(1);
            }
            loop.Inbox.Complete();
        }
        await run;
        var applied = clock.Elapsed;
        if (!await sink.DrainAsync(TimeSpan.FromMinutes(10))) throw new TimeoutException("the sink did not deliver every row within 10 minutes");
        var acknowledged = clock.Elapsed;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - ownCpu).TotalSeconds;
        var serverSpent = Machine.ServerCpu(local) - serverCpu;
        var gc = (GC.CollectionCount(0) - g0, GC.CollectionCount(1) - g1, GC.CollectionCount(2) - g2, GC.GetTotalPauseDuration() - gcPause);
        var loadAfter = Machine.Load();
        var delivered = sink.Status.Delivered;
#if MAIN_LOOP
        object? counters = null;
#else
        object? counters = loop.Counters;
#endif
        var checkpointMb = new FileInfo(Path.Combine(stateDir, "checkpoint.json")).Length / 1e6;
        await loop.DisposeAsync();
        await sink.DisposeAsync();

        using var client = spec.Target.CreateClient();
        long stored = 0;
        foreach (var table in Tables.All)
            stored += Convert.ToInt64(await client.ExecuteScalarAsync($"SELECT count() FROM {spec.Target.Qualify(table)}"), CultureInfo.InvariantCulture);
        await client.ExecuteNonQueryAsync($"DROP DATABASE {spec.Target.Database}");
        Directory.Delete(stateDir, recursive: true);
        return new LoopRunResult(inputs.Length, loop.RecordsApplied, sink.Rows, delivered, stored, applied, acknowledged, points, sink.Flushes, counters,
            checkpointMb, publisher.LatenciesUs, cpu, serverSpent, gc.Item1, gc.Item2, gc.Item3, gc.Item4, loadBefore, loadAfter);
    }
}
