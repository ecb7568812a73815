using BenchmarkDotNet.Attributes;
using Pink.Bench.Check;
using Pink.Bench.Mutable;
using Pink.Bench.Workload;
using Pink.Core;

namespace Pink.Bench.Benchmarks;

/// <summary>
/// <c>Kernel.Apply</c> over the realistic mixed stream of 1,000,000 events (4 slots, partial fills, marks at a high rate,
/// anchors consistent with the fills, settlements), against the mutable baseline on the same stream. Op = one event:
/// Op/s is events per second, Allocated is bytes per event, Ratio is pure / mutable. The setup checks that both give
/// the same effects and the same ledger, and throws on any difference.
/// </summary>
[Config(typeof(StreamConfig))]
public class KernelStream
{
    public const int Events = 1_000_000;
    private KernelEvent[] _events = [];
    private readonly List<Effect> _effects = new(16);

    [GlobalSetup]
    public void Setup()
    {
        _events = MixedStream.Generate(Events);
        var report = LedgerCheck.Verify(MixedStream.Config, _events);
        Console.WriteLine($"// ledger check passed: {report}");
    }

    [Benchmark(Description = "pure Kernel.Apply", OperationsPerInvoke = Events)]
    public KernelState Pure()
    {
        var state = Kernel.Initial(MixedStream.Config);
        foreach (var e in _events) state = Kernel.Apply(state, e).State;
        return state;
    }

    [Benchmark(Baseline = true, Description = "mutable baseline", OperationsPerInvoke = Events)]
    public MutableKernel Mutable()
    {
        var kernel = new MutableKernel(MixedStream.Config);
        foreach (var e in _events) kernel.Apply(e, _effects);
        return kernel;
    }
}
