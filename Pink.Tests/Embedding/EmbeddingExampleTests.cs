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
        var sent = new List<Effect>();

        void Feed(KernelEvent e)
        {
            var (next, effects) = Kernel.Apply(state, e);
            state = next;
            foreach (var effect in effects)
                switch (effect)
                {
                    case PlaceOrder order: sent.Add(order); break;           // to your venue, once the input is durable
                    case CancelOrder cancel: sent.Add(cancel); break;        // likewise; the answer comes back as an event
                    case QueryOrder query: sent.Add(query); break;           // likewise
                    case PersistRow row: /* write row.Row */ break;          // to your store, before the state document
                    case PublishSnapshot s: /* share s.Snapshot */ break;    // replaces the previous one, whole
                    case SizerFeedback f: /* tell your sizer f.Pnl */ break; // a later revision replaces an earlier one
                    case Diagnostic d: Console.Error.WriteLine($"{d.Severity} {d.Kind} {d.Detail}"); break;
                    default: throw new InvalidOperationException($"unknown effect {effect.GetType().Name}");
                }
        }

        Feed(new BalanceReport("bal-1", 1_000, 1_000, BalanceReason.Poll, TimeMs: 1));
        Feed(new OpenIntent(0, "FET-USDT", PositionSide.Long, 100, ExchangeLeverage: 2, "c-1", "T1", TimeMs: 2));
        Feed(new OrderAcknowledged("c-1", VenueOrderId: 501, TimeMs: 3));
        Feed(new Fill(501, null, "FET-USDT", OrderSide.Buy, Qty: 100, Price: 0.20m, TimeMs: 4, Id: "fill:501:100"));
        Feed(new MarkPrice("FETUSDT", 0.21m, TimeMs: 5));
        var snapshot = Queries.Snapshot(state);   // capital 1000 (e_anchored), equity 1001, slot 0 open
        // --- README: embedding (end)

        Assert.Single(sent);
        Assert.Equal(1_001, snapshot.Equity, 9);
        Assert.Equal(CapitalSource.EAnchored, snapshot.CapitalSource);
        Assert.Equal(SlotPhase.Open, snapshot.Slots[0].Phase);
        var readme = File.ReadAllText(Path.Combine(Replay.ReplayTests.RepoRoot(), "README.md"));
        // The README shows this test's code, verbatim (less the indentation).
        var source = File.ReadAllText(Path.Combine(Replay.ReplayTests.RepoRoot(), "Pink.Tests", "Embedding", "EmbeddingExampleTests.cs")).ReplaceLineEndings("\n");
        var begin = source.IndexOf("// --- README: embedding (begin)\n", StringComparison.Ordinal);
        var end = source.IndexOf("        // --- README: embedding (end)", StringComparison.Ordinal);
        var shown = string.Join("\n", source[(source.IndexOf('\n', begin) + 1)..end].TrimEnd('\n').Split('\n')
            .Select(line => line.Length >= 8 ? line[8..] : line.TrimStart()));
        Assert.Contains(shown, readme.ReplaceLineEndings("\n"));
    }
}
