using Pink.Shell.Simulator;
using Pink.Shell.Venue;
using Pink.Tests.Venue;
using static Pink.Tests.Simulator.RawUserStream;

namespace Pink.Tests.Simulator;

/// <summary>
/// Exchange-side STOP_MARKET and TAKE_PROFIT_MARKET orders: they rest until a mark crosses their stopPrice, then fill
/// as MARKET orders at that mark for what the position still holds — and, with the silent-trigger fault, show only in
/// account updates and REST (BingX-swap-api-doc issue #36).
/// </summary>
public class ExchangeStopTests
{
    private static OrderRequest Market(string side, string positionSide, decimal qty, string coid) =>
        new("FET-USDT", side, positionSide, "MARKET", qty, ClientOrderId: coid);

    private static async Task<long> RefusalCode(Func<Task> call) => (await Assert.ThrowsAsync<BingxApiException>(call)).Code;

    [Fact]
    public async Task AStopTriggersWhenTheMarkCrossesIt()
    {
        await using var v = await SimVenue.StartAsync();
        await using var stream = await RawUserStream.ConnectAsync(v);
        await v.Api.PlaceOrderAsync(Market("BUY", "LONG", 1000m, "pk-0-1"));

        var ack = (await RawRest.PlaceStopAsync(v, "SELL", "LONG", "STOP_MARKET", 0.17m, 1000m, "PK-SL-1")).Data.GetProperty("order");
        var stopId = ack.GetProperty("orderId").GetInt64();
        Assert.Equal(("STOP_MARKET", 0.17m), (ack.GetProperty("type").GetString(), ack.GetProperty("stopPrice").GetDecimal()));
        var resting = (await v.Api.QueryOrderAsync(new OrderRef("FET-USDT", null, "pk-sl-1"))).Data.GetProperty("order");
        Assert.Equal(("PENDING", "0.17", "0"), (S(resting, "status"), S(resting, "stopPrice"), S(resting, "executedQty")));

        v.Sim.SetMark("FET-USDT", 0.175m);   // above a sell stop: nothing
        Assert.Equal("NEW", v.Sim.GetOrder(stopId)!.Status);
        v.Sim.SetMark("FET-USDT", 0.168m);   // through it: a MARKET fill at this mark

        await stream.UntilAtLeast(6, "the open, the stop's NEW, its fill");
        Assert.Equal(["NEW", "AU 1000", "OTU 1000", "NEW", "AU 0", "OTU 1000"], stream.Labels);
        var fill = stream.OrderUpdates[^1];
        Assert.Equal(stopId, fill.GetProperty("i").GetInt64());
        Assert.Equal(("STOP_MARKET", "TRADE", "FILLED"), (S(fill, "o"), S(fill, "x"), S(fill, "X")));
        Assert.Equal(("0.17000000", "0.16800000"), (S(fill, "sp"), S(fill, "ap")));
        Assert.Equal("-12.00000000", S(fill, "rp"));     // 1000 × (0.168 − 0.18)
        Assert.Equal("pk-sl-1", S(stream.OrderUpdates[2], "c")); // the stop's NEW ack, lower-cased

        Assert.Empty((await v.Api.GetPositionsAsync()).Data.EnumerateArray());
        var filled = (await v.Api.QueryOrderAsync(new OrderRef("FET-USDT", stopId))).Data.GetProperty("order");
        Assert.Equal(("FILLED", "1000", "-12.00000000"), (S(filled, "status"), S(filled, "executedQty"), S(filled, "profit")));
    }

    [Fact]
    public async Task ATakeProfitForTheWholePositionClosesWhatIsLeftWhenItTriggers()
    {
        await using var v = await SimVenue.StartAsync();
        await using var stream = await RawUserStream.ConnectAsync(v);
        await v.Api.PlaceOrderAsync(Market("SELL", "SHORT", 1000m, "pk-1-1"));
        var takeProfit = v.Sim.PlaceExchangeStop("FET-USDT", "SHORT", "TAKE_PROFIT_MARKET", 0.16m);   // closePosition: no quantity
        Assert.Equal(("BUY", "SHORT", 0m), (takeProfit.Side, takeProfit.PositionSide, takeProfit.Quantity));
        await v.Api.PlaceOrderAsync(Market("BUY", "SHORT", 400m, "pk-1-2"));   // a take-profit claims nothing while it rests

        v.Sim.SetMark("FET-USDT", 0.17m);
        Assert.Equal("NEW", v.Sim.GetOrder(takeProfit.OrderId)!.Status);
        v.Sim.SetMark("FET-USDT", 0.159m);   // a BUY take-profit triggers at or below its stop

        await stream.UntilAtLeast(9, "open, take-profit NEW, partial close, take-profit fill");
        Assert.Equal(["NEW", "AU 1000", "OTU 1000", "NEW", "NEW", "AU 600", "OTU 400", "AU 0", "OTU 600"], stream.Labels);
        Assert.Equal("", S(stream.OrderUpdates[1], "c"));   // placed "from another client" without an id
        var order = (await v.Api.QueryOrderAsync(new OrderRef("FET-USDT", takeProfit.OrderId))).Data.GetProperty("order");
        Assert.Equal(("TAKE_PROFIT_MARKET", "FILLED", "600", "0.15900000"), (S(order, "type"), S(order, "status"), S(order, "origQty"), S(order, "avgPrice")));
        Assert.Empty(v.Sim.Positions);
    }

    [Fact]
    public async Task ASilentStopSendsNoOrderUpdateButRestShowsIt()
    {
        await using var v = await SimVenue.StartAsync();
        await using var stream = await RawUserStream.ConnectAsync(v);
        await v.Api.PlaceOrderAsync(Market("BUY", "LONG", 1000m, "pk-2-1"));
        var stopId = (await RawRest.PlaceStopAsync(v, "SELL", "LONG", "STOP_MARKET", 0.17m, null, "pk-2-sl", closePosition: true))
            .Data.GetProperty("order").GetProperty("orderId").GetInt64();
        v.Sim.SilentTriggers();

        v.Sim.SetMark("FET-USDT", 0.165m);
        await v.Api.PlaceOrderAsync(Market("BUY", "LONG", 10m, "pk-2-2"));   // a later order: its frames mark the end of the stop's

        await stream.UntilAtLeast(8, "the open, the stop's NEW, the stop's account update, the later order");
        Assert.Equal(["NEW", "AU 1000", "OTU 1000", "NEW", "AU 0", "NEW", "AU 10", "OTU 10"], stream.Labels);
        Assert.DoesNotContain(stream.OrderUpdates, o => o.GetProperty("i").GetInt64() == stopId && S(o, "x") != "NEW");

        var order = (await v.Api.QueryOrderAsync(new OrderRef("FET-USDT", stopId))).Data.GetProperty("order");
        Assert.Equal(("FILLED", "1000", "0.16500000"), (S(order, "status"), S(order, "executedQty"), S(order, "avgPrice")));
        Assert.Equal("-15.00000000", S(order, "profit"));   // 1000 × (0.165 − 0.18)
        var position = Assert.Single((await v.Api.GetPositionsAsync()).Data.EnumerateArray());
        Assert.Equal("10", S(position, "positionAmt"));      // only the later order's
        var tradeId = v.Sim.GetOrder(stopId)!.Fills.Single().TradeId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var income = (await v.Api.GetIncomeAsync(new IncomeQuery("FET-USDT"))).Data.EnumerateArray().Where(i => S(i, "tradeId") == tradeId);
        Assert.Equal(["REALIZED_PNL", "TRADING_FEE"], income.Select(i => S(i, "incomeType")));
    }

    [Fact]
    public async Task StopsCloseNoMoreThanThePositionHoldsAndLapseWhenItIsGone()
    {
        await using var v = await SimVenue.StartAsync();
        await using var stream = await RawUserStream.ConnectAsync(v);
        Assert.Equal(101400, await RefusalCode(() => RawRest.PlaceStopAsync(v, "SELL", "LONG", "STOP_MARKET", 0.17m, 10m)));   // no position
        await v.Api.PlaceOrderAsync(Market("BUY", "LONG", 1000m, "pk-3-1"));
        Assert.Equal(109400, await RefusalCode(() => RawRest.PlaceStopAsync(v, "BUY", "LONG", "STOP_MARKET", 0.19m, 10m)));    // would open
        Assert.Equal(109400, await RefusalCode(() => RawRest.PlaceStopAsync(v, "SELL", "LONG", "STOP_MARKET", 0m, 10m)));      // no trigger
        var stop = await RawRest.PlaceStopAsync(v, "SELL", "LONG", "STOP_MARKET", 0.17m, 600m);
        Assert.Equal(101400, await RefusalCode(() => RawRest.PlaceStopAsync(v, "SELL", "LONG", "STOP_MARKET", 0.16m, 500m))); // 600 + 500 > 1000
        await RawRest.PlaceStopAsync(v, "SELL", "LONG", "TAKE_PROFIT_MARKET", 0.20m, 1000m);                                   // take-profits apart

        await v.Api.PlaceOrderAsync(Market("SELL", "LONG", 1000m, "pk-3-2"));   // the client closes everything itself
        v.Sim.SetMark("FET-USDT", 0.169m);

        var stopId = stop.Data.GetProperty("order").GetProperty("orderId").GetInt64();
        Assert.Equal(("EXPIRED", 0m), (v.Sim.GetOrder(stopId)!.Status, v.Sim.GetOrder(stopId)!.ExecutedQty));
        await stream.UntilAtLeast(9, "two orders, two stops' NEW, the lapse");
        Assert.Equal("EXPIRED", stream.Labels[^1]);
        Assert.Equal("EXPIRED", S((await v.Api.QueryOrderAsync(new OrderRef("FET-USDT", stopId))).Data.GetProperty("order"), "status"));
    }

    [Fact]
    public async Task AOneWayStopReducesTheNetPosition()
    {
        await using var v = await SimVenue.StartAsync(new SimulatorOptions(PositionMode: PositionMode.OneWay));
        await v.Api.PlaceOrderAsync(new OrderRequest("FET-USDT", "BUY", "BOTH", "MARKET", 1000m, ClientOrderId: "pk-4-1"));
        Assert.Equal(101400, await RefusalCode(() => RawRest.PlaceStopAsync(v, "BUY", "BOTH", "STOP_MARKET", 0.19m, 10m)));  // would grow it
        await RawRest.PlaceStopAsync(v, "SELL", "BOTH", "STOP_MARKET", 0.17m, 600m);
        // A reduce-only order may still take the whole position: the stop claims nothing until it triggers.
        await v.Api.PlaceOrderAsync(new OrderRequest("FET-USDT", "SELL", "BOTH", "LIMIT", 1000m, 0.30m, "pk-4-2", "GTC", ReduceOnly: true));

        v.Sim.SetMark("FET-USDT", 0.169m);

        var position = Assert.Single((await v.Api.GetPositionsAsync()).Data.EnumerateArray());
        Assert.Equal(("BOTH", "400"), (S(position, "positionSide"), S(position, "positionAmt")));
        Assert.Throws<InvalidOperationException>(() => v.Sim.PlaceExchangeStop("FET-USDT", "BOTH", "LIMIT", 0.16m));
        var webStop = v.Sim.PlaceExchangeStop("FET-USDT", "BOTH", "STOP_MARKET", 0.16m);
        Assert.Equal(("SELL", "BOTH"), (webStop.Side, webStop.PositionSide));
        v.Sim.SetMark("FET-USDT", 0.15m);
        Assert.Empty(v.Sim.Positions);
    }
}
