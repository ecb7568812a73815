using Pink.Core;
using Pink.Properties.Scenarios;
using Pink.Properties.Support;
using Xunit.Abstractions;

namespace Pink.Properties.Invariants;

/// <summary>
/// Rule 16: exits are never skipped. A close intent on a slot that holds quantity (and is not already closing) yields
/// exactly one exit order — reduce-only, on the closing side, for the whole open quantity — whatever the ledger says
/// (a divergence refuses entries, never exits); and after every event, a slot asked to close that still holds
/// quantity has an exit order working.
/// </summary>
public class CloseYieldsOneExit(ITestOutputHelper output)
{
    [Fact]
    public void Every_close_intent_on_an_open_slot_yields_exactly_one_exit_order() =>
        Cases.Check(ScenarioGen.Arbitrary(), scenario =>
        {
            var trace = Replay.Run(Simulation.Run(scenario));
            foreach (var step in trace.Steps)
            {
                if (step.Event is CloseIntent close) Close(step, close);
                foreach (var slot in step.After.Slots)
                    if (slot.CloseRequested && States.TradeOf(step.After, slot.TradeId) is { OpenQty: > KernelConfig.QtyEpsilon } t)
                        Require.That(slot.ExitOrder is not null && States.OrderOf(step.After, slot.ExitOrder)?.Status == OrderStatus.Working, () =>
                            $"{step.Where}: slot {slot.Index} was asked to close and holds {t.OpenQty} but has no exit order working");
            }
        }, output);

    private static void Close(TraceStep step, CloseIntent close)
    {
        if (close.Slot < 0 || close.Slot >= step.Before.Slots.Count) return;
        var slot = step.Before.Slots[close.Slot];
        if (States.TradeOf(step.Before, slot.TradeId) is not { OpenQty: > KernelConfig.QtyEpsilon } trade) return;
        if (slot.CloseRequested || slot.ExitOrder is not null || string.IsNullOrWhiteSpace(close.ClientOrderId)) return;
        if (States.OrderOf(step.Before, close.ClientOrderId) is not null || slot.CloseClientOrderId == close.ClientOrderId) return;
        var exits = step.Effects.OfType<PlaceOrder>().Where(p => p.Purpose == OrderPurpose.Exit).ToList();
        Require.That(exits.Count == 1, () => $"{step.Where}: a close intent on slot {close.Slot} holding {trade.OpenQty} placed {exits.Count} exit orders");
        var exit = exits[0];
        Require.That(exit.Slot == close.Slot && exit.TradeId == trade.TradeId && exit.ReduceOnly && exit.Side == Names.Closing(trade.Side) && exit.Qty == trade.OpenQty,
            () => $"{step.Where}: the exit order {exit} does not close {trade.OpenQty} {Names.Of(trade.Side)} of {trade.TradeId}");
    }
}
