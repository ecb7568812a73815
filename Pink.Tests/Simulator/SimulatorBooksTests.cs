using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Pink.Shell.Venue;
using Pink.Tests.Venue;

namespace Pink.Tests.Simulator;

/// <summary>The simulator's own books are consistent with what it streams: the exchange's numbers add up.</summary>
public class SimulatorBooksTests
{
    private static decimal D(JsonElement o, string name) => decimal.Parse(o.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Streamed_rp_and_fees_add_up_to_the_wallet_and_ap_z_describe_every_partial_fill()
    {
        await using var v = await SimVenue.StartAsync();
        v.Sim.SetFillSlices(4);
        var frames = new ConcurrentQueue<string>();
        await using var stream = new BingxUserStream(v.Api, m => frames.Enqueue(m.Text), null, v.Log,
            options: new StreamOptions(null, TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(30)));
        await stream.StartAsync();
        await Eventually.True(() => v.Sim.UserStreamsOpen == 1, "connected");

        await v.Api.PlaceOrderAsync(new OrderRequest("FET-USDT", "SELL", "SHORT", "MARKET", 999m, ClientOrderId: "pk-0-1"));
        v.Sim.SetMark("FET-USDT", 0.171m);
        var close = await v.Api.PlaceOrderAsync(new OrderRequest("FET-USDT", "BUY", "SHORT", "MARKET", 999m, ClientOrderId: "pk-0-2"));
        await Eventually.True(() => frames.Count(f => f.Contains("ACCOUNT_UPDATE")) == 8, "8 fills, 8 account updates");

        var events = frames.Select(f => JsonDocument.Parse(f).RootElement).ToList();
        var trades = events.Where(e => e.GetProperty("e").GetString() == "ORDER_TRADE_UPDATE" && e.GetProperty("o").GetProperty("x").GetString() == "TRADE")
            .Select(e => e.GetProperty("o")).ToList();
        var streamedRp = trades.Sum(o => D(o, "rp"));
        var streamedFees = trades.Sum(o => D(o, "n"));
        var lastWallet = D(events.Last(e => e.GetProperty("e").GetString() == "ACCOUNT_UPDATE").GetProperty("a").GetProperty("B")[0], "wb");
        Assert.Equal(v.Sim.Account.WalletBalance, lastWallet);
        Assert.Equal(10_000m + streamedRp + streamedFees, lastWallet);   // n is negative when paid
        Assert.Equal(v.Sim.GetOrder(close.OrderId)!.RealizedPnl, streamedRp);

        // Each partial fill's true price follows from consecutive (ap, z): what the adapter relies on.
        foreach (var order in v.Sim.Orders)
        {
            var mine = trades.Where(o => o.GetProperty("i").GetInt64() == order.OrderId).ToList();
            decimal prevZ = 0, prevAp = 0;
            for (var k = 0; k < mine.Count; k++)
            {
                var (z, ap) = (D(mine[k], "z"), D(mine[k], "ap"));
                var derived = (ap * z - prevAp * prevZ) / (z - prevZ);
                Assert.Equal(order.Fills[k].Price, derived, 6);
                Assert.Equal(order.Fills[k].Qty, z - prevZ);
                (prevZ, prevAp) = (z, ap);
            }
        }
    }
}
