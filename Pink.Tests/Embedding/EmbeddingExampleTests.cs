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
                effect.Switch(                                          // every kind, by name; none optional
                    place: order => sent.Add(order),                    // to your venue, once the input is durable
                    cancel: cancel => sent.Add(cancel),                 // likewise; the answer comes back as an event
                    query: query => sent.Add(query),                    // likewise
                    persist: row => { /* write row.Row */ },            // to your store, before the state document
                    publish: s => { /* share s.Snapshot */ },           // replaces the previous one, whole
                    feedback: f => { /* tell your sizer f.Pnl */ },     // a later revision replaces an earlier one
                    diagnostic: d => Console.Error.WriteLine($"{d.Severity} {d.Kind} {d.Detail}"),
                    forgotten: gone => { /* keep gone.Trade if you keep history */ }); // the state keeps only what is live
        }

        Feed(new BalanceReport { Id = "bal-1", WalletBalance = 1_000, AvailableMargin = 1_000, Reason = BalanceReason.Poll, TimeMs = 1 });
        Feed(new OpenIntent { Slot = 0, Symbol = "FET-USDT", Side = PositionSide.Long, Qty = 100, ExchangeLeverage = 2,
            ClientOrderId = "c-1", TradeId = "T1", TimeMs = 2 });
        Feed(new OrderAcknowledged { ClientOrderId = "c-1", VenueOrderId = 501, TimeMs = 3 });
        Feed(new Fill { VenueOrderId = 501, ClientOrderId = null, Symbol = "FET-USDT", Side = OrderSide.Buy, Qty = 100, Price = 0.20m,
            TimeMs = 4, Id = "fill:501:100" });
        Feed(new MarkPrice { Symbol = "FETUSDT", Price = 0.21m, TimeMs = 5 });
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
