using BenchmarkDotNet.Attributes;
using Pink.Bench.Workload;
using Pink.Core;

namespace Pink.Bench.Benchmarks;

/// <summary>
/// Restart with 10,000 closed trades (and 4 open positions): save the state document, restore it, and reconcile with
/// the exchange's positions report (which agrees, so nothing is adopted and nothing is settled again). Op = one restart.
/// </summary>
[Config(typeof(StreamConfig))]
public class Restart
{
    private KernelState _state = null!;
    private PositionsReport _report = null!;

    [GlobalSetup]
    public void Setup()
    {
        var (events, positions) = MixedStream.UntilClosedTrades(10_000);
        _state = Kernel.Initial(MixedStream.Config);
        foreach (var e in events) _state = Kernel.Apply(_state, e).State;
        _report = new PositionsReport("positions-at-restart", positions, _state.LastEventMs + 1);
        var closed = _state.Trades.Values.Count(t => t.Closed);
        var outcome = Run();
        var diagnostics = outcome.Effects.Filter(e => e is Diagnostic).ToList();
        if (closed < 10_000 || diagnostics.Count > 0 || outcome.State.Account != _state.Account)
            throw new InvalidOperationException($"restart setup: {closed} closed trades, reconciliation said {string.Join("; ", diagnostics)}");
        Console.WriteLine($"// restart state: {closed} closed trades, {_state.Orders.Count} orders, document {StateDocument.Save(_state).Length:N0} chars");
    }

    [Benchmark(Description = "save + restore + reconcile")]
    public Outcome Run()
    {
        var document = StateDocument.Save(_state);
        var restored = StateDocument.Restore(document).IfLeft(error => throw new InvalidOperationException(error));
        return Kernel.Apply(restored, _report);
    }
}
