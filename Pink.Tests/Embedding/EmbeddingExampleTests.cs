using Pink.Core;

namespace Pink.Tests.Embedding;

using Kernel = Pink.Core.Kernel; // Pink.Tests.Kernel (a namespace) would shadow it here

/// <summary>The README's embedding example, verbatim: a runtime that uses Pink.Core without the shell.</summary>
public class EmbeddingExampleTests
{
    [Fact]
    public void Readme_embedding_example_runs_as_written()
    {
        // --- README: embedding (begin)
        var state = Kernel.Initial(new KernelConfig(SlotCount: 2, SeedCapital: 1_000));
        var sent = new List<PlaceOrder>();

        void Feed(KernelEvent e)
        {
            var (next, effects) = Kernel.Apply(state, e);
            state = next;
            foreach (var effect in effects)
                switch (effect)
                {
                    case PlaceOrder order: sent.Add(order); break;         // send it to your venue
                    case PersistRow row: /* write row.Row */ break;          // to your store
                    case PublishSnapshot s: /* share s.Snapshot */ break;   // one immutable snapshot per event
                    case SizerFeedback f: /* tell your sizer f.Pnl */ break;
                    case Diagnostic d: Console.Error.WriteLine($"{d.Severity} {d.Kind} {d.Detail}"); break;
                }
        }

        Feed(new BalanceReport("bal-1", 1_000, 1_000, BalanceReason.Poll, TimeMs: 1));
        Feed(new OpenIntent(0, "FET-USDT", PositionSide.Long, 100, ExchangeLeverage: 2, "c-1", "T1", TimeMs: 2));
        Feed(new OrderAcknowledged("c-1", VenueOrderId: 501, TimeMs: 3));
        Feed(new Fill(501, null, "FET-USDT", OrderSide.Buy, Qty: 100, Price: 0.20m, TimeMs: 4));
        Feed(new MarkPrice("FETUSDT", 0.21m, TimeMs: 5));
        var snapshot = Queries.Snapshot(state);   // capital 1000 (e_anchored), equity 1001, slot 0 open
        // --- README: embedding (end)

        Assert.Single(sent);
        Assert.Equal(1_001, snapshot.Equity, 9);
        Assert.Equal(CapitalSource.EAnchored, snapshot.CapitalSource);
        Assert.Equal(SlotPhase.Open, snapshot.Slots[0].Phase);
        var readme = File.ReadAllText(Path.Combine(Replay.ReplayTests.RepoRoot(), "README.md"));
        Assert.Contains("Feed(new OpenIntent(0, \"FET-USDT\", PositionSide.Long, 100, ExchangeLeverage: 2, \"c-1\", \"T1\", TimeMs: 2));", readme);
    }
}
