using Pink.Core;

namespace Pink.Tests.Kernel;

/// <summary>Exchange truth 2: positions the exchange changes by itself (ExternalCloses, Adoption).</summary>
public class ExternalCloseTests
{
    private const string Fet = "FET-USDT";

    private static Driver Short(AccountMode mode = AccountMode.Dedicated)
    {
        var d = new Driver(new KernelConfig(SeedCapital: 10_000, AccountMode: mode));
        d.Balance(10_000, "b0", BalanceReason.Poll);
        return d.Open(0, Fet, PositionSide.Short, 1_000, "e1", 3, "T1").Ack("e1", 1001)
            .Fill(1001, Fet, OrderSide.Sell, 1_000, 0.2m, rp: 0, fee: 0.1m, id: "fill:1001:1000");
    }

    private static Fill Liquidation(Driver d, decimal qty = 1_000, PositionSide? side = PositionSide.Short, long? at = null) =>
        new(777, null, Fet, OrderSide.Buy, qty, 0.25m, at ?? d.Tick(), $"fill:777:{qty}", qty, 0.25m, new ExchangeSettlement(-50 * qty / 1_000, 0.125m * qty / 1_000), side);

    [Fact]
    public void A_liquidation_fill_closes_the_trade_as_an_external_exit()
    {
        var d = Short();
        d.Apply(Liquidation(d));
        var t = d.Trade("T1");
        Assert.True(t.Closed);
        Assert.Equal(-50, t.RealizedPnl, 9);
        Assert.Equal(0.225m, t.Fees, 9);
        Assert.True(t.Flags.HasFlag(TradeFlags.ExternalClose));
        Assert.Equal(PnlSource.Exchange, t.PnlSource);
        Assert.Single(d.Diagnostics(DiagnosticKinds.ExternalClose));
        Assert.Empty(d.Diagnostics(DiagnosticKinds.UnresolvedSlot));
        Assert.Equal(SlotPhase.Idle, d.Slot(0).Phase);
        var feedback = Assert.Single(d.Effects.OfType<SizerFeedback>());
        Assert.Equal(-50.225m, feedback.Pnl, 9);
        Assert.Equal(10_000 - 0.1m - 50.125m, d.State.Account.Capital, 9);
        // the slot takes a new trade at once
        d.Open(0, Fet, PositionSide.Long, 10, "e2", 1, "T2");
        Assert.Single(d.Last.OfType<PlaceOrder>());
    }

    [Fact]
    public void A_partial_external_close_leaves_the_rest_open_and_a_later_fill_of_it_continues()
    {
        var d = Short();
        d.Apply(Liquidation(d, 400));
        Assert.Equal(600, d.Trade("T1").OpenQty, 9);
        Assert.False(d.Trade("T1").Closed);
        d.Apply(new Fill(777, null, Fet, OrderSide.Buy, 600, 0.25m, d.Tick(), "fill:777:1000", 1_000, 0.25m, new ExchangeSettlement(-30, 0.075m), PositionSide.Short));
        Assert.True(d.Trade("T1").Closed);
        Assert.Equal(-50, d.Trade("T1").RealizedPnl, 9);
    }

    [Fact]
    public void A_one_way_flip_by_an_external_order_closes_only_our_quantity_and_the_rest_is_adopted()
    {
        var d = new Driver();
        d.Balance(10_000, "b0", BalanceReason.Poll);
        d.Open(0, Fet, PositionSide.Long, 100, "e1", 1, "T1").Ack("e1", 1001).Fill(1001, Fet, OrderSide.Buy, 100, 0.2m, id: "f1");
        d.Apply(new Fill(888, null, Fet, OrderSide.Sell, 150, 0.21m, d.Tick(), "fill:888:150")); // one-way: no ps
        Assert.True(d.Trade("T1").Closed);
        Assert.Equal(100, d.Trade("T1").ExitQty, 9);
        Assert.Equal(2, d.Diagnostics(DiagnosticKinds.ExternalClose).Count());
        d.Apply(new PositionsReport("pos-1", [new ExchangePosition(Fet, PositionSide.Short, 50, 0.21m, 1, OneWay: true)], d.Tick()));
        Assert.Single(d.Diagnostics(DiagnosticKinds.PositionAdopted));
        Assert.Single(d.State.Slots.Where(s => s.Phase == SlotPhase.Open)); // never long and short at once
    }

    [Fact]
    public void On_a_shared_account_a_fill_we_never_placed_is_someone_elses()
    {
        var d = Short(AccountMode.Shared);
        d.Apply(Liquidation(d));
        Assert.Single(d.Diagnostics(DiagnosticKinds.UnresolvedSlot));
        Assert.Equal(1_000, d.Trade("T1").OpenQty, 9);
    }

    [Fact]
    public void An_opening_fill_we_never_placed_is_not_booked_to_our_trade()
    {
        var d = Short();
        d.Apply(new Fill(999, null, Fet, OrderSide.Sell, 10, 0.2m, d.Tick(), "fill:999:10", PositionSide: PositionSide.Short));
        Assert.Single(d.Diagnostics(DiagnosticKinds.UnresolvedSlot));
        Assert.Equal(1_000, d.Trade("T1").OpenQty, 9);
    }

    [Theory]
    [InlineData(AccountMode.Dedicated)]
    [InlineData(AccountMode.Shared)]
    public void A_positions_report_holding_less_with_no_order_working_books_an_inferred_exit(AccountMode mode)
    {
        var d = Short(mode);
        var report = new PositionsReport("pos-1", [], d.Tick()); // a stop fired with no stream event (BingX doc issue #36)
        d.Apply(report);
        var t = d.Trade("T1");
        Assert.True(t.Closed);
        Assert.Equal(0, t.RealizedPnl);
        Assert.True(t.Flags.HasFlag(TradeFlags.RealizedSkippedNoPrice));
        Assert.True(t.Flags.HasFlag(TradeFlags.ExternalClose));
        Assert.Equal("inferred-T1-0", t.Legs[0].ClientOrderId);
        Assert.Equal(SlotPhase.Idle, d.Slot(0).Phase);
        Assert.Empty(d.Diagnostics(DiagnosticKinds.PositionMismatch));
        // the same report again changes nothing
        var before = d.State;
        d.Apply(report);
        Assert.Same(before, d.State);
    }

    [Fact]
    public void A_late_fill_of_the_order_behind_an_inferred_exit_repairs_it_instead_of_reducing_twice()
    {
        var d = Short();
        var filledAt = d.Tick(); // the stop filled at the venue then; its order update comes after the positions report
        d.Apply(new PositionsReport("pos-1", [], d.Tick()));
        d.Apply(Liquidation(d, at: filledAt));
        var t = d.Trade("T1");
        Assert.Equal(-50, t.RealizedPnl, 9);
        Assert.Equal(PnlSource.Exchange, t.PnlSource);
        Assert.False(t.Flags.HasFlag(TradeFlags.RealizedSkippedNoPrice));
        Assert.Equal(1_000, t.ExitQty, 9);
        var corrected = d.Effects.OfType<SizerFeedback>().Last();
        Assert.Equal((1, -50.225m), (corrected.Revision, Math.Round(corrected.Pnl, 9)));
        Assert.Empty(d.Diagnostics(DiagnosticKinds.UnresolvedSlot));
    }

    [Fact]
    public void A_later_external_fill_reduces_the_position_held_now_not_an_earlier_inferred_exit()
    {
        // Found by the soak: an ADL of a later trade was taken for the order behind an earlier trade's inferred exit.
        var d = Short();
        d.Apply(new PositionsReport("pos-1", [], d.Tick()));          // T1 closed by an inferred exit
        d.Open(0, Fet, PositionSide.Short, 500, "e2", 3, "T2").Ack("e2", 2001).Fill(2001, Fet, OrderSide.Sell, 500, 0.2m, rp: 0, fee: 0.05m, id: "g1");
        d.Apply(new Fill(888, null, Fet, OrderSide.Buy, 200, 0.19m, d.Tick(), "fill:888:200", 200, 0.19m, new ExchangeSettlement(2, 0.02m), PositionSide.Short));
        Assert.Equal(300, d.Trade("T2").OpenQty, 9);
        Assert.Equal(0, d.Trade("T1").RealizedPnl);                   // still unknown, not someone else's figures
        Assert.Single(d.State.Account.UnknownLegs);
    }

    [Fact]
    public void A_positions_report_while_our_exit_is_working_is_a_mismatch_not_an_inferred_exit()
    {
        var d = Short().Close(0, "x1");
        d.Apply(new PositionsReport("pos-1", [], d.Tick()));
        Assert.Single(d.Diagnostics(DiagnosticKinds.PositionMismatch));
        Assert.False(d.Trade("T1").Closed);
    }
}
