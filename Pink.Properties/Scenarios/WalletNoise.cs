using FsCheck;
using FsCheck.Fluent;
using Pink.Core;

namespace Pink.Properties.Scenarios;

/// <summary>What else can move a shared account's wallet besides our trades.</summary>
public enum NoiseKind
{
    /// <summary>A deposit or withdrawal (Transfer).</summary>
    Transfer,
    /// <summary>Funding paid or received.</summary>
    Funding,
    /// <summary>Another runtime's fill realized PnL on the shared wallet: the next trade-reason balance reports it.</summary>
    ForeignPnl,
    /// <summary>Another runtime's fill reaches our stream, with its own client order id.</summary>
    ForeignFill,
}

/// <summary>One wallet move inserted before item <c>Position</c> (taken modulo the history's length).</summary>
public sealed record Noise(int Position, NoiseKind Kind, int Amount)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind} {Amount:+0;-0;0} before item #{Position}";
}

/// <summary>A scenario and wallet moves to add to its history.</summary>
public sealed record NoisyScenario(Scenario Scenario, IReadOnlyList<Noise> Noise)
{
    /// <summary>Scenarios with 1–6 wallet moves; shrinking drops moves, then shrinks the scenario.</summary>
    public static Arbitrary<NoisyScenario> Arbitrary() => Arb.From(
        from s in ScenarioGen.Scenario()
        from noise in Gen.Choose(1, 6).SelectMany(n => (
            from p in Gen.Choose(0, 10_000)
            from k in Gen.Elements(Enum.GetValues<NoiseKind>())
            from a in Gen.Choose(-300, 3_000)
            select new Noise(p, k, a)).ListOf(n))
        select new NoisyScenario(s, noise),
        Shrink);

    private static IEnumerable<NoisyScenario> Shrink(NoisyScenario n)
    {
        for (var i = 0; i < n.Noise.Count; i++)
            if (n.Noise.Count > 1) yield return n with { Noise = n.Noise.Where((_, j) => j != i).ToList() };
        foreach (var s in ScenarioShrink.Shrink(n.Scenario)) yield return n with { Scenario = s };
    }

    /// <inheritdoc />
    public override string ToString() => $"wallet moves: {string.Join("; ", Noise)}\n{Scenario}";
}

/// <summary>
/// Inserts wallet moves into a history without touching anything the kernel decides on: each move is reported at the
/// venue's own balance plus the moves so far (a transfer or funding with its amount as `bc`), every later balance
/// report is shifted by the moves, and a foreign loss — reported only when the kernel takes a report of the whole
/// wallet (at rest) — is followed by a poll that agrees, so refused entries stay as they were. Moves go after the
/// first anchor, when the K-ledger is being compared.
/// </summary>
public static class WalletNoise
{
    /// <summary>The history with the moves inserted.</summary>
    public static History Insert(History history, Trace trace, IReadOnlyList<Noise> noise)
    {
        var n = history.Items.Count;
        var firstAnchor = trace.Steps.FirstOrDefault(s => s.After.Account.Anchored && !s.Before.Account.Anchored)?.Index;
        if (firstAnchor is not int fa) return history;
        var floor = trace.Steps.Where(s => s.Index > fa).Select(s => s.Before.Account.KLedger)
            .Concat(history.Items.OfType<EventItem>().Select(i => i.Event).OfType<BalanceReport>().Select(b => b.WalletBalance).Where(Pnl.Usable))
            .DefaultIfEmpty(0).Min();
        if (floor <= 1) return history; // a wallet near zero leaves no room to move it without making reports unusable
        var byPosition = noise.Select((x, j) => (Noise: x, Id: j, At: fa + 1 + Math.Abs(x.Position) % (n - fa)))
            .OrderBy(x => x.At).ThenBy(x => x.Id).ToList();
        var items = new List<Item>();
        var moved = 0.0m;
        var next = 0;
        for (var i = 0; i <= n; i++)
        {
            for (; next < byPosition.Count && byPosition[next].At == i; next++)
            {
                var (x, id, _) = byPosition[next];
                var state = i < n ? trace.Steps[i].Before : trace.Final;
                var time = i < n ? TimeOf(history.Items[i]) : TimeOf(history.Items[^1]);
                var amount = Math.Max(x.Amount, -floor / 4 - moved); // keep every shifted balance well above zero
                if (x.Kind == NoiseKind.Funding) amount /= 100;
                var venue = history.VenueBefore(Math.Min(i, n)).Wallet;
                foreach (var e in Move(x.Kind, id, state, venue, moved + amount, amount, time))
                    items.Add(new EventItem(e, Origin.Foreign, null, history.VenueBefore(Math.Min(i, n))));
                if (x.Kind != NoiseKind.ForeignFill && !(x.Kind == NoiseKind.ForeignPnl && !Reported(state, venue))) moved += amount;
            }
            if (i < n) items.Add(Shift(history.Items[i], moved));
        }
        return history.With(items);
    }

    private static IEnumerable<KernelEvent> Move(NoiseKind kind, int n, KernelState state, decimal venue, decimal moved, decimal amount, long time)
    {
        var id = $"noise-{n}";
        var wallet = venue + moved; // the venue's own wallet, every move so far included
        switch (kind)
        {
            case NoiseKind.Transfer: yield return new BalanceReport(id, wallet, null, BalanceReason.Transfer, time, BalanceChange: amount); break;
            case NoiseKind.Funding: yield return new BalanceReport(id, wallet, null, BalanceReason.Funding, time, BalanceChange: amount); break;
            case NoiseKind.ForeignPnl when Reported(state, venue):
                // The first report that disagrees is held back (the stream may still be delivering it), the second is
                // taken and reports the divergence, the third agrees and lifts the refusal.
                yield return new BalanceReport(id + "-trade", wallet, null, BalanceReason.Order, time);
                yield return new BalanceReport(id + "-poll", wallet, null, BalanceReason.Poll, time);
                yield return new BalanceReport(id + "-poll2", wallet, null, BalanceReason.Poll, time);
                break;
            case NoiseKind.ForeignFill:
                var i = Market.Traded[n % Market.Traded.Count];
                yield return new Fill(950_000, $"other-runtime-{id}", i.Dashed, OrderSide.Buy, Market.Qty(i, 2), Market.Price(i, 0), time, id);
                break;
        }
    }

    // Another runtime's PnL shows in a report of the whole wallet, which the kernel takes only at rest (no order of
    // ours working, no fill the venue showed first); while entries are refused the policy's decisions would change.
    // A foreign loss is only reported where the kernel agrees with the venue's own wallet: a disagreement the history
    // still has to report (another runtime's fill the wallet holds) would otherwise be absorbed by the noise's report,
    // and the entries that history refuses would no longer be refused.
    private static bool Reported(KernelState state, decimal venue) =>
        !state.Account.EntriesBlocked && !state.Account.PollDisagreed && !state.Account.Ahead.Any(l => l.Explained) &&
        state.Orders.Values.All(o => o.Status != OrderStatus.Working) &&
        Math.Abs(state.Account.KLedger - venue) <= state.Config.DivergenceTolerance;

    private static Item Shift(Item item, decimal moved) =>
        moved != 0 && item is EventItem { Event: BalanceReport b } e && Pnl.Usable(b.WalletBalance)
            ? e with { Event = b with { WalletBalance = b.WalletBalance + moved } }
            : item;

    private static long TimeOf(Item item) => item is EventItem e ? e.Event.TimeMs : ((RestartItem)item).Reconcile.TimeMs;
}
