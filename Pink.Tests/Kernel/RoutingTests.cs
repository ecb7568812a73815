using Pink.Core;

namespace Pink.Tests.Kernel;

/// <summary>Rules 6 and 7 and the seed's §6.3 cases.</summary>
public class RoutingTests
{
    private const string Fet = "FET-USDT";

    [Fact]
    public void Rule7_an_unresolved_event_mutates_nothing_and_warns()
    {
        var d = new Driver();
        d.Open(0, Fet, PositionSide.Short, 100, "e1").Ack("e1", 11).Fill(11, Fet, OrderSide.Sell, 100, 1.0m);
        var before = d.State;
        d.Fill(999, "BTC-USDT", OrderSide.Buy, 1, 50_000);
        Assert.Same(before, d.State);
        var diag = Assert.Single(d.Last.OfType<Diagnostic>());
        Assert.Equal(DiagnosticKinds.UnresolvedSlot, diag.Kind);
        Assert.Equal(Severity.Warning, diag.Severity);
        Assert.DoesNotContain(d.Last, e => e is PublishSnapshot);
    }

    [Fact]
    public void Rule6_an_entry_id_fill_during_exit_working_routes_to_the_entry()
    {
        var d = new Driver();
        d.Open(0, Fet, PositionSide.Short, 200, "e1").Ack("e1", 11).Fill(11, Fet, OrderSide.Sell, 100, 1.0m);
        d.Close(0, "x1").Ack("x1", 12);
        Assert.Equal(SlotPhase.ExitWorking, d.Slot(0).Phase);
        d.Fill(11, Fet, OrderSide.Sell, 50, 1.2m);
        var t = d.Trade("t-e1");
        Assert.Equal(150, t.OpenQty);
        Assert.Equal(150, t.EntryQty);
        Assert.Equal((100 * 1.0m + 50 * 1.2m) / 150, t.EntryBasis, 12);
        Assert.Equal(0, t.RealizedPnl);
        Assert.Empty(t.Legs);
    }

    [Fact]
    public void Rule6_unknown_venue_id_matching_exactly_one_working_slot_is_state_routed_counted_and_reported()
    {
        var d = new Driver();
        d.Open(0, Fet, PositionSide.Short, 100, "e1"); // acknowledgement lost
        d.Open(1, "BTC-USDT", PositionSide.Long, 1, "e2").Ack("e2", 22);
        d.Fill(777, "FETUSDT", OrderSide.Sell, 100, 1.0m);
        var diag = Assert.Single(d.Last.OfType<Diagnostic>());
        Assert.Equal(DiagnosticKinds.FillRoutedByState, diag.Kind);
        Assert.Equal(Severity.Info, diag.Severity);
        Assert.Equal(1, d.State.FillsRoutedByState);
        Assert.Equal(100, d.Trade("t-e1").OpenQty);
        Assert.Single(d.Last.OfType<PersistRow>(), r => r.Row is AnomalyEventRow { Kind: DiagnosticKinds.FillRoutedByState });
        // the id was learned: the next fill of that order is routed by identity
        d.Close(0, "x1").Ack("x1", 12).Fill(12, Fet, OrderSide.Buy, 100, 0.9m);
        Assert.Equal(1, d.State.FillsRoutedByState);
    }

    [Fact]
    public void Rule7_unknown_venue_id_matching_two_working_slots_is_unresolved()
    {
        var d = new Driver();
        d.Open(0, Fet, PositionSide.Short, 100, "e1").Open(1, Fet, PositionSide.Short, 50, "e2");
        var before = d.State;
        d.Fill(777, Fet, OrderSide.Sell, 10, 1.0m);
        Assert.Same(before, d.State);
        Assert.Equal(DiagnosticKinds.UnresolvedSlot, Assert.Single(d.Last.OfType<Diagnostic>()).Kind);
    }

    [Fact]
    public void Rule7_unknown_venue_id_matching_no_working_slot_is_unresolved()
    {
        var d = new Driver();
        d.Open(0, Fet, PositionSide.Short, 100, "e1");
        var before = d.State;
        d.Fill(777, Fet, OrderSide.Buy, 10, 1.0m); // wrong side
        Assert.Same(before, d.State);
        Assert.Equal(DiagnosticKinds.UnresolvedSlot, Assert.Single(d.Last.OfType<Diagnostic>()).Kind);
    }

    [Fact]
    public void Rule6_an_acknowledged_order_is_never_the_target_of_another_venue_id()
    {
        // On a shared account a fill with a foreign order id must not be pulled into our slot.
        var d = new Driver();
        d.Open(0, Fet, PositionSide.Short, 100, "e1").Ack("e1", 11);
        var before = d.State;
        d.Fill(999, Fet, OrderSide.Sell, 10, 1.0m);
        Assert.Same(before, d.State);
    }

    [Fact]
    public void Rule19_FET_USDT_and_FETUSDT_name_the_same_instrument()
    {
        Assert.True(Symbols.Same("FET-USDT", "FETUSDT"));
        Assert.True(Symbols.Same("fet-usdt", "FETUSDT"));
        Assert.False(Symbols.Same("FET-USDT", "FET-USDC"));
        var d = GoldenReplayTests.FetShort(3, 0.1866m, symbolOnExit: "FETUSDT");
        Assert.Equal(242.7312m, d.Trade("T1").RealizedPnl, 6);
        d.Open(0, "FET-USDT", PositionSide.Long, 10, "e9").Ack("e9", 91).Fill(91, "FETUSDT", OrderSide.Buy, 10, 0.2m).Mark("FETUSDT", 0.25m);
        Assert.Equal(0.5m, Queries.Snapshot(d.State).Slots[0].UnrealizedPnl, 9);
    }
}
