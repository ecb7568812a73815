using Pink.Core;
using Pink.Properties.Scenarios;
using Pink.Properties.Support;
using Xunit.Abstractions;

namespace Pink.Properties.Invariants;

/// <summary>
/// Rules 9 and 11: a balance-bearing exchange report sets capital to the wallet balance exactly plus the fills the
/// report does not contain yet (none once the venue has confirmed every fill: then capital is the wallet to the last
/// bit, e_anchored), and publishes that; a zero, negative or non-finite balance is rejected with ANCHOR_REJECTED and
/// changes nothing; a report of the whole wallet without positions (a poll) while an order of ours is working or the
/// venue has shown a fill the kernel has not seen changes nothing (a fill may be on its way); and the K-ledger is
/// compared with every anchor that can be compared — a trade's report or a poll, once the wallet holds no fill the
/// kernel has not seen (no explained lead) — its difference reported (LEDGER_DIVERGENCE, entries refused) exactly when it exceeds the
/// tolerance, never hidden, and the K-ledger re-seeded in the same step. A report that cannot be compared reports
/// nothing and leaves entries as they were; a transfer or funding report moves the K-ledger by the flow it explains; a
/// poll that disagrees is held back once (nothing reported, capital unchanged) and the next disagreeing one is taken.
/// </summary>
public class AnchorExactness(ITestOutputHelper output)
{
    [Fact]
    public void Anchor_exactness_an_anchor_sets_capital_to_the_wallet_balance_exactly() =>
        Cases.Check(ScenarioGen.Arbitrary(), scenario =>
        {
            var trace = Replay.Run(Simulation.Run(scenario));
            foreach (var step in trace.Steps)
            {
                if (step.Event is not BalanceReport report || step.Before.Dedup.Seen.Contains(report.Id)) continue;
                if (!Pnl.Usable(report.WalletBalance)) Rejected(step, report);
                else if (step.Rows.OfType<AccountEventRow>().Any(r => r.Kind == "overtaken") ||
                         report.Positions is not null && step.Before.Account.Unconfirmed.Any(u => u.Polled) &&
                         step.After.Account.EWalletBalance == step.Before.Account.EWalletBalance && report.WalletBalance != step.Before.Account.EWalletBalance)
                    Require.That(step.After.Account.Capital == step.Before.Account.Capital && !step.Diagnostics.Any(), () =>
                        $"{step.Where}: an update overtaken by a poll moved capital or said something");
                else if (step.Rows.OfType<AccountEventRow>().Any(r => r.Kind == "poll_held"))
                    Require.That(report.Positions is null && step.Before.Account.Anchored && !step.Before.Account.PollDisagreed &&
                                 step.After.Account.PollDisagreed && step.After.Account.Capital == step.Before.Account.Capital && !step.Diagnostics.Any(),
                        () => $"{step.Where}: a poll was held back though it was not the first disagreeing one, or it moved capital");
                else if (Busy(step, report))
                    Require.That(States.SameBooks(step.Before, step.After) && !step.Diagnostics.Any(), () =>
                        $"{step.Where}: a poll while fills may be on their way changed the books or said something");
                else Accepted(step, report);
            }
        }, output);

    // A report of the whole wallet without positions is taken only at rest (no order of ours working, no explained lead).
    private static bool Busy(TraceStep step, BalanceReport report) =>
        report.Positions is not { Count: > 0 } && report.Reason is BalanceReason.Order or BalanceReason.Poll &&
        (step.Before.Orders.Values.Any(o => o.Status == OrderStatus.Working) || step.Before.Account.Ahead.Any(l => l.Explained));

    private static void Accepted(TraceStep step, BalanceReport report)
    {
        var w = report.WalletBalance;
        var a = step.After.Account;
        var pending = a.Unconfirmed.Sum(u => u.WalletDelta);
        Require.That(a.Capital == w + pending && a.EWalletBalance == w && a.Anchored &&
                     a.Source == (pending == 0 ? CapitalSource.EAnchored : CapitalSource.KBridged), () =>
            $"{step.Where}: after the anchor capital {a.Capital:R}, e-wallet {a.EWalletBalance:R}, source {a.Source}; wallet {w:R} + unconfirmed {pending:R}");
        if (!step.Before.Account.Equals(a))
        {
            var snapshot = step.Effects.OfType<PublishSnapshot>().SingleOrDefault()?.Snapshot;
            Require.That(snapshot is not null && snapshot.Capital == a.Capital && snapshot.EWalletBalance == w && snapshot.CapitalSource == a.Source,
                () => $"{step.Where}: the published snapshot does not carry the anchor: {snapshot}");
        }

        var before = step.Before.Account;
        var flow = report.Reason is BalanceReason.Transfer or BalanceReason.Funding;
        var explainedLead = a.Ahead.Any(l => l.Explained);
        var compared = before.Anchored && !flow && !explainedLead;
        var diverged = compared && Math.Abs(a.Capital - before.KLedger) > step.Before.Config.DivergenceTolerance;
        var reported = step.Diagnostics.Any(d => d.Kind == DiagnosticKinds.LedgerDivergence && d.Severity == Severity.Error);
        Require.That(reported == diverged, () =>
            $"{step.Where}: K-ledger {before.KLedger:R} vs capital {a.Capital:R} (compared: {compared}) but LEDGER_DIVERGENCE reported: {reported}");
        var blocked = compared ? diverged : before.EntriesBlocked;
        Require.That(a.EntriesBlocked == blocked, () => $"{step.Where}: entries blocked {a.EntriesBlocked}, expected {blocked}");
        var k = !before.Anchored || compared ? a.Capital : flow ? before.KLedger + (report.BalanceChange ?? a.Capital - before.Capital) : before.KLedger;
        Require.That(Require.Near(a.KLedger, k), () => $"{step.Where}: K-ledger {a.KLedger:R} after the anchor, expected {k:R}");
    }

    private static void Rejected(TraceStep step, BalanceReport report)
    {
        Require.That(States.Same(step.Before, step.After), () => $"{step.Where}: an unusable balance {report.WalletBalance} changed the state");
        Require.That(step.Diagnostics.Any(d => d.Kind == DiagnosticKinds.AnchorRejected), () => $"{step.Where}: no ANCHOR_REJECTED for balance {report.WalletBalance}");
    }
}
