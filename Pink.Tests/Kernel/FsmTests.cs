using Pink.Core;

namespace Pink.Tests.Kernel;

/// <summary>The slot FSM and rule 16: exits are never skipped.</summary>
public class FsmTests
{
    private const string Fet = "FET-USDT";

    [Fact]
    public void Fsm_idle_entry_working_open_exit_working_idle_with_partial_fills()
    {
        var d = new Driver();
        Assert.Equal(SlotPhase.Idle, d.Slot(0).Phase);
        d.Open(0, Fet, PositionSide.Long, 100, "e1");
        Assert.Equal(SlotPhase.EntryWorking, d.Slot(0).Phase);
        var place = Assert.Single(d.Last.OfType<PlaceOrder>());
        Assert.Equal((OrderSide.Buy, OrderPurpose.Entry, 100.0m, "e1"), (place.Side, place.Purpose, place.Qty, place.ClientOrderId));
        d.Ack("e1", 11).Fill(11, Fet, OrderSide.Buy, 40, 1.0m);
        Assert.Equal(SlotPhase.EntryWorking, d.Slot(0).Phase);
        d.Fill(11, Fet, OrderSide.Buy, 60, 1.0m);
        Assert.Equal(SlotPhase.Open, d.Slot(0).Phase);
        d.Close(0, "x1");
        Assert.Equal(SlotPhase.ExitWorking, d.Slot(0).Phase);
        var exit = Assert.Single(d.Last.OfType<PlaceOrder>());
        Assert.Equal((OrderSide.Sell, OrderPurpose.Exit, 100.0m, true), (exit.Side, exit.Purpose, exit.Qty, exit.ReduceOnly));
        d.Ack("x1", 12).Fill(12, Fet, OrderSide.Sell, 30, 1.1m);
        Assert.Equal(SlotPhase.ExitWorking, d.Slot(0).Phase);
        d.Fill(12, Fet, OrderSide.Sell, 70, 1.2m);
        Assert.Equal(SlotPhase.Idle, d.Slot(0).Phase);
        Assert.Null(d.Slot(0).TradeId);
        Assert.Equal(30 * 0.1m + 70 * 0.2m, d.Trade("t-e1").RealizedPnl, 9);
    }

    [Fact]
    public void Fsm_a_rejected_entry_with_nothing_filled_returns_the_slot_to_idle()
    {
        var d = new Driver();
        d.Open(0, Fet, PositionSide.Long, 100, "e1").Apply(new OrderRejected("e1", null, "101204 insufficient margin", d.Tick()));
        Assert.Equal(SlotPhase.Idle, d.Slot(0).Phase);
        Assert.Empty(d.State.Trades);
        d.Open(0, Fet, PositionSide.Long, 50, "e2");
        Assert.Equal(SlotPhase.EntryWorking, d.Slot(0).Phase);
    }

    [Fact]
    public void Fsm_a_cancelled_exit_with_nothing_filled_returns_the_slot_to_open_and_the_exit_is_placed_again()
    {
        var d = new Driver();
        d.Open(0, Fet, PositionSide.Long, 100, "e1").Ack("e1", 11).Fill(11, Fet, OrderSide.Buy, 100, 1.0m);
        d.Close(0, "x1").Ack("x1", 12).Apply(new OrderCancelled(null, 12, "EXPIRED", d.Tick()));
        var again = Assert.Single(d.Last.OfType<PlaceOrder>());
        Assert.Equal("x1-r1", again.ClientOrderId);
        Assert.Equal(100, again.Qty);
        Assert.Equal(SlotPhase.ExitWorking, d.Slot(0).Phase);
    }

    [Fact]
    public void Fsm_a_rejected_exit_returns_the_slot_to_open_with_an_error()
    {
        var d = new Driver();
        d.Open(0, Fet, PositionSide.Long, 100, "e1").Ack("e1", 11).Fill(11, Fet, OrderSide.Buy, 100, 1.0m);
        d.Close(0, "x1").Apply(new OrderRejected("x1", null, "101400", d.Tick()));
        Assert.Equal(SlotPhase.Open, d.Slot(0).Phase);
        Assert.Equal(Severity.Error, Assert.Single(d.Diagnostics(DiagnosticKinds.ExitNotWorking)).Severity);
        d.Close(0, "x2");
        Assert.Single(d.Last.OfType<PlaceOrder>());
    }

    [Fact]
    public void Rule16_a_close_intent_on_an_open_slot_always_yields_exactly_one_exit_order_even_when_the_ledger_diverged()
    {
        var d = new Driver();
        d.Balance(10_000, "b1");
        d.Open(0, Fet, PositionSide.Long, 100, "e1").Ack("e1", 11).Fill(11, Fet, OrderSide.Buy, 100, 1.0m);
        d.Balance(9_000, "b2").Balance(9_000, "b2-again"); // divergence (the first disagreeing report is held back): entries refused
        Assert.True(d.State.Account.EntriesBlocked);
        d.Close(0, "x1");
        Assert.Single(d.Last.OfType<PlaceOrder>());
        d.Open(1, Fet, PositionSide.Long, 100, "e2");
        Assert.Empty(d.Last.OfType<PlaceOrder>());
        Assert.Single(d.Diagnostics(DiagnosticKinds.EntryRefused));
    }

    [Fact]
    public void Rule16_close_during_a_partial_entry_cancels_the_rest_and_exits_what_is_held_then_what_arrives_late()
    {
        var d = new Driver();
        d.Open(0, Fet, PositionSide.Long, 100, "e1").Ack("e1", 11).Fill(11, Fet, OrderSide.Buy, 40, 1.0m);
        d.Close(0, "x1");
        Assert.Single(d.Last.OfType<CancelOrder>());
        Assert.Equal(40, Assert.Single(d.Last.OfType<PlaceOrder>()).Qty);
        d.Ack("x1", 12).Fill(11, Fet, OrderSide.Buy, 10, 1.0m); // entry remainder raced the cancel
        d.Apply(new OrderCancelled(null, 11, "CANCELED", d.Tick()));
        d.Fill(12, Fet, OrderSide.Sell, 40, 1.1m);
        var followUp = Assert.Single(d.Last.OfType<PlaceOrder>());
        Assert.Equal(10, followUp.Qty);
        Assert.Equal("x1-r1", followUp.ClientOrderId);
        d.Ack("x1-r1", 13).Fill(13, Fet, OrderSide.Sell, 10, 1.1m);
        Assert.Equal(SlotPhase.Idle, d.Slot(0).Phase);
        Assert.Equal(50 * 0.1m, d.Trade("t-e1").RealizedPnl, 9);
    }

    [Fact]
    public void Intents_open_on_a_busy_slot_or_close_on_an_idle_one_are_rejected_without_orders()
    {
        var d = new Driver();
        d.Close(0, "x0");
        Assert.Equal(DiagnosticKinds.IntentRejected, Assert.Single(d.Last.OfType<Diagnostic>()).Kind);
        d.Open(0, Fet, PositionSide.Long, 100, "e1").Open(0, Fet, PositionSide.Long, 100, "e2");
        Assert.Empty(d.Last.OfType<PlaceOrder>());
        Assert.Equal(DiagnosticKinds.IntentRejected, Assert.Single(d.Last.OfType<Diagnostic>()).Kind);
        d.Open(9, Fet, PositionSide.Long, 100, "e3");
        Assert.Equal(DiagnosticKinds.UnresolvedSlot, Assert.Single(d.Last.OfType<Diagnostic>()).Kind);
    }

    [Fact]
    public void Totality_malformed_events_become_diagnostics_and_change_nothing()
    {
        var d = new Driver();
        var before = d.State;
        KernelEvent?[] bad =
        [
            null,
            new OpenIntent(0, "", PositionSide.Long, -1, 0, "", null, 1),
            new Fill(null, null, "", OrderSide.Buy, 0, -1, 1),
            new Fill(1, null, "X", OrderSide.Buy, -5, 1, 1),
            new MarkPrice("FET-USDT", -1, 1),
            new BalanceReport("b", 0, null, BalanceReason.Order, 1),
            new PositionsReport("p", [null!], 1),
            new InputRejected("test", "garbage", 1),
            new OrderAcknowledged("nobody", 5, 1),
            new FillSettled("s", 42, null, -1, 1),
        ];
        foreach (var e in bad)
        {
            var o = Pink.Core.Kernel.Apply(before, e);
            Assert.NotEmpty(o.Effects.OfType<Diagnostic>());
            Assert.DoesNotContain(o.Effects.OfType<Diagnostic>(), x => x.Kind == DiagnosticKinds.InternalError);
        }
        Assert.Same(before, d.State);
    }
}
