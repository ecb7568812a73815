using System.Text.Json;
using Pink.Shell.Simulator;
using Pink.Shell.Venue;
using Pink.Tests.Venue;
using static Pink.Tests.Simulator.RawUserStream;

namespace Pink.Tests.Simulator;

/// <summary>
/// The venue closing positions by itself — liquidation of a whole position, auto-deleverage of a part — with orders
/// the client never placed: no NEW frame, `x` CALCULATED, `c` empty, the account update in the configured order, and
/// REST (order, positions, balance, income, force orders) in agreement.
/// </summary>
public class LiquidationTests
{
    private static OrderRequest Market(string side, string positionSide, decimal qty, string coid) =>
        new("FET-USDT", side, positionSide, "MARKET", qty, ClientOrderId: coid);

    private static List<JsonElement> Income(BingxResponse r) => r.Data.EnumerateArray().ToList();

    [Fact]
    public async Task LiquidationClosesThePositionWithAnOrderTheClientNeverPlaced()
    {
        await using var v = await SimVenue.StartAsync();
        await using var stream = await RawUserStream.ConnectAsync(v);
        var placed = await v.Api.PlaceOrderAsync(Market("BUY", "LONG", 1000m, "pk-0-1"));
        v.Sim.SetMark("FET-USDT", 0.15m);

        var liquidation = v.Sim.Liquidate("FETUSDT", "LONG");

        await stream.UntilAtLeast(5, "the open (NEW, fill) and the liquidation's two frames");
        Assert.Equal(["NEW", "AU 1000", "OTU 1000", "AU 0", "CALC 1000"], stream.Labels); // no NEW: the venue placed it
        var o = stream.OrderUpdates[^1];
        Assert.Equal(liquidation.OrderId, o.GetProperty("i").GetInt64());
        Assert.NotEqual(placed.OrderId, liquidation.OrderId);
        Assert.InRange(liquidation.OrderId, 1_000_000_000_000_000_000, long.MaxValue);   // 19 digits
        Assert.Equal("", S(o, "c"));
        Assert.Equal("LIQUIDATION", S(o, "o"));
        Assert.Equal("CALCULATED", S(o, "x"));
        Assert.Equal("FILLED", S(o, "X"));
        Assert.Equal(("SELL", "LONG"), (S(o, "S"), S(o, "ps")));
        Assert.Equal("1000.00000000", S(o, "z"));
        Assert.Equal("0.15000000", S(o, "ap"));
        Assert.Equal("-30.00000000", S(o, "rp"));   // 1000 × (0.15 − 0.18)
        Assert.Equal("-0.15000000", S(o, "n"));     // 1000 × 0.15 × 0.001, the liquidation fee rate

        var wallet = 10_000m - 1000m * 0.18m * 0.0005m - 30m - 0.15m;
        var account = stream.AccountUpdates[^1];
        Assert.Equal("ORDER", S(account, "m"));
        Assert.Equal(wallet, D(account.GetProperty("B")[0], "wb"));
        Assert.Equal(("0.00000000", "LONG"), (S(account.GetProperty("P")[0], "pa"), S(account.GetProperty("P")[0], "ps")));
        Assert.Equal(wallet, v.Sim.Account.WalletBalance);

        Assert.Empty((await v.Api.GetPositionsAsync()).Data.EnumerateArray());
        Assert.Equal(wallet, D((await v.Api.GetBalanceAsync()).Data.GetProperty("balance"), "balance"));
        var order = (await v.Api.QueryOrderAsync(new OrderRef("FET-USDT", liquidation.OrderId))).Data.GetProperty("order");
        Assert.Equal(("LIQUIDATION", "FILLED", ""), (S(order, "type"), S(order, "status"), S(order, "clientOrderId")));
        Assert.Equal(("-30.00000000", "-0.15000000"), (S(order, "profit"), S(order, "commission")));

        var tradeId = liquidation.Fills.Single().TradeId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var records = Income(await v.Api.GetIncomeAsync(new IncomeQuery("FET-USDT"))).Where(i => S(i, "tradeId") == tradeId).ToList();
        Assert.Equal(["REALIZED_PNL -30", "TRADING_FEE -0.15"], records.Select(i => $"{S(i, "incomeType")} {D(i, "income"):0.##}"));

        var forced = Assert.Single((await RawRest.ForceOrdersAsync(v)).Data.GetProperty("orders").EnumerateArray());
        Assert.Equal(liquidation.OrderId, forced.GetProperty("orderId").GetInt64());
        Assert.Empty((await RawRest.ForceOrdersAsync(v, "ADL")).Data.GetProperty("orders").EnumerateArray());
    }

    [Fact]
    public async Task ALiquidationsFramesFollowTheEventOrderOption()
    {
        await using var v = await SimVenue.StartAsync(new SimulatorOptions(EventOrder: EventOrder.OrderFirst));
        await using var stream = await RawUserStream.ConnectAsync(v);
        await v.Api.PlaceOrderAsync(Market("SELL", "SHORT", 1000m, "pk-1-1"));
        v.Sim.Liquidate("FET-USDT", "SHORT", 0.21m);
        await stream.UntilAtLeast(5, "the open and the liquidation");
        Assert.Equal(["NEW", "OTU 1000", "AU 1000", "CALC 1000", "AU 0"], stream.Labels);
        Assert.Equal("-30.00000000", S(stream.OrderUpdates[^1], "rp")); // a short liquidated above its entry: −1000 × (0.21 − 0.18)
        Assert.Equal(("BUY", "0.21000000"), (S(stream.OrderUpdates[^1], "S"), S(stream.OrderUpdates[^1], "ap")));
    }

    [Fact]
    public async Task LiquidationOfAOneWayPositionClosesTheNetPosition()
    {
        await using var v = await SimVenue.StartAsync(new SimulatorOptions(PositionMode: PositionMode.OneWay));
        await using var stream = await RawUserStream.ConnectAsync(v);
        await v.Api.PlaceOrderAsync(new OrderRequest("FET-USDT", "SELL", "BOTH", "MARKET", 500m, ClientOrderId: "pk-2-1"));
        v.Sim.SetMark("FET-USDT", 0.20m);
        var adl = v.Sim.AutoDeleverage("FET-USDT", "BOTH", 100m, 0.16m);   // a part of the net short, at a profit
        Assert.Equal(("BUY", "BOTH", 2m), (adl.Side, adl.PositionSide, adl.RealizedPnl));

        v.Sim.Liquidate("FET-USDT", "BOTH");

        await stream.UntilAtLeast(7, "the open, the ADL, the liquidation");
        Assert.Equal(["NEW", "AU -500", "OTU 500", "AU -400", "CALC 100", "AU 0", "CALC 400"], stream.Labels);
        var o = stream.OrderUpdates[^1];
        Assert.Equal(("BUY", "BOTH", "LIQUIDATION"), (S(o, "S"), S(o, "ps"), S(o, "o")));
        Assert.Equal("-8.00000000", S(o, "rp"));    // −400 × (0.20 − 0.18)
        Assert.Equal("BOTH", S(stream.AccountUpdates[^1].GetProperty("P")[0], "ps"));
        Assert.Empty((await v.Api.GetPositionsAsync()).Data.EnumerateArray());
        Assert.Throws<InvalidOperationException>(() => v.Sim.Liquidate("FET-USDT", "BOTH")); // nothing left
    }

    [Fact]
    public async Task AdlReducesPartOfAPosition()
    {
        await using var v = await SimVenue.StartAsync();
        await using var stream = await RawUserStream.ConnectAsync(v);
        await v.Api.PlaceOrderAsync(Market("SELL", "SHORT", 1000m, "pk-3-1"));
        v.Sim.SetMark("FET-USDT", 0.15m);

        var adl = v.Sim.AutoDeleverage("FET-USDT", "SHORT", 400m, 0.15m);

        await stream.UntilAtLeast(5, "the open and the ADL");
        Assert.Equal(["NEW", "AU 1000", "OTU 1000", "AU 600", "CALC 400"], stream.Labels);
        var o = stream.OrderUpdates[^1];
        Assert.Equal(adl.OrderId, o.GetProperty("i").GetInt64());
        Assert.Equal(("MARKET", "CALCULATED", "FILLED", ""), (S(o, "o"), S(o, "x"), S(o, "X"), S(o, "c")));
        Assert.Equal(("400.00000000", "400.00000000"), (S(o, "q"), S(o, "z")));
        Assert.Equal("12.00000000", S(o, "rp"));    // 400 × (0.18 − 0.15): ADL takes the profitable side
        Assert.Equal("-0.03000000", S(o, "n"));     // 400 × 0.15 × 0.0005, the taker rate by default

        var position = Assert.Single((await v.Api.GetPositionsAsync()).Data.EnumerateArray());
        Assert.Equal(("600", "SHORT"), (S(position, "positionAmt"), S(position, "positionSide")));
        Assert.Equal(10_000m - 1000m * 0.18m * 0.0005m + 12m - 0.03m, v.Sim.Account.WalletBalance);
        var forced = Assert.Single((await RawRest.ForceOrdersAsync(v, "ADL")).Data.GetProperty("orders").EnumerateArray());
        Assert.Equal(("MARKET", "400"), (S(forced, "type"), S(forced, "executedQty")));

        Assert.Throws<InvalidOperationException>(() => v.Sim.AutoDeleverage("FET-USDT", "SHORT", 601m, 0.15m));
        Assert.Throws<InvalidOperationException>(() => v.Sim.AutoDeleverage("FET-USDT", "LONG", 1m, 0.15m));
        Assert.Throws<InvalidOperationException>(() => v.Sim.AutoDeleverage("FET-USDT", "BOTH", 1m, 0.15m)); // hedge mode
        Assert.Equal(600m, Assert.Single(v.Sim.Positions).Qty);
    }

    [Fact]
    public async Task ForcedClosesCanBeBookedAsInsuranceClearAndAdlIncome()
    {
        await using var v = await SimVenue.StartAsync(new SimulatorOptions(ForcedCloseIncome: ForcedCloseIncome.ByKind, AdlFeeRate: 0m));
        await v.Api.PlaceOrderAsync(Market("BUY", "LONG", 1000m, "pk-4-1"));
        await v.Api.PlaceOrderAsync(Market("SELL", "SHORT", 1000m, "pk-4-2"));
        var adl = v.Sim.AutoDeleverage("FET-USDT", "LONG", 200m, 0.19m);
        var liquidation = v.Sim.Liquidate("FET-USDT", "SHORT", 0.19m);

        var income = Income(await v.Api.GetIncomeAsync(new IncomeQuery("FET-USDT")));
        string Records(SimOrderView order) => string.Join(", ", income
            .Where(i => S(i, "tradeId") == order.Fills.Single().TradeId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Select(i => $"{S(i, "incomeType")} {D(i, "income"):0.##} {S(i, "info")}"));
        Assert.Equal("ADL 2 Automatic Deleveraging", Records(adl));   // 200 × (0.19 − 0.18); a zero fee writes no record
        Assert.Equal("INSURANCE_CLEAR -10 Strong liquidation, TRADING_FEE -0.19 Closing Fee", Records(liquidation));
        Assert.Single(Income(await v.Api.GetIncomeAsync(new IncomeQuery(IncomeType: "INSURANCE_CLEAR"))));
        Assert.Equal(0m, adl.FeesPaid);
    }
}
