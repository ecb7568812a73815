using Pink.Shell.Simulator;
using Pink.Shell.Venue;
using Pink.Tests.Venue;
using static Pink.Tests.Simulator.RawUserStream;

namespace Pink.Tests.Simulator;

/// <summary>A close placed in the venue's web UI: a MARKET order whose id and clientOrderId the client never issued.</summary>
public class WebUiCloseTests
{
    [Fact]
    public async Task AWebUiCloseCarriesAnIdTheClientNeverIssued()
    {
        await using var v = await SimVenue.StartAsync();
        await using var stream = await RawUserStream.ConnectAsync(v);
        var placed = await v.Api.PlaceOrderAsync(new OrderRequest("FET-USDT", "BUY", "LONG", "MARKET", 1000m, ClientOrderId: "pk-0-1"));
        v.Sim.SetMark("FET-USDT", 0.19m);

        var web = v.Sim.CloseFromWebUi("FETUSDT", "LONG", 300m);

        await stream.UntilAtLeast(6, "the open and the web close");
        Assert.Equal(["NEW", "AU 1000", "OTU 1000", "NEW", "AU 700", "OTU 300"], stream.Labels);
        var (ack, fill) = (stream.OrderUpdates[2], stream.OrderUpdates[3]);
        Assert.NotEqual(placed.OrderId, web.OrderId);
        Assert.Equal((web.OrderId, web.OrderId), (ack.GetProperty("i").GetInt64(), fill.GetProperty("i").GetInt64()));
        Assert.Equal(("web_1", ""), (S(ack, "c"), S(fill, "c")));   // c only on the NEW ack, as for the client's own orders
        Assert.Equal(("MARKET", "SELL", "LONG", "TRADE", "FILLED"), (S(fill, "o"), S(fill, "S"), S(fill, "ps"), S(fill, "x"), S(fill, "X")));
        Assert.Equal("3.00000000", S(fill, "rp"));   // 300 × (0.19 − 0.18)

        var order = (await v.Api.QueryOrderAsync(new OrderRef("FET-USDT", null, "WEB_1"))).Data.GetProperty("order");
        Assert.Equal((web.OrderId, "web_1", "FILLED"), (order.GetProperty("orderId").GetInt64(), S(order, "clientOrderId"), S(order, "status")));
        Assert.Equal("700", S(Assert.Single((await v.Api.GetPositionsAsync()).Data.EnumerateArray()), "positionAmt"));

        var rest = v.Sim.CloseFromWebUi("FET-USDT", "LONG");   // the rest of it
        Assert.Equal(("web_2", 700m, "FILLED"), (rest.ClientOrderId, rest.ExecutedQty, rest.Status));
        Assert.Empty((await v.Api.GetPositionsAsync()).Data.EnumerateArray());
        Assert.Equal(10_000m + 10m - 1000m * 0.18m * 0.0005m - 1000m * 0.19m * 0.0005m, v.Sim.Account.WalletBalance);
        Assert.Throws<InvalidOperationException>(() => v.Sim.CloseFromWebUi("FET-USDT", "LONG"));
    }

    [Fact]
    public async Task AWebUiCloseOfAOneWayPositionReducesTheNetPosition()
    {
        await using var v = await SimVenue.StartAsync(new SimulatorOptions(PositionMode: PositionMode.OneWay));
        await v.Api.PlaceOrderAsync(new OrderRequest("FET-USDT", "SELL", "BOTH", "MARKET", 1000m, ClientOrderId: "pk-1-1"));
        Assert.Throws<InvalidOperationException>(() => v.Sim.CloseFromWebUi("FET-USDT", "SHORT"));     // not in one-way mode
        Assert.Throws<InvalidOperationException>(() => v.Sim.CloseFromWebUi("FET-USDT", "BOTH", 1001m)); // never through zero

        var web = v.Sim.CloseFromWebUi("FET-USDT", "BOTH", 250m);

        Assert.Equal(("BUY", "BOTH"), (web.Side, web.PositionSide));
        var position = Assert.Single((await v.Api.GetPositionsAsync()).Data.EnumerateArray());
        Assert.Equal(("BOTH", "-750"), (S(position, "positionSide"), S(position, "positionAmt")));
    }
}
