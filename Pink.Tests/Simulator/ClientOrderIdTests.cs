using Pink.Shell.Venue;
using Pink.Tests.Venue;

namespace Pink.Tests.Simulator;

/// <summary>The venue lower-cases clientOrderId and answers with it so (bingx-api-facts.md §6).</summary>
public class ClientOrderIdTests
{
    [Fact]
    public async Task StreamAndRestCarryTheLowerCasedClientOrderId()
    {
        await using var v = await SimVenue.StartAsync();
        await using var stream = await RawUserStream.ConnectAsync(v);

        var placed = await v.Api.PlaceOrderAsync(new OrderRequest("FET-USDT", "BUY", "LONG", "MARKET", 10m, ClientOrderId: "PK-Mixed-1"));
        Assert.Equal("pk-mixed-1", placed.Response.Data.GetProperty("order").GetProperty("clientOrderID").GetString());
        await stream.UntilAtLeast(3, "NEW, TRADE and ACCOUNT_UPDATE");
        var updates = stream.Events.Where(e => e.GetProperty("e").GetString() == "ORDER_TRADE_UPDATE").Select(e => e.GetProperty("o")).ToList();
        Assert.Equal("pk-mixed-1", updates.Single(o => o.GetProperty("x").GetString() == "NEW").GetProperty("c").GetString());
        Assert.Equal("", updates.Single(o => o.GetProperty("x").GetString() == "TRADE").GetProperty("c").GetString()); // empty on fills, as captured
        var queried = await v.Api.QueryOrderAsync(new OrderRef("FET-USDT", null, "PK-MIXED-1"));
        Assert.Equal("pk-mixed-1", queried.Data.GetProperty("order").GetProperty("clientOrderId").GetString());

        var resting = await v.Api.PlaceOrderAsync(new OrderRequest("FET-USDT", "BUY", "LONG", "LIMIT", 10m, 0.15m, "PK-Rest-2", "GTC"));
        Assert.Equal("pk-rest-2", resting.Response.Data.GetProperty("order").GetProperty("clientOrderID").GetString());
        var cancelled = await v.Api.CancelOrderAsync(new OrderRef("FET-USDT", null, "PK-Rest-2"));
        Assert.Equal("pk-rest-2", cancelled.Data.GetProperty("order").GetProperty("clientOrderId").GetString());
        await stream.UntilAtLeast(5, "the LIMIT order's NEW and CANCELED");
        var last = stream.Events.Where(e => e.GetProperty("e").GetString() == "ORDER_TRADE_UPDATE").Select(e => e.GetProperty("o")).ToList();
        Assert.Equal("pk-rest-2", last[^2].GetProperty("c").GetString());
        Assert.Equal("CANCELED", last[^1].GetProperty("x").GetString());
        Assert.Equal("", last[^1].GetProperty("c").GetString());
    }
}
