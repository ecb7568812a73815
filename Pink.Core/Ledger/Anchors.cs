namespace Pink.Core;

/// <summary>
/// Balance-bearing exchange reports (rules 9 and 11). Invariants: an accepted anchor sets capital to the wallet
/// balance exactly and re-seeds the K-ledger in the same step; zero, negative or non-finite balances are rejected with
/// ANCHOR_REJECTED and change nothing; the K-ledger is compared with every anchor after the first, and a divergence
/// beyond tolerance raises LEDGER_DIVERGENCE and refuses entries (never exits) until an anchor agrees again.
/// Transfers and funding are explained movements: booked as external flow, not compared.
/// </summary>
internal static class Anchors
{
    public static void Apply(Step s, BalanceReport e)
    {
        if (s.Seen(e.Id))
        {
            s.Diag(DiagnosticKinds.DuplicateIgnored, Severity.Info, $"balance report {e.Id} already applied");
            return;
        }
        if (!Pnl.Usable(e.WalletBalance))
        {
            s.Diag(DiagnosticKinds.AnchorRejected, Severity.Warning, $"balance report {e.Id}: wallet balance {e.WalletBalance} is not a positive number; capital unchanged");
            return;
        }
        var a = s.Account;
        var explained = e.Reason is BalanceReason.Transfer or BalanceReason.Funding;
        var difference = e.WalletBalance - a.KLedger;
        var compared = a.Anchored && !explained;
        var blocked = a.EntriesBlocked;
        if (compared)
        {
            blocked = Math.Abs(difference) > s.Config.DivergenceTolerance;
            if (blocked)
                s.Diag(DiagnosticKinds.LedgerDivergence, Severity.Error,
                    $"K-ledger {a.KLedger:0.########} vs wallet {e.WalletBalance:0.########} (diff {difference:0.########}, tolerance {s.Config.DivergenceTolerance}); entries refused until an anchor agrees");
        }
        var next = a with
        {
            Capital = e.WalletBalance, Source = CapitalSource.EAnchored, EWalletBalance = e.WalletBalance,
            AvailableMargin = double.IsFinite(e.AvailableMargin) ? e.AvailableMargin : a.AvailableMargin,
            KLedger = e.WalletBalance, Anchored = true, EntriesBlocked = blocked,
        };
        s.Remember(e.Id);
        if (next == a) return;
        s.Put(next);
        s.Row(new AccountEventRow(s.Ts, s.Seq, "anchor", e.Id, next.Capital, Names.Of(next.Source), next.EWalletBalance, next.AvailableMargin,
            0, 0, next.KLedger, compared ? difference : 0, a.Anchored && explained ? difference : 0, ""));
        s.Touch();
    }
}
