using Pink.Core;
using Pink.Properties.Scenarios;
using Pink.Properties.Support;
using Xunit.Abstractions;

namespace Pink.Properties.Invariants;

/// <summary>
/// Rule 8's carrier: every state a history passes through survives its versioned document — Restore(Save(s)) = s,
/// settlement baselines and de-duplication memory included — and saving the restored state gives the same bytes.
/// The kernel's own states keep the slots' trades, live orders and marks in per-slot lanes ahead of the maps; a restored
/// state has them in the maps only. The next item applied to either gives the same outcome: the state's shape in
/// memory never changes what it means.
/// </summary>
public class StateDocumentRoundTrip(ITestOutputHelper output)
{
    [Fact]
    public void State_document_round_trip_restore_of_save_is_the_same_state() =>
        Cases.Check(ScenarioGen.Arbitrary(), scenario =>
        {
            var trace = Replay.Run(Simulation.Run(scenario));
            foreach (var step in trace.Steps)
            {
                var document = StateDocument.Save(step.After);
                var restored = StateDocument.Restore(document);
                Require.That(restored.IsRight, () => $"{step.Where}: the document does not restore: {restored.IfRight("")}");
                var back = restored.IfLeft(() => throw new InvalidOperationException());
                Require.That(back.Equals(step.After), () => $"{step.Where}: the restored state differs from the saved one");
                Require.That(StateDocument.Save(back) == document, () => $"{step.Where}: saving the restored state gives other bytes");
                if (step.Index + 1 >= trace.Steps.Count) continue;
                var next = trace.Steps[step.Index + 1];
                var fromRestored = Replay.Apply(back, next.Item);
                Require.That(fromRestored.State.Equals(next.After), () => $"{next.Where}: applied to the restored state it gives another state");
                Require.That(fromRestored.Effects.SequenceEqual(next.Effects), () => $"{next.Where}: applied to the restored state it gives other effects");
            }
        }, output);
}
