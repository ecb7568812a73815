using Pink.Core;
using Pink.Tests.Kernel;

namespace Pink.Tests.Regressions;

/// <summary>
/// Found by the property "no double settlement" (Pink.Properties): a fill through zero while the slot still waits for
/// its entry remainder's cancellation opens the reversal as a trade no slot hosts (reported at the time). A reconcile
/// compared the exchange only with slot-hosted trades, so a restart reported the reversal's position as unknown
/// ("no idle slot to adopt it"), and once the slot was free it adopted it — the same exposure booked twice.
/// </summary>
public class ReconcileCountsUnhostedTradesTests
{
    private const string Fet = "FET-USDT";

    private static Driver ReversalHeldByNoSlot()
    {
        var d = new Driver();
        d.Open(0, Fet, PositionSide.Short, 1500, "e1").Ack("e1", 11).Fill(11, Fet, OrderSide.Sell, 800, 1.0m);
        d.Close(0, "x1").Ack("x1", 12).Fill(12, Fet, OrderSide.Buy, 700, 1.0m);
        d.Fill(12, Fet, OrderSide.Buy, 200, 1.0m); // through zero: closes 100, opens 100 long; e1's remainder is still working
        return d;
    }

    private static PositionsReport ExchangeHoldsLong100(string id, long time) =>
        new(id, [new ExchangePosition("FETUSDT", PositionSide.Long, 100, 1.0m, 3)], time);

    [Fact]
    public void Rule8_a_reconcile_counts_a_trade_that_holds_quantity_though_no_slot_hosts_it()
    {
        var d = ReversalHeldByNoSlot();
        Assert.Equal(100, d.Trade("t-e1-rev").OpenQty);
        d.Apply(ExchangeHoldsLong100("pos-1", d.Tick()));
        Assert.Empty(d.Last);
    }

    [Fact]
    public void Rule8_a_position_the_books_already_hold_is_never_adopted_a_second_time()
    {
        var d = ReversalHeldByNoSlot();
        d.Apply(new OrderCancelled("e1", 11, "CANCELED", d.Tick())); // the slot is free now
        Assert.Equal(SlotPhase.Idle, d.Slot(0).Phase);
        var trades = d.State.Trades.Count;
        d.Apply(ExchangeHoldsLong100("pos-2", d.Tick()));
        Assert.Equal(trades, d.State.Trades.Count);
        Assert.Empty(d.Diagnostics(DiagnosticKinds.PositionAdopted));
    }
}
