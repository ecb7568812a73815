using Pink.Core;

namespace Pink.Tests.Kernel;

/// <summary>Rules 1–5: leverage-free realized and unrealized PnL, VWAP basis, true prices only.</summary>
public class PnlTests
{
    private const string Fet = "FET-USDT";

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Rule1_realized_is_zero_when_any_input_is_not_positive(int bad)
    {
        Assert.Equal(0, Pnl.Realized(PositionSide.Long, bad, 2, 1));
        Assert.Equal(0, Pnl.Realized(PositionSide.Long, 1, bad, 1));
        Assert.Equal(0, Pnl.Realized(PositionSide.Long, 1, 2, bad));
    }

    [Fact]
    public void Rule1_realized_is_side_signed_qty_times_price_difference()
    {
        Assert.Equal(10 * (2.5m - 2.0m), Pnl.Realized(PositionSide.Long, 10, 2.5m, 2.0m), 12);
        Assert.Equal(-10 * (2.5m - 2.0m), Pnl.Realized(PositionSide.Short, 10, 2.5m, 2.0m), 12);
    }

    [Fact]
    public void Rule2_a_mark_never_becomes_the_entry_basis_and_no_basis_shows_zero_unrealized_flagged()
    {
        var d = new Driver();
        d.Open(0, Fet, PositionSide.Long, 100, "e1").Ack("e1", 11).Fill(11, Fet, OrderSide.Buy, 100, 0.0m).Mark(Fet, 0.3m);
        var t = d.Trade("t-e1");
        Assert.Equal(0, t.EntryBasis);
        var view = Queries.Snapshot(d.State).Slots[0];
        Assert.Equal(0, view.UnrealizedPnl);
        Assert.Equal(0.3m, view.MarkPrice);
        Assert.Contains("entry_basis_missing", Names.Of(view.Flags));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Rule2_unrealized_from_a_mark_is_leverage_free(int leverage)
    {
        var d = new Driver();
        d.Open(0, Fet, PositionSide.Short, 1000, "e1", leverage).Ack("e1", 11).Fill(11, Fet, OrderSide.Sell, 1000, 0.2m).Mark(Fet, 0.19m);
        Assert.Equal(10.0m, Queries.Snapshot(d.State).Slots[0].UnrealizedPnl, 9);
    }

    [Fact]
    public void Rule3_basis_is_the_vwap_of_priced_entry_fills_only()
    {
        var d = new Driver();
        d.Open(0, Fet, PositionSide.Long, 300, "e1").Ack("e1", 11)
            .Fill(11, Fet, OrderSide.Buy, 100, 1.0m).Fill(11, Fet, OrderSide.Buy, 100, 0.0m).Fill(11, Fet, OrderSide.Buy, 100, 1.3m);
        var t = d.Trade("t-e1");
        Assert.Equal(300, t.OpenQty);
        Assert.Equal((100 * 1.0m + 100 * 1.3m) / 200, t.EntryBasis, 12);
        Assert.Equal(SlotPhase.Open, d.Slot(0).Phase);
    }

    [Fact]
    public void Rule5_a_price_less_exit_leg_reduces_the_position_books_zero_and_is_flagged()
    {
        var d = new Driver();
        d.Open(0, Fet, PositionSide.Short, 100, "e1").Ack("e1", 11).Fill(11, Fet, OrderSide.Sell, 100, 0.1878m);
        d.Close(0, "x1").Ack("x1", 12).Fill(12, Fet, OrderSide.Buy, 40, 0.0m);
        var t = d.Trade("t-e1");
        Assert.Equal(60, t.OpenQty);
        Assert.Equal(0, t.RealizedPnl);
        Assert.True(t.Legs[0].SkippedNoPrice);
        Assert.True(t.Flags.HasFlag(TradeFlags.RealizedSkippedNoPrice));
        var leg = Assert.Single(d.Rows<TradeExitLegRow>());
        Assert.Equal("realized_skipped_no_price", leg.Flags);
        Assert.Equal(0, leg.Price);
    }

    [Fact]
    public void Reversal_a_fill_through_zero_realizes_only_the_open_quantity_and_opens_the_rest()
    {
        var d = new Driver();
        d.Open(0, Fet, PositionSide.Long, 100, "e1").Ack("e1", 11).Fill(11, Fet, OrderSide.Buy, 100, 1.0m);
        d.Close(0, "x1").Ack("x1", 12).Fill(12, Fet, OrderSide.Sell, 150, 1.1m);
        var closed = d.Trade("t-e1");
        Assert.True(closed.Closed);
        Assert.Equal(100 * 0.1m, closed.RealizedPnl, 9);
        var opened = d.Trade("t-e1-rev");
        Assert.Equal(PositionSide.Short, opened.Side);
        Assert.Equal(50, opened.OpenQty);
        Assert.Equal(1.1m, opened.EntryBasis);
        Assert.True(opened.Flags.HasFlag(TradeFlags.Reversal));
        Assert.Equal(SlotPhase.Open, d.Slot(0).Phase);
        Assert.Equal("t-e1-rev", d.Slot(0).TradeId);
        Assert.Single(d.Diagnostics(DiagnosticKinds.ReversalSplit));
    }

    [Fact]
    public void Leverage_conviction_maps_round_half_even_onto_1_to_cap()
    {
        Assert.Equal(1, Leverage.ToExchange(0.5m, 3));
        Assert.Equal(3, Leverage.ToExchange(9.0m, 3));
        Assert.Equal(2, Leverage.ToExchange(4.75m, 3)); // exactly 2.0
        Assert.Equal(2, Leverage.ToExchange(2.625m, 3)); // 1.5 → 2 (half to even)
        Assert.Equal(2, Leverage.ToExchange(6.875m, 3)); // 2.5 → 2 (half to even)
        Assert.Equal(1, Leverage.ToExchange(0.1m, 3)); // below range clamps
        Assert.Equal(3, Leverage.ToExchange(50, 3));
        Assert.Equal(2.0m, Leverage.Conviction(1000, 0.2m, 100), 12);
        Assert.Equal(0, Leverage.Conviction(1000, 0.2m, 0));
        Assert.Equal(Pnl.Max, Leverage.Conviction(1_000_000_000_000m, 1_000_000_000_000m, 0.000000000001m)); // saturated, never an overflow
    }
}

/// <summary>Rule 17 on the legs: one row per leg, even when the exchange repairs it in the same fill.</summary>
public class ExitLegRowTests
{
    [Fact]
    public void Rule17_a_price_less_leg_repaired_by_the_rp_of_the_same_fill_writes_one_row_with_the_final_figures()
    {
        var d = new Driver();
        d.Open(0, "FET-USDT", PositionSide.Short, 100, "e1").Ack("e1", 11).Fill(11, "FET-USDT", OrderSide.Sell, 100, 0.2m);
        d.Close(0, "x1").Ack("x1", 12).Fill(12, "FET-USDT", OrderSide.Buy, 100, 0.0m, rp: 1.5m, fee: 0.01m);
        var leg = Assert.Single(d.Last.OfType<PersistRow>().Select(r => r.Row).OfType<TradeExitLegRow>());
        Assert.Equal((1.5m, "exchange", ""), (leg.RealizedPnl, leg.PnlSource, leg.Flags));
        Assert.Equal(1.5m, d.Trade("t-e1").RealizedPnl, 12);
    }
}
