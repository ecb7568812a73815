namespace Pink.Core;

/// <summary>
/// Balance-bearing exchange reports (rules 9 and 11). Invariants: an accepted anchor sets capital to the wallet
/// balance plus the fills it does not contain yet (<see cref="Coverage"/>: none, once the venue's reports have caught
/// up, so capital = wallet exactly) and re-seeds the K-ledger when it compares; zero, negative or non-finite balances
/// are rejected with ANCHOR_REJECTED and change nothing; the K-ledger is compared with every anchor that can be
/// compared — when the wallet holds no fill the kernel has not seen — and otherwise as soon as those fills arrive; a
/// divergence beyond tolerance raises LEDGER_DIVERGENCE and refuses entries (never exits) until a check agrees again.
/// Transfers and funding are explained movements: booked as external flow, not compared.
/// <para>
/// What a report contains: an account update with positions confirms the fills its positions show; a poll (or an
/// account update of a trade without positions) comes after every fill seen so far; a transfer or funding update,
/// pushed in order with the other account updates, contains no fill whose own update is still to come. A poll while
/// our orders are working may hold a fill still on its way: it anchors capital but is not compared. A transfer or
/// funding update that says its own amount (<c>bc</c>) tells by the rest of the wallet's move which fills it contains.
/// </para>
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
        var flow = e.Reason is BalanceReason.Transfer or BalanceReason.Funding;
        var (unconfirmed, ahead) = (a.Unconfirmed, a.Ahead);
        if (e.Positions is { } positions) (unconfirmed, ahead) = Coverage.Confirm(s, positions, unconfirmed, ahead);
        else if (!flow) unconfirmed = LanguageExt.Arr<UnconfirmedFill>.Empty;
        else if (a.Anchored && e.BalanceChange is double bc && double.IsFinite(bc))
            unconfirmed = Coverage.ConfirmByAmount(unconfirmed, e.WalletBalance - a.EWalletBalance - bc);
        var pending = 0.0;
        foreach (var u in unconfirmed) pending += u.WalletDelta;
        var capital = e.WalletBalance + pending;

        var external = a.Anchored && flow ? capital - a.Capital : 0;
        var kLedger = a.Anchored ? a.KLedger + external : capital;
        var comparable = !Coverage.HasExplainedLead(ahead) && (e.Positions is not null || !Coverage.OrdersWorking(s));
        var compared = a.Anchored && !flow && comparable;
        var (blocked, checkPending, difference) = (a.EntriesBlocked, a.CheckPending, 0.0);
        if (!a.Anchored) checkPending = false;
        else if (compared)
        {
            difference = capital - kLedger;
            blocked = Coverage.Diverged(s, kLedger, capital, difference);
            kLedger = capital;
            checkPending = false;
        }
        else if (!flow && Coverage.HasExplainedLead(ahead)) checkPending = true;

        var next = a with
        {
            Capital = capital, Source = pending == 0 ? CapitalSource.EAnchored : CapitalSource.KBridged, EWalletBalance = e.WalletBalance,
            AvailableMargin = double.IsFinite(e.AvailableMargin) ? e.AvailableMargin : a.AvailableMargin,
            KLedger = kLedger, Anchored = true, EntriesBlocked = blocked, Unconfirmed = unconfirmed, Ahead = ahead, CheckPending = checkPending,
        };
        s.Remember(e.Id);
        if (next == a) return;
        s.Put(next);
        // Learning which fills the venue has shown is bookkeeping: it takes no sequence number and writes no row.
        if (next with { Unconfirmed = a.Unconfirmed, Ahead = a.Ahead, CheckPending = a.CheckPending } == a) return;
        s.Row(new AccountEventRow(s.Ts, s.Seq, "anchor", e.Id, next.Capital, Names.Of(next.Source), next.EWalletBalance, next.AvailableMargin,
            0, 0, next.KLedger, compared ? difference : 0, external, ""));
        s.Touch();
    }
}
