using Pink.Core;
using Pink.Properties.Scenarios;
using Pink.Properties.Support;
using Xunit.Abstractions;

namespace Pink.Properties.Invariants;

/// <summary>
/// Rules 9 and 10: between anchors capital bridges, fees are never ignored, and no fill moves capital twice. After
/// every event, capital = the last anchored wallet (or the seed before any) + the wallet deltas of the fills no report
/// has confirmed yet; between anchors the K-ledger moves by exactly the trades' settled increments (realized − fees),
/// except that a check an anchor deferred re-seeds it to capital when it runs; and fees paid equals all fees ever
/// booked. Sums run over every trade the history ever had, so a trade that left the state still counts.
/// </summary>
public class ConservationBetweenAnchors(ITestOutputHelper output)
{
    [Fact]
    public void Conservation_between_anchors_capital_is_last_anchor_plus_realized_increments_minus_fees() =>
        Cases.Check(ScenarioGen.Arbitrary(), scenario =>
        {
            var trace = Replay.Run(Simulation.Run(scenario));
            var books = new Dictionary<string, (decimal Realized, decimal Fees, decimal Settled)>();
            foreach (var step in trace.Steps)
            {
                var settledBefore = books.Values.Sum(b => b.Settled);
                foreach (var t in States.TradesAfter(step)) books[t.TradeId] = (t.RealizedPnl, t.Fees, t.SettledRealized - t.SettledFees);
                var fees = books.Values.Sum(b => b.Fees);
                var (a, before) = (step.After.Account, step.Before.Account);
                var scale = 0.000000001m * (1 + Math.Abs(a.EWalletBalance) + books.Values.Sum(b => Math.Abs(b.Realized) + Math.Abs(b.Fees)));
                var unconfirmed = a.Unconfirmed.Sum(u => u.WalletDelta);
                var expected = (a.Anchored ? a.EWalletBalance : trace.Initial.Account.Capital) + unconfirmed;
                Require.That(Math.Abs(a.Capital - expected) <= scale, () =>
                    $"{step.Where}: capital {a.Capital:R} ≠ {(a.Anchored ? "wallet" : "seed")} + unconfirmed fills {unconfirmed:R} = {expected:R}");
                if (!Accepted(step))
                {
                    var moved = books.Values.Sum(b => b.Settled) - settledBefore;
                    var checkRan = before.CheckPending && !a.CheckPending;
                    Require.That(checkRan ? Math.Abs(a.KLedger - a.Capital) <= scale : Math.Abs(a.KLedger - before.KLedger - moved) <= scale, () =>
                        $"{step.Where}: K-ledger {before.KLedger:R} → {a.KLedger:R}, trades settled {moved:R} (deferred check ran: {checkRan})");
                }
                Require.That(Math.Abs(a.FeesPaid - fees) <= scale, () => $"{step.Where}: fees paid {a.FeesPaid:R} ≠ Σ trade fees {fees:R}");
            }
        }, output);

    /// <summary>A balance report the kernel must take as an anchor: usable balance, id not applied before.</summary>
    public static bool Accepted(TraceStep step) =>
        step.Event is BalanceReport b && Pnl.Usable(b.WalletBalance) && !step.Before.Dedup.Seen.Contains(b.Id);
}
