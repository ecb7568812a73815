using Pink.Core;
using Pink.Properties.Scenarios;
using Pink.Properties.Support;
using Xunit.Abstractions;

namespace Pink.Properties.Invariants;

/// <summary>
/// Rules 9 and 10: between anchors capital bridges, and fees are never ignored. After every event,
/// capital = last anchor (or the seed before any) + Σ realized increments − Σ fees booked on trades since that
/// anchor; the K-ledger carries the same figure, and fees paid equals all fees ever booked. Sums run over every trade
/// the history ever had, so a trade that left the state still counts.
/// </summary>
public class ConservationBetweenAnchors(ITestOutputHelper output)
{
    [Fact]
    public void Conservation_between_anchors_capital_is_last_anchor_plus_realized_increments_minus_fees() =>
        Cases.Check(ScenarioGen.Arbitrary(), scenario =>
        {
            var trace = Replay.Run(Simulation.Run(scenario));
            var books = new Dictionary<string, (double Realized, double Fees)>();
            var anchor = trace.Initial.Account.Capital;
            var (realizedAtAnchor, feesAtAnchor) = (0.0, 0.0);
            foreach (var step in trace.Steps)
            {
                foreach (var t in step.After.Trades.Values) books[t.TradeId] = (t.RealizedPnl, t.Fees);
                var realized = books.Values.Sum(b => b.Realized);
                var fees = books.Values.Sum(b => b.Fees);
                if (Accepted(step))
                    (anchor, realizedAtAnchor, feesAtAnchor) = (((BalanceReport)step.Event).WalletBalance, realized, fees);
                var a = step.After.Account;
                var scale = 1e-9 * (1 + Math.Abs(anchor) + books.Values.Sum(b => Math.Abs(b.Realized) + Math.Abs(b.Fees)));
                var expected = anchor + (realized - realizedAtAnchor) - (fees - feesAtAnchor);
                Require.That(Math.Abs(a.Capital - expected) <= scale, () =>
                    $"{step.Where}: capital {a.Capital:R} ≠ anchor {anchor:R} + realized since {realized - realizedAtAnchor:R} − fees since {fees - feesAtAnchor:R} = {expected:R}");
                Require.That(Math.Abs(a.KLedger - a.Capital) <= scale, () => $"{step.Where}: K-ledger {a.KLedger:R} ≠ capital {a.Capital:R}");
                Require.That(Math.Abs(a.FeesPaid - fees) <= scale, () => $"{step.Where}: fees paid {a.FeesPaid:R} ≠ Σ trade fees {fees:R}");
            }
        }, output);

    /// <summary>A balance report the kernel must take as an anchor: usable balance, id not applied before.</summary>
    public static bool Accepted(TraceStep step) =>
        step.Event is BalanceReport b && Pnl.Usable(b.WalletBalance) && !step.Before.Dedup.Seen.Contains(b.Id);
}
