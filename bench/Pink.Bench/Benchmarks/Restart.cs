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
    private Book _book = null!;

    /// <summary>The state a restart finds after <paramref name="closedTrades"/> closed trades, checked.</summary>
    /// <param name="State">The kernel's state then.</param>
    /// <param name="Report">The exchange's positions at that moment.</param>
    /// <param name="ClosedTrades">Trades closed on the way, counted from their `close` rows (a state that forgets keeps none of them).</param>
    public sealed record Book(KernelState State, PositionsReport Report, int ClosedTrades);

    /// <summary>
    /// Runs the stream until <paramref name="closedTrades"/> trades closed with every slot holding, then restarts once and
    /// throws unless the restart agrees (every trade closed, no diagnostic, the account unchanged).
    /// </summary>
    public static Book Prepare(int closedTrades)
    {
        var (events, positions) = MixedStream.UntilClosedTrades(closedTrades);
        var state = Kernel.Initial(MixedStream.Config);
        var closed = 0;
        foreach (var e in events)
        {
            var o = Kernel.Apply(state, e);
            state = o.State;
            foreach (var effect in o.Effects)
                if (effect is PersistRow { Row: TradeEventRow { Event: "close" } }) closed++;
        }
        var book = new Book(state, new PositionsReport("positions-at-restart", positions, state.LastEventMs + 1), closed);
        var outcome = Run(book);
        var diagnostics = outcome.Effects.Filter(e => e is Diagnostic).ToList();
        if (closed < closedTrades || diagnostics.Count > 0 || outcome.State.Account != state.Account)
            throw new InvalidOperationException($"restart setup: {closed} closed trades, reconciliation said {string.Join("; ", diagnostics)}");
        return book;
    }

    /// <summary>Save, restore, reconcile.</summary>
    public static Outcome Run(Book book)
    {
        var document = StateDocument.Save(book.State);
        var restored = StateDocument.Restore(document).IfLeft(error => throw new InvalidOperationException(error));
        return Kernel.Apply(restored, book.Report);
    }

    [GlobalSetup]
    public void Setup()
    {
        _book = Prepare(10_000);
        Console.WriteLine($"// restart state: {_book.ClosedTrades} closed trades, {_book.State.Trades.Count} trades and {_book.State.Orders.Count} orders held, document {StateDocument.Save(_book.State).Length:N0} chars");
    }

    [Benchmark(Description = "save + restore + reconcile")]
    public Outcome Run() => Run(_book);
}
