using Pink.Core;
using Pink.Properties.Scenarios;
using Pink.Properties.Support;
using Xunit.Abstractions;

namespace Pink.Properties.Invariants;

/// <summary>
/// Rules 1, 5 and 13: every exit leg realizes sign × qty × (exit − basis) against the basis the trade had when the
/// leg filled — leverage-free, 0 without a usable basis — and never more than the open quantity; a price-less leg
/// still reduces the position, books 0 and is flagged realized_skipped_no_price until the exchange's `rp` repairs it;
/// and a trade's realized PnL is the sum of its legs, so realized = sign × Σ qty × (exit − basis) over priced legs
/// plus the exchange's figures for repaired ones.
/// </summary>
public class Realized(ITestOutputHelper output)
{
    [Fact]
    public void Realized_is_sign_times_qty_times_exit_minus_basis_over_priced_legs_and_price_less_legs_book_zero_flagged() =>
        Cases.Check(ScenarioGen.Arbitrary(), scenario =>
        {
            var trace = Replay.Run(Simulation.Run(scenario));
            foreach (var step in trace.Steps)
                foreach (var after in States.TradesAfter(step))
                {
                    var before = States.TradeOf(step.Before, after.TradeId);
                    var known = before?.Legs.Count ?? 0;
                    var closed = 0.0m;
                    for (var i = known; i < after.Legs.Count; i++)
                    {
                        Require.That(before is not null, () => $"{step.Where}: {after.TradeId} was born with exit legs");
                        Leg(step, before!, after, after.Legs[i]);
                        closed += after.Legs[i].Qty;
                    }
                    if (closed > 0 && step.Event is Fill fill)
                        Require.Close(before!.OpenQty - closed, after.OpenQty,
                            () => $"{step.Where}: open quantity of {after.TradeId} after exit legs of {closed} (fill {fill.Qty}, price {fill.Price})");
                    var sum = after.Legs.Sum(l => l.Realized);
                    Require.Close(sum, after.RealizedPnl, () => $"{step.Where}: realized PnL of {after.TradeId} vs the sum of its {after.Legs.Count} legs", 0.000000001m);
                    var skipped = after.Legs.Exists(l => l.SkippedNoPrice && !l.Repaired);
                    Require.That(skipped == after.Flags.HasFlag(TradeFlags.RealizedSkippedNoPrice), () =>
                        $"{step.Where}: {after.TradeId} has an unrepaired price-less leg: {skipped}, flagged realized_skipped_no_price: {after.Flags.HasFlag(TradeFlags.RealizedSkippedNoPrice)}");
                }
        }, output);

    private static void Leg(TraceStep step, Trade before, Trade after, ExitLeg leg)
    {
        Require.That(leg.Qty <= before.OpenQty + KernelConfig.QtyEpsilon, () => $"{step.Where}: leg {leg.Index} of {after.TradeId} closes {leg.Qty} but only {before.OpenQty} was open");
        if (step.Event is Fill fill)
            Require.That(leg.Price == (Pnl.Usable(fill.Price) ? fill.Price : 0.0m), () => $"{step.Where}: leg {leg.Index} price {leg.Price} is not the fill's true price {fill.Price}");
        if (leg.Repaired) return; // the exchange's `rp` stands in for the estimate; it is checked through the sum
        if (!Pnl.Usable(leg.Price))
        {
            Require.That(leg.SkippedNoPrice && leg.Realized == 0, () => $"{step.Where}: price-less leg {leg.Index} of {after.TradeId} booked {leg.Realized} (skipped flag {leg.SkippedNoPrice})");
            return;
        }
        var expected = Pnl.Usable(before.EntryBasis) ? Names.Sign(before.Side) * leg.Qty * (leg.Price - before.EntryBasis) : 0.0m;
        Require.Close(expected, leg.Realized, () =>
            $"{step.Where}: leg {leg.Index} of {after.TradeId} ({Names.Of(before.Side)} {leg.Qty} @ {leg.Price:R}, basis {before.EntryBasis:R})");
    }
}
