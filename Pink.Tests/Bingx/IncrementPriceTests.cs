using Pink.Core;
using Pink.Core.Bingx;

namespace Pink.Tests.Bingx;

/// <summary>
/// The price of an increment Δz = z − applied must price the whole increment. After a lost frame Δz spans the lost
/// fill and the last one, and `L` prices only the last: `L` is taken when `l` covers Δz, or (no `l`) when the
/// cumulative-average derivation d agrees with it within the rounding of the reported averages; otherwise d; 0 when d
/// cannot be derived. Figures: a long entry order of 300, its averages written with 8 places as BingX writes them.
/// </summary>
public class IncrementPriceTests
{
    private static string Frame(string z, string? ap, string? last = null, string? lastQty = null) =>
        "{\"e\":\"ORDER_TRADE_UPDATE\",\"E\":1700000000000,\"o\":{\"s\":\"FET-USDT\",\"c\":\"\",\"i\":42,\"S\":\"BUY\",\"o\":\"MARKET\",\"q\":\"300\",\"p\":\"9.99\"," +
        (ap is null ? "" : "\"ap\":\"" + ap + "\",") + (last is null ? "" : "\"L\":\"" + last + "\",") + (lastQty is null ? "" : "\"l\":\"" + lastQty + "\",") +
        "\"x\":\"TRADE\",\"X\":\"PARTIALLY_FILLED\",\"N\":\"USDT\",\"n\":\"-0.01\",\"T\":0,\"ps\":\"LONG\",\"rp\":\"0\",\"z\":\"" + z + "\"}}";

    /// <summary>An entry order bound to venue id 42; feeding a frame applies its events and returns its fill.</summary>
    private static Func<string, Fill> Bound()
    {
        var state = Pink.Core.Kernel.Apply(Pink.Core.Kernel.Initial(), new OpenIntent(0, "FET-USDT", PositionSide.Long, 300, 1, "e1", null, 1)).State;
        state = Pink.Core.Kernel.Apply(state, new OrderAcknowledged("e1", 42, 2)).State;
        return frame =>
        {
            var events = BingxAdapter.FromWs(frame, state, 3);
            foreach (var e in events) state = Pink.Core.Kernel.Apply(state, e).State;
            return Assert.IsType<Fill>(Assert.Single(events));
        };
    }

    [Fact]
    public void L_prices_an_increment_that_l_covers_whatever_the_averages_say()
    {
        var feed = Bound();
        Assert.Equal(1.2m, feed(Frame("100", "1.00000000", last: "1.2", lastQty: "100")).Price);
    }

    [Fact]
    public void L_prices_the_next_fill_when_l_is_the_increment()
    {
        var feed = Bound();
        feed(Frame("100", "1.00000000", last: "1.0", lastQty: "100"));
        Assert.Equal(1.3m, feed(Frame("200", "1.15000000", last: "1.3", lastQty: "100")).Price);
    }

    [Fact]
    public void After_a_lost_frame_an_l_smaller_than_the_increment_leaves_the_price_to_the_averages()
    {
        var feed = Bound();
        feed(Frame("100", "1.00000000", last: "1.0", lastQty: "100"));
        // lost: z 200, ap 1.05 (100 at 1.1); this frame's increment of 200 is 100 at 1.1 and 100 at 1.2
        var fill = feed(Frame("300", "1.10000000", last: "1.2", lastQty: "100"));
        Assert.Equal((200m, 1.15m), (fill.Qty, fill.Price));
    }

    [Fact]
    public void After_a_lost_frame_without_l_an_L_that_the_averages_contradict_leaves_the_price_to_them()
    {
        var feed = Bound();
        feed(Frame("100", "1.00000000", last: "1.0"));
        var fill = feed(Frame("300", "1.10000000", last: "1.2"));
        Assert.Equal((200m, 1.15m), (fill.Qty, fill.Price));
    }

    [Fact]
    public void Without_l_L_is_kept_when_the_averages_agree_within_their_rounding()
    {
        var feed = Bound();
        feed(Frame("100", "1.0000", last: "1.0"));
        // 200 at 1.23456789: the venue's average (100 + 246.913578) / 300 = 1.15637859… written with 4 places, 1.1564;
        // d = (1.1564·300 − 100) / 200 = 1.2346, within 0.00005·300/200 + 0.00005·100/200 = 0.0001 of L
        Assert.Equal(1.23456789m, feed(Frame("300", "1.1564", last: "1.23456789")).Price);
    }

    [Fact]
    public void Without_l_L_is_kept_for_a_first_fill_on_an_average_written_coarsely()
    {
        // "1.0" may be 1.05 rounded to one place (half a unit: 0.05): the average cannot contradict L
        var feed = Bound();
        Assert.Equal(1.05m, feed(Frame("100", "1.0", last: "1.05")).Price);
    }

    [Fact]
    public void Without_l_and_without_an_average_nothing_contradicts_L()
    {
        // Neither `l` nor the averages can show the increment is more than the last fill: `L` is the true price there is
        var feed = Bound();
        var fill = feed(Frame("100", null, last: "1.05"));
        Assert.Equal((100m, 1.05m), (fill.Qty, fill.Price));
    }

    [Fact]
    public void Without_l_after_a_price_less_fill_L_prices_the_next_increment()
    {
        // The first report had no price at all (the previous average is unknown): the next one's `L` is not contradicted
        var feed = Bound();
        Assert.Equal(0m, feed(Frame("100", "0", last: null)).Price);
        var fill = feed(Frame("150", "1.1", last: "1.2"));
        Assert.Equal((50m, 1.2m), (fill.Qty, fill.Price));
    }

    [Fact]
    public void An_l_smaller_than_the_increment_without_an_average_leaves_the_price_unknown()
    {
        var feed = Bound();
        feed(Frame("100", "1.00000000", last: "1.0", lastQty: "100"));
        var fill = feed(Frame("300", "0", last: "1.2", lastQty: "100"));
        Assert.Equal((200m, 0.0m), (fill.Qty, fill.Price));
    }

    [Fact]
    public void Without_L_the_price_is_the_averages_derivation()
    {
        var feed = Bound();
        feed(Frame("100", "1.00000000"));
        Assert.Equal(1.15m, feed(Frame("300", "1.10000000")).Price);
    }

    [Fact]
    public void An_increment_too_small_for_its_figures_gets_no_derived_price_and_no_exception()
    {
        // (1000000·200.0000000000000000000000001 − 1·200) / 10⁻²⁵ is beyond decimal: the averages give no price, and
        // nothing throws; `L`, when sent, is then not contradicted, and without it the price is unknown
        var feed = Bound();
        feed(Frame("200", "1.00000000"));
        Assert.Equal(5m, feed(Frame("200.0000000000000000000000001", "1000000", last: "5")).Price);
        var other = Bound();
        other(Frame("200", "1.00000000"));
        Assert.Equal(0.0m, other(Frame("200.0000000000000000000000001", "1000000")).Price);
    }
}
