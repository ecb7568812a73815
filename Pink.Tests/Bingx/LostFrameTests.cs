using System.Text.Json;
using Pink.Core;
using Pink.Core.Bingx;
using Pink.Tests.Kernel;

namespace Pink.Tests.Bingx;

/// <summary>
/// A stream frame lost in a gap: BingX's ORDER_TRADE_UPDATE carries the cumulative quantity `z` and average `ap`, but
/// only its own fill's commission `n`, realized `rp` and last price `L`. The next frame brings the lost fill's quantity
/// (through `z`) but not its figures; the order query's cumulative `commission` and `profit` do.
/// Figures: a short entry of 100 FET at 0.20, 100 at 0.21 (its frame lost), 100 at 0.22; fee 0.0005 of notional.
/// </summary>
public class LostFrameTests
{
    private const long Venue = 1_900_000_000_000_000_001;

    private static string Frame(decimal z, decimal ap, decimal n, decimal? last, bool filled) =>
        "{\"e\":\"ORDER_TRADE_UPDATE\",\"E\":1,\"o\":{\"s\":\"FET-USDT\",\"c\":\"\",\"i\":" + Venue + ",\"S\":\"SELL\",\"o\":\"MARKET\",\"q\":\"300\",\"ap\":\"" + ap +
        "\"," + (last is decimal l ? "\"L\":\"" + l + "\"," : "") + "\"x\":\"TRADE\",\"X\":\"" + (filled ? "FILLED" : "PARTIALLY_FILLED") +
        "\",\"N\":\"USDT\",\"n\":\"" + n + "\",\"T\":1,\"ps\":\"SHORT\",\"rp\":\"0\",\"z\":\"" + z + "\"}}";

    private static Driver Opened()
    {
        var d = new Driver();
        d.Balance(10_000, "b0", BalanceReason.Poll);
        return d.Open(0, "FET-USDT", PositionSide.Short, 300, "pk-0-1", 3, "T1").Ack("pk-0-1", Venue);
    }

    private static void Ws(Driver d, string frame)
    {
        foreach (var e in BingxAdapter.FromWs(frame, d.State, d.Tick())) d.Apply(e);
    }

    [Fact]
    public void The_lost_frames_fee_is_settled_from_the_order_query_once()
    {
        var d = Opened();
        Ws(d, Frame(100, 0.2m, -0.01m, null, filled: false));
        Ws(d, Frame(300, 0.21m, -0.011m, null, filled: true));
        Assert.Equal(0.021m, d.Trade("T1").Fees);               // the lost 0.0105 is not in any frame
        var answer = JsonDocument.Parse("{\"code\":0,\"msg\":\"\",\"data\":{\"order\":{\"symbol\":\"FET-USDT\",\"orderId\":" + Venue +
            ",\"side\":\"SELL\",\"positionSide\":\"SHORT\",\"type\":\"MARKET\",\"origQty\":\"300\",\"executedQty\":\"300\",\"avgPrice\":\"0.21\",\"profit\":\"0\"," +
            "\"commission\":\"-0.0315\",\"status\":\"FILLED\",\"time\":1,\"updateTime\":1,\"clientOrderId\":\"pk-0-1\"}}}").RootElement;
        for (var i = 0; i < 2; i++)                              // asked twice: settled once
            foreach (var e in BingxAdapter.FromRest("GET", "/openApi/swap/v2/trade/order", null, answer, d.State, d.Tick())) d.Apply(e);
        Assert.Equal(0.0315m, d.Trade("T1").Fees);
        Assert.Equal(0.0315m, d.State.Orders.Find("pk-0-1").Case is Order o ? o.Fees : -1);
    }
}
