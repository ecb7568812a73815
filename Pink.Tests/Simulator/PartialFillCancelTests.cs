using System.Text.Json;
using Pink.Shell.Venue;
using Pink.Tests.Venue;

namespace Pink.Tests.Simulator;

/// <summary>
/// A partly filled order that is cancelled: the DELETE answer carries its final figures (bingx-api-facts.md §6), and
/// can be the first report of fills the stream never described.
/// </summary>
public class PartialFillCancelTests
{
    private static string S(JsonElement o, string name) => o.GetProperty(name).GetString()!;

    [Fact]
    public async Task CancelOfAPartlyFilledOrderAnswersWithItsFills()
    {
        await using var v = await SimVenue.StartAsync();
        await v.Api.PlaceOrderAsync(new OrderRequest("FET-USDT", "BUY", "LONG", "MARKET", 100m, ClientOrderId: "pk-0-in"));
        v.Sim.SetMark("FET-USDT", 0.20m);

        v.Sim.PartialFillThenRest(0.4m);
        var exit = await v.Api.PlaceOrderAsync(new OrderRequest("FET-USDT", "SELL", "LONG", "LIMIT", 100m, 0.195m, "pk-0-out", "GTC"));
        var live = (await v.Api.QueryOrderAsync(new OrderRef("FET-USDT", exit.OrderId))).Data.GetProperty("order");
        Assert.Equal("PARTIALLY_FILLED", S(live, "status"));
        Assert.Equal("40", S(live, "executedQty"));

        var cancelled = (await v.Api.CancelOrderAsync(new OrderRef("FET-USDT", exit.OrderId))).Data.GetProperty("order");
        Assert.Equal("CANCELLED", S(cancelled, "status"));
        Assert.Equal("100", S(cancelled, "origQty"));
        Assert.Equal("40", S(cancelled, "executedQty"));
        Assert.Equal("0.20000000", S(cancelled, "avgPrice"));      // the taker fill at the mark, better than the limit
        Assert.Equal("0.80000000", S(cancelled, "profit"));        // 40 × (0.20 − 0.18)
        Assert.Equal("-0.00400000", S(cancelled, "commission"));   // 40 × 0.20 × 0.0005, negative when paid
        Assert.Equal("pk-0-out", S(cancelled, "clientOrderId"));

        var position = Assert.Single((await v.Api.GetPositionsAsync()).Data.EnumerateArray());
        Assert.Equal("60", S(position, "positionAmt"));
        Assert.Equal("CANCELED", v.Sim.GetOrder(exit.OrderId)!.Status);
    }

    [Fact]
    public async Task CancelOfAPartlyFilledMarketOrderIsTheFirstReportOfItsSilentFills()
    {
        await using var v = await SimVenue.StartAsync();
        await using var stream = await RawUserStream.ConnectAsync(v);
        v.Sim.PartialFillThenRest(0.25m, withoutOrderUpdates: true);
        var placed = await v.Api.PlaceOrderAsync(new OrderRequest("FET-USDT", "SELL", "SHORT", "MARKET", 1000m, ClientOrderId: "pk-1-in"));
        await stream.UntilAtLeast(2, "NEW and the fill's account update");
        Assert.Equal("SHORT", S(Assert.Single((await v.Api.GetPositionsAsync()).Data.EnumerateArray()), "positionSide"));

        var cancelled = (await v.Api.CancelOrderAsync(new OrderRef("FET-USDT", placed.OrderId))).Data.GetProperty("order");
        Assert.Equal("CANCELLED", S(cancelled, "status"));
        Assert.Equal("250", S(cancelled, "executedQty"));
        Assert.Equal("0.18000000", S(cancelled, "avgPrice"));
        Assert.Equal("-0.02250000", S(cancelled, "commission"));   // 250 × 0.18 × 0.0005
        Assert.Equal("0.00000000", S(cancelled, "profit"));

        await stream.UntilAtLeast(3, "the CANCELED frame");
        Assert.Equal(["NEW", "AU 250", "CANCELED"], stream.Labels); // no TRADE frame ever described the fill
        var canceled = stream.Events[2].GetProperty("o");
        Assert.Equal("CANCELED", S(canceled, "X"));
        Assert.Equal("250.00000000", S(canceled, "z"));
    }
}
