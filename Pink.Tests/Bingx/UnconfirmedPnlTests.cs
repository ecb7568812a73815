using System.Text.Json;
using Pink.Core;
using Pink.Core.Bingx;
using Pink.Tests.Kernel;

namespace Pink.Tests.Bingx;

/// <summary>
/// A stream frame carries its own fill's `rp`; after a lost frame its increment also covers the lost fill, so the
/// exchange's realized so far falls short of the kernel's estimate although the venue is consistent. That is not yet an
/// error: the kernel asks the venue for the order (QueryOrder) with a PNL_UNCONFIRMED warning, and raises PNL_MISMATCH
/// only when the order's cumulative figures still disagree.
/// Figures: a long of 300 FET entered at 1.0; the exit sells 100 at 1.1 (rp 10), 100 at 1.2 (rp 20, its frame lost)
/// and 100 at 1.3 (rp 30): the venue's profit is 60.
/// </summary>
public class UnconfirmedPnlTests
{
    private const long Entry = 1_900_000_000_000_000_011, Exit = 1_900_000_000_000_000_012;

    private static string Frame(long venue, string side, decimal z, decimal ap, decimal rp, decimal n, bool filled) =>
        "{\"e\":\"ORDER_TRADE_UPDATE\",\"E\":1,\"o\":{\"s\":\"FET-USDT\",\"c\":\"\",\"i\":" + venue + ",\"S\":\"" + side + "\",\"o\":\"MARKET\",\"q\":\"300\",\"ap\":\"" + ap +
        "\",\"x\":\"TRADE\",\"X\":\"" + (filled ? "FILLED" : "PARTIALLY_FILLED") + "\",\"N\":\"USDT\",\"n\":\"" + n + "\",\"T\":1,\"ps\":\"LONG\",\"rp\":\"" + rp + "\",\"z\":\"" + z + "\"}}";

    private static JsonElement Answer(decimal profit, decimal commission, long venue = Exit, string side = "SELL", string avg = "1.2", string client = "x1") =>
        JsonDocument.Parse("{\"code\":0,\"msg\":\"\",\"data\":{\"order\":{\"symbol\":\"FET-USDT\",\"orderId\":" + venue +
        ",\"side\":\"" + side + "\",\"positionSide\":\"LONG\",\"type\":\"MARKET\",\"origQty\":\"300\",\"executedQty\":\"300\",\"avgPrice\":\"" + avg + "\",\"profit\":\"" + profit + "\"," +
        "\"commission\":\"" + commission + "\",\"status\":\"FILLED\",\"time\":1,\"updateTime\":1,\"clientOrderId\":\"" + client + "\"}}}").RootElement;

    private static void Ws(Driver d, string frame)
    {
        foreach (var e in BingxAdapter.FromWs(frame, d.State, d.Tick())) d.Apply(e);
    }

    private static void Rest(Driver d, JsonElement answer)
    {
        foreach (var e in BingxAdapter.FromRest("GET", "/openApi/swap/v2/trade/order", null, answer, d.State, d.Tick())) d.Apply(e);
    }

    /// <summary>The exit's frames with the middle one lost.</summary>
    private static Driver LostExitFrame()
    {
        var d = new Driver();
        d.Open(0, "FET-USDT", PositionSide.Long, 300, "e1", 3, "T1").Ack("e1", Entry);
        Ws(d, Frame(Entry, "BUY", 300, 1.0m, 0, -0.15m, filled: true));
        d.Close(0, "x1").Ack("x1", Exit);
        Ws(d, Frame(Exit, "SELL", 100, 1.1m, 10, -0.055m, filled: false));
        Ws(d, Frame(Exit, "SELL", 300, 1.2m, 30, -0.065m, filled: true));
        return d;
    }

    [Fact]
    public void A_lost_frames_realized_asks_the_venue_instead_of_raising_an_error()
    {
        var d = LostExitFrame();
        Assert.Equal(60, d.Trade("T1").RealizedPnl, 9);                    // 100·0.1 + 200·(1.25 − 1.0)
        Assert.Empty(d.Diagnostics(DiagnosticKinds.PnlMismatch));
        var warning = Assert.Single(d.Diagnostics(DiagnosticKinds.PnlUnconfirmed));
        Assert.Equal(Severity.Warning, warning.Severity);
        var query = Assert.Single(d.Effects.OfType<QueryOrder>());
        Assert.Equal(("x1", (long?)Exit, "FET-USDT"), (query.ClientOrderId, query.VenueOrderId, query.Symbol));
    }

    [Fact]
    public void The_order_answer_settles_the_rest_and_confirms_without_an_error()
    {
        var d = LostExitFrame();
        Assert.False(d.Forgot("T1"));                                        // closed, but its figures are still asked for
        Rest(d, Answer(60, -0.18m));
        Assert.Empty(d.Diagnostics(DiagnosticKinds.PnlMismatch));
        var order = d.Order("x1");
        Assert.Equal((60m, 0.18m), (order.ExchangeRealized, order.Fees));
        Assert.Equal(0.33m, d.Trade("T1").Fees);
        Assert.Equal(PnlSource.Exchange, d.Trade("T1").PnlSource);
        // The entry's figures are still the stream's own: the trade waits for its order answer too (or a later sweep)
        Assert.False(d.Forgot("T1"));
        Rest(d, Answer(0, -0.15m, Entry, "BUY", "1.0", "e1"));
        Assert.True(d.Forgot("T1"));                                         // every figure of it is the venue's cumulative
        Assert.Empty(d.Diagnostics(DiagnosticKinds.PnlMismatch));
    }

    [Fact]
    public void An_order_answer_that_still_disagrees_is_an_error_once()
    {
        var d = LostExitFrame();
        Rest(d, Answer(40, -0.12m));                                         // the venue's own cumulative figures say 40
        var mismatch = Assert.Single(d.Diagnostics(DiagnosticKinds.PnlMismatch));
        Assert.Equal(Severity.Error, mismatch.Severity);
        Assert.Single(d.Rows<AnomalyEventRow>(), r => r.Kind == DiagnosticKinds.PnlMismatch);
        Assert.Equal(60, d.Trade("T1").RealizedPnl, 9);                     // never a silent re-book
        Rest(d, Answer(40, -0.12m));                                         // asked again: the same figures, compared once
        Assert.Single(d.Diagnostics(DiagnosticKinds.PnlMismatch));
    }

    [Fact]
    public void An_order_answer_with_other_figures_that_still_disagree_is_an_error()
    {
        var d = LostExitFrame();
        Rest(d, Answer(45, -0.18m));
        Assert.Single(d.Diagnostics(DiagnosticKinds.PnlMismatch));
        Assert.Equal(45m, (d.State.Orders.Find("x1").Case as Order)!.ExchangeRealized);
    }

    [Fact]
    public void A_restart_between_the_frame_and_the_answer_keeps_the_order_awaiting_the_comparison()
    {
        var d = LostExitFrame();
        var restored = StateDocument.Restore(StateDocument.Save(d.State)).IfLeft(e => throw new Xunit.Sdk.XunitException(e));
        typeof(Driver).GetProperty("State")!.SetValue(d, restored);
        Rest(d, Answer(40, -0.12m));
        Assert.Single(d.Diagnostics(DiagnosticKinds.PnlMismatch));
    }

    [Fact]
    public void Frames_that_agree_ask_nothing()
    {
        var d = new Driver();
        d.Open(0, "FET-USDT", PositionSide.Long, 300, "e1", 3, "T1").Ack("e1", Entry);
        Ws(d, Frame(Entry, "BUY", 300, 1.0m, 0, -0.15m, filled: true));
        d.Close(0, "x1").Ack("x1", Exit);
        Ws(d, Frame(Exit, "SELL", 100, 1.1m, 10, -0.055m, filled: false));
        Ws(d, Frame(Exit, "SELL", 200, 1.15m, 20, -0.06m, filled: false));
        Ws(d, Frame(Exit, "SELL", 300, 1.2m, 30, -0.065m, filled: true));
        Assert.Empty(d.Diagnostics(DiagnosticKinds.PnlUnconfirmed));
        Assert.Empty(d.Effects.OfType<QueryOrder>());
        Rest(d, Answer(60, -0.18m));                                         // nothing to settle: no event
        Assert.Empty(d.Diagnostics(DiagnosticKinds.PnlMismatch));
    }
}
