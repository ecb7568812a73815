using System.Diagnostics;
using Pink.Bench.Check;
using Pink.Bench.Workload;
using Pink.Core;

namespace Pink.Bench;

/// <summary><c>--describe [N]</c>: what the mixed stream holds and what the kernel makes of it (no benchmark).</summary>
public static class Describe
{
    private static KernelState Fold(IEnumerable<KernelEvent> events)
    {
        var s = Kernel.Initial(MixedStream.Config);
        foreach (var e in events) s = Kernel.Apply(s, e).State;
        return s;
    }

    /// <summary>
    /// <c>--describe --checkpoint N</c>: the book after N closed trades (the stream generated as it is read): how many
    /// trades and orders the state holds, the checkpoint's size, and the time to save it and to restore it (read +
    /// rebuild), median of 5.
    /// </summary>
    private static int Checkpoint(int closedTrades)
    {
        var clock = Stopwatch.StartNew();
        var state = Kernel.Initial(MixedStream.Config);
        long events = 0;
        foreach (var e in MixedStream.StreamUntilClosedTrades(closedTrades))
        {
            state = Kernel.Apply(state, e).State;
            events++;
        }
        Console.WriteLine($"checkpoint after {closedTrades} closed trades: {events} events in {clock.Elapsed.TotalSeconds:0.0} s; state holds {state.Trades.Count} trades, {state.Orders.Count} orders, {state.VenueOrders.Count} venue ids");
        var saves = new List<double>();
        var restores = new List<double>();
        long bytes = 0;
        for (var round = 0; round < 5; round++)
        {
            var c = Stopwatch.StartNew();
            string doc;
            try { doc = StateDocument.Save(state); }
            catch (Exception ex) when (ex is OutOfMemoryException or ArgumentOutOfRangeException or InvalidOperationException)
            {
                Console.WriteLine($"checkpoint: save failed after {c.Elapsed.TotalMilliseconds:0} ms: {ex.GetType().Name}: {ex.Message}");
                return 1;
            }
            saves.Add(c.Elapsed.TotalMilliseconds);
            bytes = System.Text.Encoding.UTF8.GetByteCount(doc);
            c.Restart();
            var back = StateDocument.Restore(doc).IfLeft(e => throw new InvalidOperationException(e));
            restores.Add(c.Elapsed.TotalMilliseconds);
            if (!back.Equals(state)) throw new InvalidOperationException("the restored state differs");
        }
        saves.Sort();
        restores.Sort();
        Console.WriteLine($"checkpoint: {bytes:N0} bytes; save median {saves[2]:0.0} ms, restore (read + rebuild) median {restores[2]:0.0} ms (min {restores[0]:0.0}, max {restores[4]:0.0})");
        return 0;
    }

    public static int Run(string[] args)
    {
        if (args.Length > 1 && args[0] == "--checkpoint") return Checkpoint(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
        if (args.Contains("--restart"))
        {
            var (prefix, positions) = MixedStream.UntilClosedTrades(10_000);
            var st = Fold(prefix);
            var report = new PositionsReport("p", positions, st.LastEventMs + 1);
            for (var round = 0; round < 4; round++)
            {
                var c = Stopwatch.StartNew();
                var doc = StateDocument.Save(st);
                var t1 = c.Elapsed.TotalMilliseconds;
                using (var d = System.Text.Json.JsonDocument.Parse(doc)) { }
                var t2 = c.Elapsed.TotalMilliseconds;
                var back = StateDocument.Restore(doc).IfLeft(e => throw new Exception(e));
                var t3 = c.Elapsed.TotalMilliseconds;
                Kernel.Apply(back, report);
                var t4 = c.Elapsed.TotalMilliseconds;
                Console.WriteLine($"restart: save {t1:0} ms ({doc.Length / 1e6:0.0} MB), parse only {t2 - t1:0} ms, restore {t3 - t2:0} ms, reconcile {t4 - t3:0} ms");
            }
            return 0;
        }
        var n = args.Length > 0 && int.TryParse(args[0], out var count) ? count : 1_000_000;
        var events = MixedStream.Generate(n, MixedStream.DefaultSeed, out var mix);
        Console.WriteLine(mix);
        if (args.Contains("--kernel-only"))
        {
            // For a profiler: the pure kernel over the stream, round after round, nothing else.
            for (var round = 0; round < 8; round++)
            {
                var (g0, g1, g2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
                var paused = GC.GetTotalPauseDuration();
                var c = Stopwatch.StartNew();
                Fold(events);
                Console.WriteLine($"kernel: {n / c.Elapsed.TotalSeconds:0} events/s; gc {GC.CollectionCount(0) - g0}/{GC.CollectionCount(1) - g1}/{GC.CollectionCount(2) - g2} (gen0/1/2), paused {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:0} ms, heap {GC.GetGCMemoryInfo().HeapSizeBytes / 1e6:0} MB");
            }
            return 0;
        }
        if (!args.Contains("--fast"))
        {
            var clock0 = Stopwatch.StartNew();
            Console.WriteLine(LedgerCheck.Verify(MixedStream.Config, events));
            Console.WriteLine($"ledger check: {clock0.Elapsed.TotalMilliseconds:0} ms");
        }
        for (var round = 0; round < 3; round++)
        {
            var m = new Pink.Bench.Mutable.MutableKernel(MixedStream.Config);
            var list = new List<Effect>();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var c3 = Stopwatch.StartNew();
            foreach (var e in events) m.Apply(e, list);
            c3.Stop();
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
            var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            Console.WriteLine($"mutable: {n / c3.Elapsed.TotalSeconds:0} events/s wall, {n / cpu:0} events/s cpu, {(double)bytes / n:0} B/event");
        }
        var full = args.Contains("--fingerprint");
        var clock = Stopwatch.StartNew();
        var (hash, state, effects) = full ? Fingerprint.OfKernel(Kernel.Initial(MixedStream.Config), events) : ("-", Fold(events), 0);
        clock.Stop();
        var document = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(StateDocument.Save(state)));
        Console.WriteLine($"fingerprint {hash}: {effects} effects, {clock.Elapsed.TotalMilliseconds:0} ms; state document sha256 {Convert.ToHexString(document)}");
        var kinds = new Dictionary<string, int>();
        var s = Kernel.Initial(MixedStream.Config);
        foreach (var e in events)
        {
            var o = Kernel.Apply(s, e);
            s = o.State;
            foreach (var effect in o.Effects)
            {
                var k = effect switch
                {
                    Diagnostic d => $"diag {d.Kind}",
                    PersistRow r => $"row {r.Row.Table}",
                    _ => effect.GetType().Name,
                };
                kinds[k] = kinds.GetValueOrDefault(k) + 1;
            }
        }
        foreach (var (k, c) in kinds.OrderBy(p => p.Key)) Console.WriteLine($"  {k,-40} {c,10}");
        var a = state.Account;
        Console.WriteLine($"capital {a.Capital} ({a.Source}), fees {a.FeesPaid}, K {a.KLedger}, wallet {a.EWalletBalance}, blocked {a.EntriesBlocked}");
        var warm = Kernel.Initial(MixedStream.Config);
        for (var round = 0; round < 3; round++)
        {
            var st = Kernel.Initial(MixedStream.Config);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var c2 = Stopwatch.StartNew();
            foreach (var e in events) st = Kernel.Apply(st, e).State;
            c2.Stop();
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
            var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            Console.WriteLine($"kernel alone: {n / c2.Elapsed.TotalSeconds:0} events/s wall, {n / cpu:0} events/s cpu, {(double)bytes / n:0} B/event");
        }
        {
            var (prefix, positions) = MixedStream.UntilClosedTrades(10_000);
            var start = Fold(prefix);
            var rng = new Random(7);
            var prices = positions.Select(p => p.EntryPrice).ToArray();
            var t = start.LastEventMs;
            var marks = new MarkPrice[200_000];
            for (var i = 0; i < marks.Length; i++)
            {
                var k = i % positions.Length;
                prices[k] *= 1 + ((decimal)rng.NextDouble() - 0.5m) * 0.002m;
                marks[i] = new MarkPrice(positions[k].Symbol, prices[k], ++t);
            }
            for (var round = 0; round < 5; round++)
            {
                var st = start;
                var before = GC.GetAllocatedBytesForCurrentThread();
                var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                foreach (var m in marks) st = Kernel.Apply(st, m).State;
                var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalNanoseconds;
                var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
                Console.WriteLine($"marks: {cpu / marks.Length:0} ns/mark cpu, {(double)bytes / marks.Length:0} B/mark");
            }
        }
        {
            var time = ByType(events, () =>
            {
                var st = Kernel.Initial(MixedStream.Config);
                return e => st = Kernel.Apply(st, e).State;
            });
            var mtime = ByType(events, () =>
            {
                var m = new Pink.Bench.Mutable.MutableKernel(MixedStream.Config);
                var sink = new List<Effect>();
                return e =>
                {
                    sink.Clear();
                    m.Apply(e, sink);
                };
            });
            foreach (var (k, v) in mtime.OrderByDescending(p => p.Value.Ticks))
                Console.WriteLine($"  mutable by type {k,-20} {v.Count,8} events {v.Ticks * 1e9 / Stopwatch.Frequency / v.Count,8:0} ns/event {v.Bytes / (double)v.Count,8:0} B/event");
            foreach (var (k, v) in time.OrderByDescending(p => p.Value.Ticks))
                Console.WriteLine($"  by type {k,-20} {v.Count,8} events {v.Ticks * 1e9 / Stopwatch.Frequency / v.Count,8:0} ns/event {v.Bytes / (double)v.Count,8:0} B/event  share {v.Ticks * 100.0 / time.Values.Sum(x => x.Ticks),5:0.0}%");
        }
        Console.WriteLine($"trades {state.Trades.Count} (closed {state.Trades.Values.Count(t => t.Closed)}), orders {state.Orders.Count}, seq {state.EventSeq}");
        return 0;
    }

    // Time and bytes per event type, over the second of two passes (the first warms the JIT); `start` makes a fresh
    // kernel for a pass and returns how to apply one event to it.
    private static Dictionary<string, (long Ticks, long Bytes, int Count)> ByType(KernelEvent[] events, Func<Action<KernelEvent>> start)
    {
        var time = new Dictionary<string, (long Ticks, long Bytes, int Count)>();
        for (var round = 0; round < 2; round++)
        {
            time.Clear();
            var apply = start();
            foreach (var e in events)
            {
                var b0 = GC.GetAllocatedBytesForCurrentThread();
                var t0 = Stopwatch.GetTimestamp();
                apply(e);
                var dt = Stopwatch.GetTimestamp() - t0;
                var db = GC.GetAllocatedBytesForCurrentThread() - b0;
                var k = e.GetType().Name;
                var (ticks, bytes, cnt) = time.GetValueOrDefault(k);
                time[k] = (ticks + dt, bytes + db, cnt + 1);
            }
        }
        return time;
    }
}
