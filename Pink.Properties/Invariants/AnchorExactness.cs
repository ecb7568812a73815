using Pink.Core;
using Pink.Properties.Scenarios;
using Pink.Properties.Support;
using Xunit.Abstractions;

namespace Pink.Properties.Invariants;

/// <summary>
/// Rules 9 and 11: a balance-bearing exchange report sets capital to the wallet balance exactly (not approximately),
/// marks it e_anchored, re-seeds the K-ledger in the same step and publishes that; a zero, negative or non-finite
/// balance is rejected with ANCHOR_REJECTED and changes nothing; and the K-ledger's difference from the wallet is
/// reported (LEDGER_DIVERGENCE, entries refused) exactly when it exceeds the tolerance — never hidden.
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
                if (Pnl.Usable(report.WalletBalance)) Accepted(step, report);
                else Rejected(step, report);
            }
        }, output);

    private static void Accepted(TraceStep step, BalanceReport report)
    {
        var w = report.WalletBalance;
        var a = step.After.Account;
        Require.That(a.Capital == w && a.EWalletBalance == w && a.KLedger == w && a.Source == CapitalSource.EAnchored && a.Anchored, () =>
            $"{step.Where}: after the anchor capital {a.Capital:R}, e-wallet {a.EWalletBalance:R}, K-ledger {a.KLedger:R}, source {a.Source}; wallet {w:R}");
        if (!step.Before.Account.Equals(a))
        {
            var snapshot = step.Effects.OfType<PublishSnapshot>().SingleOrDefault()?.Snapshot;
            Require.That(snapshot is not null && snapshot.Capital == w && snapshot.EWalletBalance == w && snapshot.CapitalSource == CapitalSource.EAnchored,
                () => $"{step.Where}: the published snapshot does not carry the anchor: {snapshot}");
        }

        var before = step.Before.Account;
        var compared = before.Anchored && report.Reason is BalanceReason.Order or BalanceReason.Poll;
        var diverged = compared && Math.Abs(w - before.KLedger) > step.Before.Config.DivergenceTolerance;
        var reported = step.Diagnostics.Any(d => d.Kind == DiagnosticKinds.LedgerDivergence && d.Severity == Severity.Error);
        Require.That(reported == diverged, () =>
            $"{step.Where}: K-ledger {before.KLedger:R} vs wallet {w:R} (compared: {compared}) but LEDGER_DIVERGENCE reported: {reported}");
        var blocked = compared ? diverged : before.EntriesBlocked;
        Require.That(a.EntriesBlocked == blocked, () => $"{step.Where}: entries blocked {a.EntriesBlocked}, expected {blocked}");
    }

    private static void Rejected(TraceStep step, BalanceReport report)
    {
        Require.That(States.Same(step.Before, step.After), () => $"{step.Where}: an unusable balance {report.WalletBalance} changed the state");
        Require.That(step.Diagnostics.Any(d => d.Kind == DiagnosticKinds.AnchorRejected), () => $"{step.Where}: no ANCHOR_REJECTED for balance {report.WalletBalance}");
    }
}
