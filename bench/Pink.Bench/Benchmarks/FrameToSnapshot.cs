using BenchmarkDotNet.Attributes;
using Pink.Bench.Workload;
using Pink.Core;
using Pink.Core.Bingx;

namespace Pink.Bench.Benchmarks;

/// <summary>
/// The in-process part of frame → snapshot latency: a gzip'ed WebSocket frame's bytes as the socket hands them over →
/// gunzip → BingX adapter → <c>Kernel.Apply</c> → the PublishSnapshot effect. One frame per iteration, so Median is p50
/// and P95/P99 are the tail. The frames follow the mixed stream in order on a live state (intents and REST income, which
/// are not frames, are applied outside the measurement). The socket part waits for the venue simulator.
/// </summary>
[Config(typeof(LatencyConfig))]
public class FrameToSnapshot
{
    private Frames.Item[] _items = [];
    private KernelState _state = null!;
    private int _next;
    private Frames.Item _frame = null!;

    [GlobalSetup]
    public void Setup()
    {
        _items = Frames.Of(MixedStream.Generate(300_000));
        _state = Kernel.Initial(MixedStream.Config);
        _next = 0;
    }

    [IterationSetup]
    public void NextFrame()
    {
        while (true)
        {
            if (_next >= _items.Length)
            {
                _state = Kernel.Initial(MixedStream.Config);
                _next = 0;
            }
            var item = _items[_next++];
            if (item.Event is KernelEvent e)
            {
                _state = Kernel.Apply(_state, e).State;
                continue;
            }
            _frame = item;
            return;
        }
    }

    [Benchmark(Description = "gzip frame → adapter → kernel → snapshot")]
    public AccountSnapshot? Frame()
    {
        var text = Frames.Gunzip(_frame.Gzip!);
        AccountSnapshot? snapshot = null;
        foreach (var e in BingxAdapter.FromWs(text, _state, _frame.ReceivedMs))
        {
            var o = Kernel.Apply(_state, e);
            _state = o.State;
            foreach (var effect in o.Effects)
                if (effect is PublishSnapshot p) snapshot = p.Snapshot;
        }
        return snapshot;
    }
}
