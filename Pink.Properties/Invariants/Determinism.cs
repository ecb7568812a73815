using Pink.Core;
using Pink.Properties.Scenarios;
using Pink.Properties.Support;
using Xunit.Abstractions;

namespace Pink.Properties.Invariants;

/// <summary>
/// MISSION §5 and §8: the kernel is pure and deterministic — the same history folded twice, on different threads and
/// from separately built copies of the events, gives the same effects and the same state document, byte for byte. This
/// is what makes a recorded session replay into the same ledger.
/// </summary>
public class Determinism(ITestOutputHelper output)
{
    [Fact]
    public void Determinism_the_same_history_gives_the_same_state_document_bytes() =>
        Cases.Check(ScenarioGen.Arbitrary(), scenario =>
        {
            var first = Replay.Run(Simulation.Run(scenario));
            var second = Task.Run(() => Replay.Run(Simulation.Run(scenario))).GetAwaiter().GetResult();
            Require.That(StateDocument.SaveBytes(first.Final).AsSpan().SequenceEqual(StateDocument.SaveBytes(second.Final)), () =>
                "the same history gave two different state documents");
            for (var i = 0; i < first.Steps.Count; i++)
                Require.That(first.Steps[i].Effects.SequenceEqual(second.Steps[i].Effects), () => $"{first.Steps[i].Where}: the same event gave different effects");
        }, output);
}
