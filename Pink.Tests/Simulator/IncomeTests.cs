using System.Globalization;
using System.Text.Json;
using Pink.Shell.Simulator;
using Pink.Shell.Venue;
using Pink.Tests.Venue;
using static Pink.Tests.Simulator.RawUserStream;

namespace Pink.Tests.Simulator;

/// <summary>
/// GET /openApi/swap/v2/user/income: a record for every fill's realized PnL and fee — the client's orders and the
/// venue's own alike — and for every funding payment, each with its own tranId; and BingX's filters.
/// </summary>
public class IncomeTests
{
    private static OrderRequest Market(string side, string positionSide, decimal qty, string coid) =>
        new("FET-USDT", side, positionSide, "MARKET", qty, ClientOrderId: coid);

    private static async Task<List<JsonElement>> Income(SimVenue v, IncomeQuery query) =>
        (await v.Api.GetIncomeAsync(query)).Data.EnumerateArray().ToList();

    private static string Id(long tradeId) => tradeId.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task IncomeListsEveryFillAndFundingWithUniqueTranIds()
    {
        await using var v = await SimVenue.StartAsync();
        v.Sim.SetFillSlices(2);
        await v.Api.PlaceOrderAsync(Market("BUY", "LONG", 1000m, "pk-0-1"));     // two fills
        await v.Api.PlaceOrderAsync(Market("SELL", "SHORT", 1000m, "pk-0-2"));   // two fills
        v.Sim.SetFillSlices(1);
        v.Sim.SetMark("FET-USDT", 0.19m);
        v.Sim.CloseFromWebUi("FET-USDT", "LONG", 200m);
        await RawRest.PlaceStopAsync(v, "SELL", "LONG", "TAKE_PROFIT_MARKET", 0.2m, 300m);
        v.Sim.SetMark("FET-USDT", 0.2m);                                          // the take-profit fills
        v.Sim.ChargeFunding(0.0001m);                                              // the long 500 and the short 1000
        v.Sim.AutoDeleverage("FET-USDT", "LONG", 100m, 0.2m);
        v.Sim.Liquidate("FET-USDT", "SHORT");

        var income = await Income(v, new IncomeQuery(StartTime: 0, Limit: 1000));

        Assert.Equal(income.Count, income.Select(i => S(i, "tranId")).Distinct().Count());
        var fills = v.Sim.Orders.SelectMany(o => o.Fills.Select(f => (Order: o, Fill: f))).ToList();
        Assert.Equal(8, fills.Count);
        foreach (var (order, fill) in fills)
        {
            var records = income.Where(i => S(i, "tradeId") == Id(fill.TradeId)).ToList();
            Assert.All(records, i => Assert.Equal(("FET-USDT", "USDT", fill.TimeMs), (S(i, "symbol"), S(i, "asset"), i.GetProperty("time").GetInt64())));
            Assert.Equal(-fill.Fee, D(Assert.Single(records, i => S(i, "incomeType") == "TRADING_FEE"), "income"));
            var opening = order.Side == "BUY" == (order.PositionSide == "LONG");
            if (opening) Assert.DoesNotContain(records, i => S(i, "incomeType") == "REALIZED_PNL");
            else Assert.Equal(fill.RealizedPnl, D(Assert.Single(records, i => S(i, "incomeType") == "REALIZED_PNL"), "income"));
        }
        var funding = income.Where(i => S(i, "incomeType") == "FUNDING_FEE").ToList();
        Assert.Equal([-500m * 0.2m * 0.0001m, 1000m * 0.2m * 0.0001m], funding.Select(i => D(i, "income")));
        Assert.Equal(fills.Count * 2 - 4 + funding.Count, income.Count);   // four opening fills have no PnL record

        // Every record is a move of the wallet, and nothing else moved it.
        Assert.Equal(v.Sim.Account.WalletBalance - 10_000m, income.Sum(i => D(i, "income")));
        Assert.Equal(income.OrderBy(i => i.GetProperty("time").GetInt64()).Select(i => S(i, "tranId")), income.Select(i => S(i, "tranId")));
    }

    [Fact]
    public async Task IncomeHonoursSymbolTypeTimeAndLimitAsBingxDocumentsThem()
    {
        var clock = new ManualTime();
        await using var v = await SimVenue.StartAsync(new SimulatorOptions(Time: clock));
        await v.Api.PlaceOrderAsync(Market("BUY", "LONG", 1000m, "pk-1-1"));
        var t0 = v.Sim.NowMs();
        clock.Advance(TimeSpan.FromDays(8));
        await v.Api.PlaceOrderAsync(new OrderRequest("BTC-USDT", "BUY", "LONG", "MARKET", 0.01m, ClientOrderId: "pk-1-2"));
        v.Sim.ChargeFunding(0.0001m);   // two records, both at t1
        var t1 = v.Sim.NowMs();
        clock.Advance(TimeSpan.FromHours(1));
        await v.Api.PlaceOrderAsync(Market("SELL", "LONG", 1000m, "pk-1-3"));
        var t2 = v.Sim.NowMs();

        string Brief(JsonElement i) => $"{S(i, "symbol")} {S(i, "incomeType")} {(i.GetProperty("time").GetInt64() - t0) / 3_600_000}h";
        async Task<List<string>> Query(IncomeQuery q) => (await Income(v, q)).Select(Brief).ToList();

        // Neither startTime nor endTime: the last 7 days only, oldest first.
        Assert.Equal(["BTC-USDT TRADING_FEE 192h", "BTC-USDT FUNDING_FEE 192h", "FET-USDT FUNDING_FEE 192h",
            "FET-USDT REALIZED_PNL 193h", "FET-USDT TRADING_FEE 193h"], await Query(new IncomeQuery()));
        Assert.Equal(["FET-USDT TRADING_FEE 0h"], await Query(new IncomeQuery(EndTime: t0 + 1)));   // the 7 days before endTime
        Assert.Equal(6, (await Query(new IncomeQuery(StartTime: t0))).Count);
        Assert.Equal(["BTC-USDT TRADING_FEE 192h", "BTC-USDT FUNDING_FEE 192h"], await Query(new IncomeQuery("BTC-USDT", StartTime: t0)));
        Assert.Equal(["FET-USDT FUNDING_FEE 192h"], await Query(new IncomeQuery("FET-USDT", "FUNDING_FEE", t0)));
        Assert.Equal(3, (await Query(new IncomeQuery(StartTime: t1, EndTime: t1))).Count);          // inclusive at both ends
        Assert.Equal(2, (await Query(new IncomeQuery(StartTime: t2))).Count);

        // Beyond the limit: from startTime, the first ones (page forward by time); without it, the newest.
        Assert.Equal(["FET-USDT TRADING_FEE 0h", "BTC-USDT TRADING_FEE 192h"], await Query(new IncomeQuery(StartTime: t0, Limit: 2)));
        Assert.Equal(["FET-USDT REALIZED_PNL 193h", "FET-USDT TRADING_FEE 193h"], await Query(new IncomeQuery(Limit: 2)));

        var refused = await Assert.ThrowsAsync<BingxApiException>(() => v.Api.GetIncomeAsync(new IncomeQuery(IncomeType: "COMMISSION")));
        Assert.Equal(109400, refused.Code);
    }
}
