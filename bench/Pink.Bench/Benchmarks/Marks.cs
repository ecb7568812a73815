using BenchmarkDotNet.Attributes;
using Pink.Bench.Mutable;
using Pink.Bench.Workload;
using Pink.Core;

namespace Pink.Bench.Benchmarks;

/// <summary>
/// Mark-price events alone, on a running book: 4 open positions and 10,000 closed trades behind them. Every mark is for
/// a held instrument and moves its price, so each one yields a new published snapshot. Op = one mark.
/// </summary>
[Config(typeof(BatchConfig))]
public class Marks
{
    public const int Count = 200_000;
    private KernelState _start = null!;
    private KernelEvent[] _prefix = [];
    private MarkPrice[] _marks = [];
    private MutableKernel _mutable = null!;
    private readonly List<Effect> _effects = new(4);

    [GlobalSetup]
    public void Setup()
    {
        var (events, positions) = MixedStream.UntilClosedTrades(10_000);
        _prefix = events;
        _start = Kernel.Initial(MixedStream.Config);
        foreach (var e in events) _start = Kernel.Apply(_start, e).State;
        _mutable = new MutableKernel(MixedStream.Config);
        foreach (var e in events) _mutable.Apply(e, _effects);
        var rng = new Random(7);
        var prices = positions.Select(p => p.EntryPrice).ToArray();
        var t = _start.LastEventMs;
        _marks = new MarkPrice[Count];
        for (var i = 0; i < Count; i++)
        {
            var k = i % positions.Length;
            prices[k] *= 1 + ((decimal)rng.NextDouble() - 0.5m) * 0.002m;
            _marks[i] = new MarkPrice(positions[k].Symbol, prices[k], ++t);
        }
        var check = Kernel.Apply(_start, _marks[0]);
        if (!check.Effects.Exists(e => e is PublishSnapshot)) throw new InvalidOperationException("mark setup: the first mark moved nothing");
    }

    [Benchmark(Description = "pure mark", OperationsPerInvoke = Count)]
    public KernelState Pure()
    {
        var state = _start;
        foreach (var m in _marks) state = Kernel.Apply(state, m).State;
        return state;
    }

    [Benchmark(Baseline = true, Description = "mutable mark", OperationsPerInvoke = Count)]
    public MutableKernel Mutable()
    {
        foreach (var m in _marks) _mutable.Apply(m, _effects);
        return _mutable;
    }
}
