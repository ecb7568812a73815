using Pink.Shell.Simulator;
using Pink.Shell.Venue;
using Pink.Tests.Venue;

namespace Pink.Tests.Simulator;

/// <summary>
/// The order in which the user stream carries a fill's ORDER_TRADE_UPDATE and ACCOUNT_UPDATE (bingx-api-facts.md §6):
/// account first by default, order first on request, or a seeded interleaving that keeps each channel in order.
/// </summary>
public class EventOrderTests
{
    private static OrderRequest Market(string side, string positionSide, decimal qty, string coid) =>
        new("FET-USDT", side, positionSide, "MARKET", qty, ClientOrderId: coid);

    [Fact]
    public async Task AccountUpdateOfAFillArrivesBeforeItsOrderUpdateByDefault()
    {
        await using var v = await SimVenue.StartAsync();
        Assert.Equal(EventOrder.AccountFirst, v.Sim.Options.EventOrder);
        v.Sim.SetFillSlices(3);
        await using var stream = await RawUserStream.ConnectAsync(v);
        await v.Api.PlaceOrderAsync(Market("SELL", "SHORT", 999m, "pk-0-1"));
        await stream.UntilAtLeast(7, "NEW and three fills");
        Assert.Equal(["NEW", "AU 333", "OTU 333", "AU 666", "OTU 666", "AU 999", "OTU 999"], stream.Labels);
    }

    [Fact]
    public async Task OrderUpdateOfAFillArrivesBeforeItsAccountUpdateWhenOrderFirstIsChosen()
    {
        await using var v = await SimVenue.StartAsync(new SimulatorOptions(EventOrder: EventOrder.OrderFirst));
        v.Sim.SetFillSlices(3);
        await using var stream = await RawUserStream.ConnectAsync(v);
        await v.Api.PlaceOrderAsync(Market("SELL", "SHORT", 999m, "pk-0-1"));
        await stream.UntilAtLeast(7, "NEW and three fills");
        Assert.Equal(["NEW", "OTU 333", "AU 333", "OTU 666", "AU 666", "OTU 999", "AU 999"], stream.Labels);
    }

    [Fact]
    public async Task RandomInterleavingIsSeededAndKeepsEachChannelInOrder()
    {
        var first = await RandomRun(seed: 7);
        Assert.Equal(first, await RandomRun(seed: 7)); // the same seed, the same stream

        var runs = new List<List<string>> { first };
        for (var seed = 1; seed <= 5; seed++) runs.Add(await RandomRun(seed));
        foreach (var labels in runs) EachChannelInOrderAndNoFramePassedTooOften(labels);

        // Neither strict order is all Random ever gives, and the seed matters.
        var accountFirst = Strict(accountFirst: true);
        var orderFirst = Strict(accountFirst: false);
        Assert.Contains(runs, r => !r.SequenceEqual(accountFirst) && !r.SequenceEqual(orderFirst));
        Assert.True(runs.Select(r => string.Join(',', r)).Distinct().Count() > 1, "different seeds, different interleavings");
    }

    /// <summary>An open of 1000 and its close, each in four fills of 250, on a fresh venue in Random mode.</summary>
    private static async Task<List<string>> RandomRun(int seed)
    {
        await using var v = await SimVenue.StartAsync(new SimulatorOptions(EventOrder: EventOrder.Random, EventOrderSeed: seed));
        v.Sim.SetFillSlices(4);
        await using var stream = await RawUserStream.ConnectAsync(v);
        await v.Api.PlaceOrderAsync(Market("SELL", "SHORT", 1000m, "pk-0-1"));
        v.Sim.SetMark("FET-USDT", 0.17m);
        await v.Api.PlaceOrderAsync(Market("BUY", "SHORT", 1000m, "pk-0-2"));
        await stream.UntilAtLeast(18, "two orders: NEW and four fills each");
        return stream.Labels;
    }

    /// <summary>What AccountFirst or OrderFirst would have sent for <see cref="RandomRun"/>.</summary>
    private static List<string> Strict(bool accountFirst)
    {
        var labels = new List<string>();
        foreach (var positions in new[] { new[] { 250, 500, 750, 1000 }, new[] { 750, 500, 250, 0 } })
        {
            labels.Add("NEW");
            for (var k = 0; k < 4; k++)
            {
                var (order, account) = ($"OTU {250 * (k + 1)}", $"AU {positions[k]}");
                labels.AddRange(accountFirst ? [account, order] : [order, account]);
            }
        }
        return labels;
    }

    /// <summary>
    /// Within each order (a NEW starts one) the k-th order update says z = 250k and the k-th account update the position
    /// after the k-th fill; no frame is passed by more than three later frames of the other channel.
    /// </summary>
    private static void EachChannelInOrderAndNoFramePassedTooOften(List<string> labels)
    {
        var orders = Segments(labels);
        Assert.Equal(2, orders.Count);
        for (var n = 0; n < orders.Count; n++)
        {
            var segment = orders[n];
            var fills = segment.Where(l => l.StartsWith("OTU ", StringComparison.Ordinal)).Select(l => int.Parse(l[4..]) / 250).ToList();
            var accounts = segment.Where(l => l.StartsWith("AU ", StringComparison.Ordinal)).Select(l => int.Parse(l[3..])).ToList();
            Assert.Equal([1, 2, 3, 4], fills);
            Assert.Equal(n == 0 ? [250, 500, 750, 1000] : [750, 500, 250, 0], accounts);

            var (ordersSeen, accountsSeen) = (0, 0);
            foreach (var label in segment)
            {
                if (label.StartsWith("OTU ", StringComparison.Ordinal))
                {
                    // the k-th order update (k = ordersSeen + 1) was passed by the account updates k, k+1, … already out
                    Assert.True(accountsSeen - ordersSeen <= 3, string.Join(", ", labels));
                    ordersSeen++;
                }
                else if (label.StartsWith("AU ", StringComparison.Ordinal))
                {
                    // the k-th account update (k = accountsSeen + 1) was passed by the order updates k+1, k+2, … already out
                    Assert.True(ordersSeen - accountsSeen - 1 <= 3, string.Join(", ", labels));
                    accountsSeen++;
                }
            }
        }
    }

    private static List<List<string>> Segments(List<string> labels)
    {
        var segments = new List<List<string>>();
        foreach (var label in labels)
        {
            if (label == "NEW") segments.Add([]);
            else segments[^1].Add(label);
        }
        return segments;
    }
}
