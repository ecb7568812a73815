using BenchmarkDotNet.Attributes;
using Pink.Bench.Workload;
using Pink.Core;
using Pink.Core.Bingx;
using Pink.Shell.Simulator;
using Pink.Shell.Venue;

namespace Pink.Bench.Benchmarks;

/// <summary>
/// Frame → snapshot over a real WebSocket on loopback against the local BingX simulator: the venue sets a new mark and
/// pushes it as a gzip'ed `FET-USDT@markPrice` frame; Pink's market-stream client receives and gunzips it, the BingX
/// adapter reads it and the kernel (holding a FET-USDT position) yields the PublishSnapshot effect. One mark per
/// iteration, timed from the venue's push to the snapshot effect: Median is p50, P95/P99 the tail.
/// </summary>
[Config(typeof(SocketLatencyConfig))]
public class SocketFrameToSnapshot
{
    private BingxSimulator _sim = null!;
    private BingxMarketStream _stream = null!;
    private KernelState _state = null!;
    private readonly ManualResetEventSlim _done = new(false, spinCount: 2_000);
    private int _i;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _sim = await BingxSimulator.StartAsync();
        var s = Kernel.Initial(MixedStream.Config);
        s = Kernel.Apply(s, new OpenIntent(0, "FET-USDT", PositionSide.Long, 1_000, 1, "e1", null, 1)).State;
        s = Kernel.Apply(s, new OrderAcknowledged("e1", 1, 2)).State;
        _state = Kernel.Apply(s, new Fill(1, "e1", "FET-USDT", OrderSide.Buy, 1_000, 0.18m, 3, "f1")).State;
        _stream = new BingxMarketStream(_sim.WsUrl, ["FET-USDT"], OnMessage);
        await _stream.StartAsync();
        for (var tries = 0; tries < 100 && !_done.IsSet; tries++)
        {
            _sim.SetMark("FET-USDT", 0.1799m + tries * 0.00001m);
            _done.Wait(TimeSpan.FromMilliseconds(100));
        }
        if (!_done.IsSet) throw new InvalidOperationException("socket setup: no snapshot from the simulator's marks");
        _done.Reset();
    }

    // On the stream's receive thread, as the live loop does: adapter, kernel, the snapshot effect.
    private void OnMessage(StreamMessage message)
    {
        foreach (var e in BingxAdapter.FromWs(message.Text, _state, message.ReceivedMs))
        {
            var o = Kernel.Apply(_state, e);
            _state = o.State;
            foreach (var effect in o.Effects)
                if (effect is PublishSnapshot) _done.Set();
        }
    }

    [Benchmark(Description = "venue push → WebSocket → adapter → kernel → snapshot")]
    public bool MarkToSnapshot()
    {
        _done.Reset();
        _sim.SetMark("FET-USDT", ++_i % 2 == 0 ? 0.1801m : 0.1802m);
        return _done.Wait(TimeSpan.FromSeconds(10)) ? true : throw new TimeoutException("no snapshot within 10 s");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stream.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _sim.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
