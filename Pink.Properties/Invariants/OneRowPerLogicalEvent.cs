using Pink.Core;
using Pink.Properties.Scenarios;
using Pink.Properties.Support;
using Xunit.Abstractions;

namespace Pink.Properties.Invariants;

/// <summary>
/// Rule 17 (seed §4.3): every logical event yields exactly one row per table it belongs to — no duplicates at the
/// source. Per event: one status_snapshots row when the books changed (marks write none); one account_events anchor
/// row per accepted anchor that moved the account, one bridge row per trade whose settlement baseline moved (carrying
/// exactly that move); one trade_events row per trade opened, adopted, closed or re-settled; one trade_exit_legs row
/// per new or repaired leg; one anomaly row per diagnostic except DUPLICATE_IGNORED log lines. Across the history no
/// two different events share a row identity (table, event_seq, key), so a sink that recognises retried inserts by
/// identity never drops a real row.
/// </summary>
public class OneRowPerLogicalEvent(ITestOutputHelper output)
{
    [Fact]
    public void Exactly_one_row_per_logical_event_per_table() =>
        Cases.Check(ScenarioGen.Arbitrary(), scenario =>
        {
            var trace = Replay.Run(Simulation.Run(scenario));
            var identities = new Dictionary<(string, long, string), TraceStep>();
            foreach (var step in trace.Steps)
            {
                var rows = step.Rows.ToList();
                foreach (var row in rows)
                {
                    var id = (row.Table, row.AccountEventSeq, row.Key);
                    if (identities.TryGetValue(id, out var first) && !ReferenceEquals(first.Event, step.Event) && !first.Event.Equals(step.Event))
                        throw new Violation($"{step.Where}: row identity {id} was already written by {first.Where}");
                    identities.TryAdd(id, step);
                }
                Require.That(rows.Select(r => (r.Table, r.Key)).Distinct().Count() == rows.Count, () =>
                    $"{step.Where}: a row was emitted twice:\n  {string.Join("\n  ", rows)}");
                StatusRows(step, rows);
                AccountRows(step, rows);
                TradeRows(step, rows);
                LegRows(step, rows);
                AnomalyRows(step, rows);
            }
        }, output);

    private static void StatusRows(TraceStep step, List<Row> rows)
    {
        var expected = !States.SameBooks(step.Before, step.After) && step.Event is not MarkPrice ? 1 : 0;
        Count(step, rows, Tables.StatusSnapshots, expected, "status_snapshots");
    }

    private static void AccountRows(TraceStep step, List<Row> rows)
    {
        var account = rows.OfType<AccountEventRow>().ToList();
        var anchors = step.Event is BalanceReport && !step.Before.Account.Equals(step.After.Account) ? 1 : 0;
        var anchorRows = account.Count(r => r.Kind is "anchor" or "overtaken" or "poll_held");
        Require.That(anchorRows == anchors, () => $"{step.Where}: {anchorRows} anchor rows, expected {anchors}");
        var moved = States.TradesAfter(step)
            .Select(t => (t, b: States.TradeOf(step.Before, t.TradeId)))
            .Where(x => x.t.SettledRealized != (x.b?.SettledRealized ?? 0) || x.t.SettledFees != (x.b?.SettledFees ?? 0))
            .ToDictionary(x => x.t.TradeId, x => (Realized: x.t.SettledRealized - (x.b?.SettledRealized ?? 0), Fees: x.t.SettledFees - (x.b?.SettledFees ?? 0)));
        var bridges = account.Where(r => r.Kind is "bridge" or "in_wallet").ToList();
        Require.That(bridges.Count == moved.Count && bridges.All(r => moved.ContainsKey(r.TradeId)), () =>
            $"{step.Where}: bridge rows for [{string.Join(", ", bridges.Select(r => r.TradeId))}], baselines moved for [{string.Join(", ", moved.Keys)}]");
        foreach (var r in bridges)
            Require.That(Require.Near(moved[r.TradeId].Realized, r.RealizedIncrement) && Require.Near(moved[r.TradeId].Fees, r.Fee), () =>
                $"{step.Where}: bridge row of {r.TradeId} books {r.RealizedIncrement:R} − {r.Fee:R}, the baseline moved {moved[r.TradeId]}");
        Require.That(account.All(r => r.Kind is "anchor" or "overtaken" or "poll_held" or "bridge" or "in_wallet"), () => $"{step.Where}: unexpected account row kinds");
    }

    private static void TradeRows(TraceStep step, List<Row> rows)
    {
        var expected = new List<(string, string)>();
        foreach (var t in States.TradesAfter(step))
        {
            var b = States.TradeOf(step.Before, t.TradeId);
            if (t.Flags.HasFlag(TradeFlags.Adopted) && b is null) expected.Add((t.TradeId, "adopted"));
            else if (!t.Flags.HasFlag(TradeFlags.Adopted) && (b?.EntryQty ?? 0) <= KernelConfig.QtyEpsilon && t.EntryQty > KernelConfig.QtyEpsilon) expected.Add((t.TradeId, "open"));
            if (t.Closed && b is not { Closed: true }) expected.Add((t.TradeId, "close"));
            if (step.Event is FillSettled && b is { Closed: true } && t.Closed &&
                (b.RealizedPnl != t.RealizedPnl || b.Fees != t.Fees || b.PnlSource != t.PnlSource)) expected.Add((t.TradeId, "settled"));
        }
        var actual = rows.OfType<TradeEventRow>().Select(r => (r.TradeId, r.Event)).ToList();
        Require.That(Same(expected, actual), () =>
            $"{step.Where}: trade_events rows [{string.Join(", ", actual)}], expected [{string.Join(", ", expected)}]");
    }

    private static void LegRows(TraceStep step, List<Row> rows)
    {
        var expected = new List<(string, int)>();
        foreach (var t in States.TradesAfter(step))
        {
            var b = States.TradeOf(step.Before, t.TradeId);
            foreach (var leg in t.Legs)
                if (b is null || leg.Index >= b.Legs.Count || (leg.Repaired && !b.Legs[leg.Index].Repaired))
                    expected.Add((t.TradeId, leg.Index));
        }
        var actual = rows.OfType<TradeExitLegRow>().Select(r => (r.TradeId, r.LegIndex)).ToList();
        Require.That(Same(expected, actual), () =>
            $"{step.Where}: trade_exit_legs rows [{string.Join(", ", actual)}], expected [{string.Join(", ", expected)}]");
    }

    private static void AnomalyRows(TraceStep step, List<Row> rows)
    {
        var expected = step.Diagnostics.Where(d => d.Kind is not (DiagnosticKinds.DuplicateIgnored or DiagnosticKinds.ForgottenTrade)).Select(d => d.Kind).ToList();
        var actual = rows.OfType<AnomalyEventRow>().Select(r => r.Kind).ToList();
        Require.That(expected.SequenceEqual(actual), () =>
            $"{step.Where}: anomaly rows [{string.Join(", ", actual)}] for diagnostics [{string.Join(", ", expected)}]");
    }

    private static void Count(TraceStep step, List<Row> rows, string table, int expected, string what)
    {
        var n = rows.Count(r => r.Table == table);
        Require.That(n == expected, () => $"{step.Where}: {n} {what} rows, expected {expected}");
    }

    private static bool Same<T>(List<T> expected, List<T> actual) =>
        expected.Count == actual.Count && expected.OrderBy(x => x).SequenceEqual(actual.OrderBy(x => x));
}
