using Pink.Core;
using Pink.Properties.Scenarios;
using Pink.Properties.Support;
using Xunit.Abstractions;

namespace Pink.Properties.Invariants;

/// <summary>
/// Rule 7 (seed §6.1): an event that matches no slot changes nothing and yields an UNRESOLVED_SLOT warning. Foreign
/// fills (another runtime's, with or without its own client order id), unknown order ids, settlements of unknown
/// orders and intents for slots that do not exist leave the state exactly as it was, publish nothing and write only
/// the anomaly row of their diagnostic; and any fill, settlement, acknowledgement, cancellation or intent the kernel
/// reports as UNRESOLVED_SLOT has changed nothing either.
/// </summary>
public class UnresolvedMutateNothing(ITestOutputHelper output)
{
    [Fact]
    public void Unresolved_events_mutate_nothing() =>
        Cases.Check(ScenarioGen.Arbitrary(), scenario =>
        {
            var trace = Replay.Run(Simulation.Run(scenario));
            foreach (var step in trace.Steps)
            {
                var foreign = step.Item is EventItem { Origin: Origin.Foreign or Origin.Unknown };
                var unresolved = step.Diagnostics.Any(d => d.Kind == DiagnosticKinds.UnresolvedSlot);
                if (!foreign && !(unresolved && step.Event is not PositionsReport)) continue;
                Require.That(!foreign || step.Diagnostics.Any(d => d.Kind == DiagnosticKinds.UnresolvedSlot && d.Severity == Severity.Warning), () =>
                    $"{step.Where}: names nothing of ours but raised no UNRESOLVED_SLOT warning:\n  {string.Join("\n  ", step.Effects)}");
                Require.That(States.Same(step.Before, step.After), () =>
                    $"{step.Where}: an unresolved event changed the state:\n  {string.Join("\n  ", step.Effects)}");
                Require.That(step.Effects.ForAll(e => e is Diagnostic or PersistRow { Row: AnomalyEventRow }), () =>
                    $"{step.Where}: an unresolved event did more than report:\n  {string.Join("\n  ", step.Effects)}");
            }
        }, output);
}
