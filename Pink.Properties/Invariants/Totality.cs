using Pink.Core;
using Pink.Properties.Scenarios;
using Pink.Properties.Support;
using Xunit.Abstractions;

namespace Pink.Properties.Invariants;

/// <summary>
/// MISSION §5: the kernel is total. Arbitrary events — null, zero and out-of-range numbers, negative quantities, null or
/// odd strings, extreme times, slots out of range, undefined enumeration values, null positions — delivered at any
/// point of a realistic history never throw, never trip the kernel's own defect guard (INTERNAL_ERROR), and leave a
/// state that still has a snapshot and a state document that restores.
/// </summary>
public class Totality(ITestOutputHelper output)
{
    [Fact]
    public void Totality_arbitrary_events_never_throw() =>
        Cases.Check(ChaosScenario.Arbitrary(), chaos =>
        {
            var history = chaos.Build();
            var state = Kernel.Initial(history.Config);
            for (var i = 0; i < history.Items.Count; i++)
            {
                var item = history.Items[i];
                Outcome outcome;
                try { outcome = Replay.Apply(state, item); }
                catch (Exception ex) { throw new Violation($"item {i + 1} ({item}) threw {ex.GetType().Name}: {ex.Message}"); }
                var defect = outcome.Effects.OfType<Diagnostic>().FirstOrDefault(d => d.Kind == DiagnosticKinds.InternalError);
                Require.That(defect is null, () => $"item {i + 1} ({item}) tripped the defect guard: {defect!.Detail}");
                state = outcome.State;
                if (item is EventItem { Origin: Origin.Unknown }) Usable(state, i, item);
            }
        }, output);

    private static void Usable(KernelState state, int i, Item item)
    {
        try
        {
            _ = Queries.Snapshot(state);
            var restored = StateDocument.Restore(StateDocument.Save(state));
            Require.That(restored.IsRight, () => $"item {i + 1} ({item}) left a state whose document does not restore: {restored.IfRight("")}");
        }
        catch (Violation) { throw; }
        catch (Exception ex) { throw new Violation($"item {i + 1} ({item}) left a state that cannot be viewed or saved: {ex.GetType().Name}: {ex.Message}"); }
    }
}
