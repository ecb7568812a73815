using System.Diagnostics;
using Pink.Bench.Check;
using Pink.Bench.Workload;
using Pink.Core;

namespace Pink.Bench;

/// <summary><c>--describe [N]</c>: what the mixed stream holds and what the kernel makes of it (no benchmark).</summary>
public static class Describe
{
    public static int Run(string[] args)
    {
        var n = args.Length > 0 ? int.Parse(args[0]) : 1_000_000;
        var events = MixedStream.Generate(n, MixedStream.DefaultSeed, out var mix);
        Console.WriteLine(mix);
        var clock0 = Stopwatch.StartNew();
        Console.WriteLine(LedgerCheck.Verify(MixedStream.Config, events));
        Console.WriteLine($"ledger check: {clock0.Elapsed.TotalMilliseconds:0} ms");
        for (var round = 0; round < 3; round++)
        {
            var m = new Pink.Bench.Mutable.MutableKernel(MixedStream.Config);
            var list = new List<Effect>();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var c3 = Stopwatch.StartNew();
            foreach (var e in events) m.Apply(e, list);
            c3.Stop();
            var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            Console.WriteLine($"mutable: {n / c3.Elapsed.TotalSeconds:0} events/s, {(double)bytes / n:0} B/event");
        }
        var clock = Stopwatch.StartNew();
        var (hash, state, effects) = Fingerprint.OfKernel(Kernel.Initial(MixedStream.Config), events);
        clock.Stop();
        Console.WriteLine($"fingerprint {hash}: {effects} effects, {clock.Elapsed.TotalMilliseconds:0} ms (with fingerprinting)");
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
            var c2 = Stopwatch.StartNew();
            foreach (var e in events) st = Kernel.Apply(st, e).State;
            c2.Stop();
            var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            Console.WriteLine($"kernel alone: {n / c2.Elapsed.TotalSeconds:0} events/s, {(double)bytes / n:0} B/event");
        }
        Console.WriteLine($"trades {state.Trades.Count} (closed {state.Trades.Values.Count(t => t.Closed)}), orders {state.Orders.Count}, seq {state.EventSeq}");
        return 0;
    }
}
