using BenchmarkDotNet.Attributes;
using Pink.Bench.Workload;
using Pink.Core;
using Pink.Core.Bingx;

namespace Pink.Bench.Benchmarks;

/// <summary>
/// The BingX adapter on real-shaped frames: the WebSocket frames of the first 150,000 frames of the mixed stream
/// (mark-price, ORDER_TRADE_UPDATE fills and acknowledgements, ACCOUNT_UPDATE), text → kernel events. Op = one frame.
/// </summary>
[Config(typeof(BatchConfig))]
public class Adapter
{
    private Frames.Item[] _frames = [];
    private KernelState _state = null!;

    [GlobalSetup]
    public void Setup()
    {
        var events = MixedStream.Generate(200_000);
        _frames = Frames.Of(events).Where(i => i.Text is not null).Take(Count).ToArray();
        if (_frames.Length != Count) throw new InvalidOperationException($"adapter setup: only {_frames.Length} frames");
        _state = Kernel.Initial(MixedStream.Config);
        var rejected = 0;
        foreach (var f in _frames)
            foreach (var e in BingxAdapter.FromWs(f.Text!, _state, f.ReceivedMs))
                if (e is InputRejected) rejected++;
        if (rejected > 0) throw new InvalidOperationException($"adapter setup: {rejected} frames rejected");
        Console.WriteLine($"// {_frames.Length} frames");
    }

    public const int Count = 150_000;

    [Benchmark(Description = "BingX FromWs (text → events)", OperationsPerInvoke = Count)]
    public int FromWs()
    {
        var n = 0;
        foreach (var f in _frames) n += BingxAdapter.FromWs(f.Text!, _state, f.ReceivedMs).Count;
        return n;
    }
}
