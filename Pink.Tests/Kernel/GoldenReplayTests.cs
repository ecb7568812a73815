using Pink.Core;

namespace Pink.Tests.Kernel;

/// <summary>The seed's §7 golden replays on the FET incident's numbers.</summary>
public class GoldenReplayTests
{
    internal const string Fet = "FET-USDT";
    internal const decimal Qty = 202_276;

    /// <summary>The FET short: entry 195,259 + 7,017 @ 0.1878, exit 26,007 + 176,269 @ exit price.</summary>
    internal static Driver FetShort(int leverage, decimal exitPrice, decimal? rp = null, string symbolOnExit = Fet)
    {
        var d = new Driver();
        d.Open(0, Fet, PositionSide.Short, Qty, "pk-0-1", leverage, "T1").Ack("pk-0-1", 1001);
        d.Fill(1001, Fet, OrderSide.Sell, 195_259, 0.1878m).Fill(1001, Fet, OrderSide.Sell, 7_017, 0.1878m);
        d.Close(0, "pk-0-2").Ack("pk-0-2", 1002);
        d.Fill(1002, symbolOnExit, OrderSide.Buy, 26_007, exitPrice).Fill(1002, symbolOnExit, OrderSide.Buy, 176_269, exitPrice);
        return d;
    }

    [Fact]
    public void Golden1_clean_prices_realize_242_7312_gross()
    {
        var d = FetShort(3, 0.1866m);
        var t = d.Trade("T1");
        Assert.True(t.Closed);
        Assert.Equal(242.7312m, t.RealizedPnl, 6);
        Assert.Equal(0.1878m, t.EntryBasis, 12);
        Assert.Equal(SlotPhase.Idle, d.Slot(0).Phase);
        var feedback = Assert.Single(d.Effects.OfType<SizerFeedback>());
        Assert.Equal(242.7312m, feedback.Pnl, 6);
        Assert.Equal(2, d.Rows<TradeExitLegRow>().Count());
    }

    [Fact]
    public void Golden4_vwap_basis_over_two_entry_fills_at_different_prices()
    {
        var d = new Driver();
        d.Open(0, Fet, PositionSide.Short, Qty, "pk-0-1", 3, "T1").Ack("pk-0-1", 1001);
        d.Fill(1001, Fet, OrderSide.Sell, 195_259, 0.1878m).Fill(1001, Fet, OrderSide.Sell, 7_017, 0.1890m);
        var expected = (195_259 * 0.1878m + 7_017 * 0.1890m) / Qty;
        Assert.Equal(expected, d.Trade("T1").EntryBasis, 12);
        Assert.Equal(SlotPhase.Open, d.Slot(0).Phase);
    }

    [Theory]
    [InlineData("0.1866")]
    [InlineData("0.2290")]
    [InlineData("0.1500")]
    public void Golden5_dual_leverage_same_fills_at_leverage_1_and_3_give_identical_pnl(string exit)
    {
        var exitPrice = decimal.Parse(exit, System.Globalization.CultureInfo.InvariantCulture);
        var one = FetShort(1, exitPrice);
        var three = FetShort(3, exitPrice);
        Assert.Equal(one.Trade("T1").RealizedPnl, three.Trade("T1").RealizedPnl);
        Assert.Equal(one.State.Account.Capital, three.State.Account.Capital);
        Assert.Equal(one.Effects.OfType<SizerFeedback>().Single().Pnl, three.Effects.OfType<SizerFeedback>().Single().Pnl);
    }

    [Fact]
    public void Golden5_the_incident_figure_is_impossible_the_poisoned_leg_is_not_leverage_multiplied()
    {
        // The incident booked 26,007 × (0.229 − 0.1878) × 3 = 3,214.4652 on leg 1. Leverage-free it is one third
        // of that, and with the true price it is the +242.73 of the whole trade.
        var d = FetShort(3, 0.229m);
        var leg1 = d.Trade("T1").Legs[0];
        Assert.Equal(-26_007 * (0.229m - 0.1878m), leg1.Realized, 6);
        Assert.NotEqual(3_214.4652m, Math.Abs(leg1.Realized), 1);
    }
}
