using LanguageExt;

namespace Pink.Core;

/// <summary>
/// Funding the stream did not show. A funding account update lost in a stream gap (a reconnect, a listenKey renewal)
/// moves the wallet without the K-ledger knowing; the income history still lists it. Invariants: each funding payment is
/// booked into the K-ledger once — by its account update, or, when the update never came, at the next check whose
/// difference it explains; an account update and an income record of the same payment (same amount, times within the
/// income margin) match each other whichever comes first; capital is never moved by income (the wallet already holds
/// it); the lists stay short: a check forgets the income-only payments, the history's completion forgets the updates it
/// had time to list.
/// </summary>
internal static class FundingFlows
{
    private const int MaxKept = 64;

    /// <summary>The account after a funding account update of <paramref name="amount"/>: matched with its income record, or remembered.</summary>
    public static Account Streamed(Account a, long timeMs, decimal amount) =>
        Match(a, timeMs, amount, fromIncome: true) is int i
            ? a with { FundingFlows = a.FundingFlows.RemoveAt(i) }
            : Kept(a, new FundingFlow(timeMs, amount, FromIncome: false));

    /// <summary>The account after a FUNDING_FEE income record: matched with its account update, or kept to explain a check.</summary>
    public static Account Listed(Account a, long timeMs, decimal amount) =>
        Match(a, timeMs, amount, fromIncome: false) is int i
            ? a with { FundingFlows = a.FundingFlows.RemoveAt(i) }
            : Kept(a, new FundingFlow(timeMs, amount, FromIncome: true));

    /// <summary>
    /// What funding the stream never showed adds to the K-ledger at a check: all of it when that explains the
    /// difference, else nothing (the difference is reported as it is). Either way the check forgets those payments:
    /// the wallet it read holds them.
    /// </summary>
    public static decimal Explains(Step s, ref Account a, decimal difference)
    {
        var missed = 0.0m;
        foreach (var f in a.FundingFlows)
            if (f.FromIncome) missed += f.Amount;
        if (missed == 0) return 0;
        a = a with { FundingFlows = new Arr<FundingFlow>(a.FundingFlows.Where(f => !f.FromIncome)) };
        if (Math.Abs(difference - missed) > s.Config.DivergenceTolerance) return 0;
        s.Diag(DiagnosticKinds.FundingUnstreamed, Severity.Warning,
            string.Create(CultureInfo.InvariantCulture, $"funding {missed:0.########} the stream never showed (income history) booked into the K-ledger"));
        return missed;
    }

    /// <summary>The account once the income history is complete up to <paramref name="upToMs"/>: updates it had time to list are forgotten.</summary>
    public static Account Completed(Account a, long upToMs) =>
        a.FundingFlows.Exists(f => !f.FromIncome && f.TimeMs + Kernel.IncomeSettleMs <= upToMs)
            ? a with { FundingFlows = new Arr<FundingFlow>(a.FundingFlows.Where(f => f.FromIncome || f.TimeMs + Kernel.IncomeSettleMs > upToMs)) }
            : a;

    private static int? Match(Account a, long timeMs, decimal amount, bool fromIncome)
    {
        for (var i = 0; i < a.FundingFlows.Count; i++)
        {
            var f = a.FundingFlows[i];
            if (f.FromIncome == fromIncome && Math.Abs(f.Amount - amount) <= 0.00000001m && Math.Abs(f.TimeMs - timeMs) <= Kernel.IncomeSettleMs) return i;
        }
        return null;
    }

    private static Account Kept(Account a, FundingFlow f)
    {
        var flows = a.FundingFlows.Add(f);
        return a with { FundingFlows = flows.Count > MaxKept ? flows.RemoveAt(0) : flows };
    }
}
