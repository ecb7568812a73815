using Pink.Core;
using Pink.Properties.Scenarios;
using Pink.Properties.Support;
using Xunit.Abstractions;

namespace Pink.Properties.Invariants;

/// <summary>
/// Rules 3, 2 and 6: the entry basis is the VWAP of the priced entry fills — basis = Σp·q / Σq, inside [min p, max p] —
/// with incremental quantities; a price-less entry fill adds quantity but not basis (the trade is flagged
/// entry_basis_missing and shows 0 unrealized while it holds quantity without one); a fill reaches the trade of the
/// order the venue filled; and a mark never becomes the basis.
/// </summary>
public class Vwap(ITestOutputHelper output)
{
    [Fact]
    public void Vwap_the_entry_basis_is_the_volume_weighted_average_of_priced_entry_fills() =>
        Cases.Check(ScenarioGen.Arbitrary(), scenario =>
        {
            var trace = Replay.Run(Simulation.Run(scenario));
            var fills = new Dictionary<string, List<(decimal Price, decimal Qty)>>();
            foreach (var step in trace.Steps)
            {
                if (step.Item is EventItem { Origin: Origin.Venue, Event: Fill fill, Order: string coid } &&
                    States.OrderOf(step.Before, coid) is { Purpose: OrderPurpose.Entry } order)
                    Entry(step, fill, order, fills);
                if (step.Event is MarkPrice)
                    foreach (var t in States.TradesAfter(step))
                        Require.That(States.TradeOf(step.Before, t.TradeId)?.EntryBasis == t.EntryBasis, () => $"{step.Where}: a mark moved the basis of {t.TradeId}");
                foreach (var (id, priced) in fills)
                    if (States.TradeAfter(step, id) is Trade t) Basis(step, t, priced);
            }
        }, output);

    private static void Entry(TraceStep step, Fill fill, Order order, Dictionary<string, List<(decimal, decimal)>> fills)
    {
        var before = States.TradeOf(step.Before, order.TradeId);
        var after = States.TradeAfter(step, order.TradeId);
        Require.That(before is not null && after is not null, () => $"{step.Where}: entry fill for order {order.ClientOrderId} but trade {order.TradeId} is gone");
        Require.Close(before!.EntryQty + fill.Qty, after!.EntryQty, () => $"{step.Where}: entry quantity of {order.TradeId} after an incremental fill of {fill.Qty}");
        if (!fills.TryGetValue(order.TradeId, out var list)) fills[order.TradeId] = list = new();
        if (Pnl.Usable(fill.Price)) list.Add((fill.Price, fill.Qty));
    }

    private static void Basis(TraceStep step, Trade t, List<(decimal Price, decimal Qty)> priced)
    {
        var qty = priced.Sum(f => f.Qty);
        if (qty <= 0)
        {
            Require.That(t.EntryBasis == 0, () => $"{step.Where}: {t.TradeId} has basis {t.EntryBasis} without a priced entry fill");
            if (t.OpenQty > KernelConfig.QtyEpsilon)
                Require.That(Queries.FlagsOf(t).HasFlag(TradeFlags.EntryBasisMissing), () => $"{step.Where}: {t.TradeId} holds {t.OpenQty} without a basis but is not flagged entry_basis_missing");
            foreach (var slot in step.After.Slots.Where(x => x.TradeId == t.TradeId))
                Require.That(Queries.View(step.After, slot).UnrealizedPnl == 0, () => $"{step.Where}: {t.TradeId} shows unrealized PnL without a basis");
            return;
        }
        var vwap = priced.Sum(f => f.Price * f.Qty) / qty;
        Require.Close(vwap, t.EntryBasis, () => $"{step.Where}: basis of {t.TradeId} over {priced.Count} priced entry fill(s)");
        Require.Close(qty, t.PricedEntryQty, () => $"{step.Where}: priced entry quantity of {t.TradeId}");
        var (min, max) = (priced.Min(f => f.Price), priced.Max(f => f.Price));
        Require.That(t.EntryBasis >= min * (1 - 0.000000000001m) && t.EntryBasis <= max * (1 + 0.000000000001m), () =>
            $"{step.Where}: basis {t.EntryBasis:R} of {t.TradeId} outside [{min:R}, {max:R}]");
    }
}
