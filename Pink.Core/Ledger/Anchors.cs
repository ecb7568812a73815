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
/// What a report contains: an account update with positions confirms the fills its positions show; a transfer or
/// funding update, pushed in order with the other account updates, contains no fill whose own update is still to come;
/// a report of the whole wallet without positions (a poll) comes after every fill seen so far, and is taken only at
/// rest — no order of ours working, no fill the venue has shown that the kernel has not — since otherwise a fill may be
/// on its way that the balance holds or not; a poll at rest that comes while updates of fills are still on their way
/// overtakes them: an account update that confirms only fills a poll already showed is older than capital's balance
/// and moves nothing. A poll at rest that disagrees with the K-ledger is held back once (`poll_held` row): the venue
/// may have changed a position itself with its frames still on their way; the next poll that still disagrees is taken
/// and reported, and any account update in between settles it. A transfer or funding update that says its own amount
/// (<c>bc</c>) tells by the rest of the wallet's move which fills it contains.
/// </para>
/// </summary>
internal static class Anchors
{
    public static void Apply(Step s, BalanceReport e)
    {
        if (s.Seen(e.Id))
        {
            s.Diag(DiagnosticKinds.DuplicateIgnored, Severity.Info, string.Create(CultureInfo.InvariantCulture, $"balance report {e.Id} already applied"));
            return;
        }
        if (!Pnl.Usable(e.WalletBalance))
        {
            s.Diag(DiagnosticKinds.AnchorRejected, Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"balance report {e.Id}: wallet balance {e.WalletBalance} is not a positive number; capital unchanged"));
            return;
        }
        var a = s.Account;
        var before = a;
        var flow = e.Reason is BalanceReason.Transfer or BalanceReason.Funding;
        // A report of the whole wallet without positions (a poll) cannot be placed among fills still on their way.
        // An empty list of positions says nothing about which fills the balance holds: as if none were sent.
        var positions = e.Positions is { Count: > 0 } list ? list : null;
        var whole = positions is null && !flow;
        if (whole && (Coverage.OrdersWorking(s) || Coverage.HasExplainedLead(a.Ahead)))
        {
            s.Remember(e.Id);
            return;
        }
        var (unconfirmed, ahead) = (a.Unconfirmed, a.Ahead);
        var stale = false;
        if (positions is not null)
            (unconfirmed, ahead) = Coverage.Confirm(s, positions, unconfirmed, ahead, a.Anchored && !flow ? e.WalletBalance - a.EWalletBalance : null, out stale);
        else if (whole) unconfirmed = Coverage.Polled(unconfirmed);
        else if (a.Anchored && e.BalanceChange is decimal bc && Pnl.InRange(bc))
            unconfirmed = Coverage.ConfirmByAmount(unconfirmed, e.WalletBalance - a.EWalletBalance - bc);
        if (stale)
        {
            // Overtaken by a poll: its balance is older than the one capital holds; only what it confirms is taken.
            var kept = a with { Unconfirmed = unconfirmed, Ahead = ahead };
            s.Remember(e.Id);
            if (kept == a) return;
            s.Put(kept);
            s.Row(new AccountEventRow(s.Ts, s.Seq, "overtaken", e.Id, kept.Capital, Names.Of(kept.Source), kept.EWalletBalance, kept.AvailableMargin,
                0, 0, kept.KLedger, 0, 0, ""));
            s.Touch();
            return;
        }
        var pending = 0.0m;
        foreach (var u in unconfirmed) pending += u.WalletDelta;
        var capital = e.WalletBalance + pending;

        // The flow is the venue's own figure when it sends one: the K-ledger then stays right even if which fills the
        // balance holds was guessed wrong (capital heals at the next report).
        var external = !a.Anchored || !flow ? 0 : e.BalanceChange is decimal change && Pnl.InRange(change) ? change : capital - a.Capital;
        var kLedger = a.Anchored ? a.KLedger + external : capital;
        if (a.Anchored && e.Reason is BalanceReason.Funding) a = FundingFlows.Streamed(a, e.TimeMs, external);
        var comparable = !Coverage.HasExplainedLead(ahead) && a.UnknownLegs.IsEmpty;
        var compared = a.Anchored && !flow && comparable;
        var unheld = a;
        if (compared)
        {
            var missed = FundingFlows.Explains(s, ref a, capital - kLedger);
            (kLedger, external) = (kLedger + missed, external + missed);
        }
        if (whole && compared && !a.PollDisagreed && Math.Abs(capital - kLedger) > s.Config.DivergenceTolerance)
        {
            // A poll reads the wallet now; the stream may still be delivering a change the venue made itself (a
            // liquidation, a stop). Held back once: the next poll that still disagrees is taken and reported.
            var held = unheld with { PollDisagreed = true };
            s.Remember(e.Id);
            s.Put(held);
            s.Row(new AccountEventRow(s.Ts, s.Seq, "poll_held", e.Id, held.Capital, Names.Of(held.Source), e.WalletBalance, held.AvailableMargin,
                0, 0, held.KLedger, capital - kLedger, 0, ""));
            s.Touch();
            return;
        }
        var (blocked, checkPending, difference) = (a.EntriesBlocked, a.CheckPending, 0.0m);
        if (!a.Anchored) checkPending = false;
        else if (compared)
        {
            difference = capital - kLedger;
            blocked = Coverage.Diverged(s, kLedger, capital, difference);
            kLedger = capital;
            checkPending = false;
        }
        else if (!flow && !comparable) checkPending = true;

        var next = a with
        {
            Capital = capital, Source = pending == 0 ? CapitalSource.EAnchored : CapitalSource.KBridged, EWalletBalance = e.WalletBalance,
            AvailableMargin = e.AvailableMargin ?? a.AvailableMargin,
            KLedger = kLedger, Anchored = true, EntriesBlocked = blocked, Unconfirmed = unconfirmed, Ahead = ahead, CheckPending = checkPending,
            PollDisagreed = flow && a.PollDisagreed, // a transfer or funding update says nothing about the disagreement
        };
        s.Remember(e.Id);
        // A report that tells which fills the venue has shown changes the books even when capital stays: one row either
        // way, so the rows are the same whichever order the fill and its report came in.
        if (next == before) return;
        s.Put(next);
        s.Row(new AccountEventRow(s.Ts, s.Seq, "anchor", e.Id, next.Capital, Names.Of(next.Source), next.EWalletBalance, next.AvailableMargin,
            0, 0, next.KLedger, compared ? difference : 0, external, ""));
        s.Touch();
    }
}
