using LanguageExt;
using Pink.Core;
using Pink.Properties.Scenarios;
using Pink.Properties.Support;
using Xunit.Abstractions;

namespace Pink.Properties.Invariants;

/// <summary>
/// Rule 8 (seed 0.3, §7 test 3): no PnL is ever settled twice. A restart — save → restore → reconcile with what the
/// exchange holds — inserted anywhere in a history changes nothing: the reconcile writes no row and publishes nothing,
/// and the rest of the history produces exactly the effects it produces without the restart (rows, snapshots, sizer
/// feedback), ending in the same books. Only DUPLICATE_IGNORED log lines are set aside, since the reconcile report is
/// itself an exchange event the kernel may remember.
/// </summary>
public class NoDoubleSettlement(ITestOutputHelper output)
{
    [Fact]
    public void No_double_settlement_a_restart_inserted_anywhere_changes_nothing_rows_included() =>
        Cases.Check(Drawn.Arbitrary(), d =>
        {
            var history = Simulation.Run(d.Scenario);
            var straight = Replay.Run(history);
            var n = history.Items.Count;
            var k = 1 + d.A % n; // after the start-up reconcile, up to the very end
            var before = k == n ? straight.Final : straight.Steps[k].Before;
            var restored = Replay.Restart(before);
            Require.That(States.Same(before, restored), () => $"restart before item {k + 1}: the restored state differs from the saved one");

            var time = history.Items[k - 1] is EventItem e ? e.Event.TimeMs : ((RestartItem)history.Items[k - 1]).Reconcile.TimeMs;
            var reconcile = new PositionsReport($"restart-at-{k}", history.VenueBefore(k).Positions, time);
            var outcome = Kernel.Apply(restored, reconcile);
            Require.That(!outcome.Effects.Exists(x => x is PersistRow or PublishSnapshot), () =>
                $"restart before item {k + 1}: the reconcile of {Describe(reconcile)} wrote or published\n  {string.Join("\n  ", outcome.Effects)}");
            Require.That(States.SameBooks(before, outcome.State), () => $"restart before item {k + 1}: the reconcile changed the state");

            var resumed = Replay.Run(history.With(history.Items.Skip(k).ToList()), outcome.State);
            for (var i = 0; i < resumed.Steps.Count; i++)
            {
                var expected = Logged(straight.Steps[k + i].Effects);
                var actual = Logged(resumed.Steps[i].Effects);
                Require.That(expected.SequenceEqual(actual), () =>
                    $"restart before item {k + 1}: {straight.Steps[k + i].Where} produced other effects after the restart\n" +
                    $"without restart:\n  {string.Join("\n  ", expected)}\nwith restart:\n  {string.Join("\n  ", actual)}");
            }
            Require.That(States.SameBooks(straight.Final, resumed.Final), () => $"restart before item {k + 1}: the books differ at the end");
        }, output);

    private static List<Effect> Logged(Seq<Effect> effects) =>
        effects.Filter(e => e is not Diagnostic { Kind: DiagnosticKinds.DuplicateIgnored }).ToList();

    private static string Describe(PositionsReport r) =>
        r.Positions.Count == 0 ? "no positions" : string.Join(", ", r.Positions.Select(p => $"{Names.Of(p.Side)} {p.Qty} {p.Symbol}"));
}
