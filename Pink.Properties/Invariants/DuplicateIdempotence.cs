using Pink.Core;
using Pink.Properties.Scenarios;
using Pink.Properties.Support;
using Xunit.Abstractions;

namespace Pink.Properties.Invariants;

/// <summary>
/// Rule 14: exchange events are de-duplicated — replaying one never changes anything. Every exchange event of a
/// history is delivered a second time right after it, and the history's own late duplicates are checked where they
/// fall: a repeat of an event that was applied leaves the state as it was and writes no row (only a DUPLICATE_IGNORED
/// log line); a repeat of an event that changed nothing (unresolved, rejected) changes nothing either and is answered
/// exactly as the first time.
/// </summary>
public class DuplicateIdempotence(ITestOutputHelper output)
{
    [Fact]
    public void Idempotence_of_duplicated_exchange_events_a_repeat_changes_nothing() =>
        Cases.Check(ScenarioGen.Arbitrary(), scenario =>
        {
            var trace = Replay.Run(Simulation.Run(scenario));
            var applied = new Dictionary<KernelEvent, bool>(ReferenceEqualityComparer.Instance);
            foreach (var step in trace.Steps)
            {
                if (step.Item is not EventItem item || !IsExchange(item.Event)) continue;
                var changed = !States.Same(step.Before, step.After);
                if (item.Origin == Origin.Duplicate && applied.TryGetValue(item.Event, out var original))
                    Repeat(step, original, "delivered again later");
                else
                    applied.TryAdd(item.Event, changed);
                var again = Kernel.Apply(step.After, item.Event);
                Repeat(step with { Before = step.After, After = again.State, Effects = again.Effects }, changed, "delivered twice in a row", step.Effects);
            }
        }, output);

    private static void Repeat(TraceStep repeat, bool originalApplied, string how, LanguageExt.Seq<Effect>? firstAnswer = null)
    {
        Require.That(States.Same(repeat.Before, repeat.After), () => $"{repeat.Where} {how}: the repeat changed the state");
        if (originalApplied)
            // A repeat that names a trade the state has forgotten since is recognised as that (FORGOTTEN_TRADE), a log line too.
            Require.That(repeat.Effects.ForAll(e => e is Diagnostic { Kind: DiagnosticKinds.DuplicateIgnored or DiagnosticKinds.ForgottenTrade }), () =>
                $"{repeat.Where} {how}: the repeat of an applied event did more than log DUPLICATE_IGNORED or FORGOTTEN_TRADE:\n  {string.Join("\n  ", repeat.Effects)}");
        else if (firstAnswer is LanguageExt.Seq<Effect> first)
            Require.That(first.SequenceEqual(repeat.Effects), () =>
                $"{repeat.Where} {how}: an event that changed nothing was answered differently the second time:\n  {string.Join("\n  ", first)}\nvs\n  {string.Join("\n  ", repeat.Effects)}");
        else
            Require.That(repeat.Effects.ForAll(e => e is Diagnostic or PersistRow { Row: AnomalyEventRow }), () =>
                $"{repeat.Where} {how}: the repeat of an event that changed nothing wrote more than diagnostics:\n  {string.Join("\n  ", repeat.Effects)}");
    }

    /// <summary>Events the exchange sends (as opposed to the policy's intents and marks).</summary>
    public static bool IsExchange(KernelEvent e) =>
        e is Fill or FillSettled or BalanceReport or PositionsReport or OrderAcknowledged or OrderCancelled or OrderRejected;
}
