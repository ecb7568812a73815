using System.Text.Json;
using Pink.Shell.Simulator;
using Pink.Shell.Venue;
using Pink.Tests.Venue;

namespace Pink.Tests.Simulator;

/// <summary>
/// One-way position mode: one signed net position per symbol, orders with positionSide BOTH, fills through zero,
/// reduce-only orders that may never grow the position — as the stream and REST report it.
/// </summary>
public class OneWayModeTests
{
    private static readonly SimulatorOptions OneWay = new(PositionMode: PositionMode.OneWay);

    private static OrderRequest Net(string side, decimal qty, string coid, bool? reduceOnly = null) =>
        new("FET-USDT", side, "BOTH", "MARKET", qty, ClientOrderId: coid, ReduceOnly: reduceOnly);

    private static string S(JsonElement o, string name) => o.GetProperty(name).GetString()!;

    private static async Task<long> RefusalCode(SimVenue v, OrderRequest order) =>
        (await Assert.ThrowsAsync<BingxApiException>(() => v.Api.PlaceOrderAsync(order))).Code;

    [Fact]
    public async Task OneWayModeHoldsASignedNetPositionAndFlipsThroughZero()
    {
        await using var v = await SimVenue.StartAsync(OneWay);
        await using var stream = await RawUserStream.ConnectAsync(v);

        await v.Api.PlaceOrderAsync(Net("BUY", 1000m, "pk-0-1"));
        var longPosition = Assert.Single((await v.Api.GetPositionsAsync()).Data.EnumerateArray());
        Assert.Equal("BOTH", S(longPosition, "positionSide"));
        Assert.Equal("1000", S(longPosition, "positionAmt"));

        // SELL 1500 at 0.19: closes the 1000 long (rp on that part only), opens 500 short at the fill price.
        v.Sim.SetMark("FET-USDT", 0.19m);
        var flip = await v.Api.PlaceOrderAsync(Net("SELL", 1500m, "pk-0-2"));
        var shortPosition = Assert.Single((await v.Api.GetPositionsAsync()).Data.EnumerateArray());
        Assert.Equal("BOTH", S(shortPosition, "positionSide"));
        Assert.Equal("-500", S(shortPosition, "positionAmt"));      // signed in one-way mode
        Assert.Equal("0.19000000", S(shortPosition, "avgPrice"));
        Assert.Equal("95.00000000", S(shortPosition, "margin"));    // only the new side's margin: 500 × 0.19 / 1
        var order = (await v.Api.QueryOrderAsync(new OrderRef("FET-USDT", flip.OrderId))).Data.GetProperty("order");
        Assert.Equal("BOTH", S(order, "positionSide"));
        Assert.Equal("1500", S(order, "executedQty"));
        Assert.Equal("10.00000000", S(order, "profit"));            // 1000 × (0.19 − 0.18)

        await stream.UntilAtLeast(6, "two orders, a fill each");
        Assert.Equal(["NEW", "AU 1000", "OTU 1000", "NEW", "AU -500", "OTU 1500"], stream.Labels);
        var positions = stream.Events.Where(e => S(e, "e") == "ACCOUNT_UPDATE").Select(e => e.GetProperty("a").GetProperty("P")[0]).ToList();
        Assert.All(positions, p => Assert.Equal("BOTH", S(p, "ps")));
        Assert.Equal("-500.00000000", S(positions[1], "pa"));
        Assert.Equal("10.00000000", S(stream.Events[5].GetProperty("o"), "rp"));

        var fees = 1000m * 0.18m * 0.0005m + 1500m * 0.19m * 0.0005m;
        Assert.Equal(10_000m + 10m - fees, v.Sim.Account.WalletBalance);
        var income = (await v.Api.GetIncomeAsync(new IncomeQuery("FET-USDT", "REALIZED_PNL"))).Data.EnumerateArray();
        Assert.Equal("10.00000000", S(Assert.Single(income), "income"));

        await v.Api.PlaceOrderAsync(Net("BUY", 500m, "pk-0-3"));
        Assert.Empty((await v.Api.GetPositionsAsync()).Data.EnumerateArray());
        Assert.Empty(v.Sim.Positions);
    }

    [Fact]
    public async Task ReduceOnlyMayNotIncreaseTheNetPositionAndIsRefusedRatherThanCut()
    {
        await using var v = await SimVenue.StartAsync(OneWay);
        Assert.Equal(101400, await RefusalCode(v, Net("SELL", 10m, "pk-1-1", reduceOnly: true)));   // flat: nothing to reduce

        await v.Api.PlaceOrderAsync(Net("BUY", 1000m, "pk-1-2"));
        Assert.Equal(101400, await RefusalCode(v, Net("BUY", 10m, "pk-1-3", reduceOnly: true)));    // same way: would grow
        Assert.Equal(101400, await RefusalCode(v, Net("SELL", 1500m, "pk-1-4", reduceOnly: true))); // through zero: would open a short

        // A resting reduce-only order claims its part of the position.
        await v.Api.PlaceOrderAsync(new OrderRequest("FET-USDT", "SELL", "BOTH", "LIMIT", 600m, 0.25m, "pk-1-5", "GTC", ReduceOnly: true));
        Assert.Equal(101400, await RefusalCode(v, Net("SELL", 500m, "pk-1-6", reduceOnly: true)));
        await v.Api.PlaceOrderAsync(Net("SELL", 400m, "pk-1-7", reduceOnly: true));
        Assert.Equal(600m, Assert.Single(v.Sim.Positions).Qty);
    }

    [Fact]
    public async Task PositionSideMustFitThePositionMode()
    {
        await using (var oneWay = await SimVenue.StartAsync(OneWay))
        {
            Assert.Equal(109400, await RefusalCode(oneWay, new("FET-USDT", "BUY", "LONG", "MARKET", 10m, ClientOrderId: "pk-2-1")));
            Assert.Equal(109400, await RefusalCode(oneWay, new("FET-USDT", "SELL", "SHORT", "MARKET", 10m, ClientOrderId: "pk-2-2")));
        }
        await using var hedge = await SimVenue.StartAsync();
        Assert.Equal(109400, await RefusalCode(hedge, Net("BUY", 10m, "pk-2-3")));
        Assert.Empty(hedge.Sim.Orders);
    }
}
