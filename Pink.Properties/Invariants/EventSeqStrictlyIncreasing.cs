using Pink.Core;
using Pink.Properties.Scenarios;
using Pink.Properties.Support;
using Xunit.Abstractions;

namespace Pink.Properties.Invariants;

/// <summary>
/// Rule 12 (seed §4.1): there is one published account snapshot, replaced whole after each state-changing event and
/// carrying an event_seq that strictly increases — by exactly one per such event — while an event that changes
/// nothing publishes nothing and keeps the sequence; the snapshot is the state's own view after the event (no reader
/// sees a half-applied event); and every row an event writes carries that event's sequence number. Restarts keep the
/// sequence. The de-duplication memory is not part of the books: remembering an id is not a state change here.
/// </summary>
public class EventSeqStrictlyIncreasing(ITestOutputHelper output)
{
    [Fact]
    public void Event_seq_strictly_increasing_with_one_snapshot_per_state_changing_event() =>
        Cases.Check(ScenarioGen.Arbitrary(), scenario =>
        {
            var trace = Replay.Run(Simulation.Run(scenario));
            var last = trace.Initial.EventSeq;
            foreach (var step in trace.Steps)
            {
                var snapshots = step.Effects.OfType<PublishSnapshot>().ToList();
                var changed = !States.SameBooks(step.Before, step.After);
                Require.That(snapshots.Count == (changed ? 1 : 0), () =>
                    $"{step.Where}: {(changed ? "changed the state" : "changed nothing")} and published {snapshots.Count} snapshot(s)");
                Require.That(step.After.EventSeq == step.Before.EventSeq + (changed ? 1 : 0), () =>
                    $"{step.Where}: event_seq went from {step.Before.EventSeq} to {step.After.EventSeq}");
                if (changed)
                {
                    var published = snapshots[0].Snapshot;
                    Require.That(published.EventSeq > last, () => $"{step.Where}: event_seq {published.EventSeq} after {last}");
                    Require.That(published.Equals(Queries.Snapshot(step.After)), () => $"{step.Where}: the published snapshot is not the state after the event");
                    last = published.EventSeq;
                }
                foreach (var row in step.Rows)
                    Require.That(row.AccountEventSeq == step.After.EventSeq, () => $"{step.Where}: a {row.Table} row carries event_seq {row.AccountEventSeq}, the event has {step.After.EventSeq}");
            }
        }, output);
}
