using System.Text.Json;
using Pink.Shell.Simulator;
using Pink.Shell.Venue;
using Pink.Tests.Venue;

namespace Pink.Tests.Simulator;

/// <summary>Each REST call of the client against the simulator, checked on the answer and on the venue's books.</summary>
public class RestCallTests
{
    private static OrderRequest Market(string side, string positionSide, decimal qty, string coid, string symbol = "FET-USDT") =>
        new(symbol, side, positionSide, "MARKET", qty, ClientOrderId: coid);

    [Fact]
    public async Task Server_time_measures_the_clock_offset()
    {
        await using var v = await SimVenue.StartAsync(new SimulatorOptions(ServerClockOffset: TimeSpan.FromSeconds(60)));
        var serverNow = await v.Api.GetServerTimeAsync();
        Assert.InRange(v.Api.Rest.Clock.OffsetMs, 55_000, 65_000);
        Assert.InRange(serverNow - v.Sim.NowMs(), -5_000, 5_000);
    }

    [Fact]
    public async Task A_timestamp_outside_recv_window_is_rejected_once_then_the_clock_is_re_measured()
    {
        await using var v = await SimVenue.StartAsync(new SimulatorOptions(ServerClockOffset: TimeSpan.FromSeconds(-60)));
        var balance = await v.Api.GetBalanceAsync();
        Assert.Equal("10000.00000000", balance.Data.GetProperty("balance").GetProperty("balance").GetString());
        Assert.InRange(v.Api.Rest.Clock.OffsetMs, -65_000, -55_000);
    }

    [Fact]
    public async Task A_market_order_is_acknowledged_queried_and_its_partial_fills_are_booked()
    {
        await using var v = await SimVenue.StartAsync();
        v.Sim.SetFillSlices(3);
        var placed = await v.Api.PlaceOrderAsync(Market("SELL", "SHORT", 1000m, "PK-0-1"));
        Assert.True(placed.OrderId > 1_000_000_000_000_000_000, "19-digit order id");
        var ack = placed.Response.Data.GetProperty("order");
        Assert.Equal(0m, ack.GetProperty("price").GetDecimal()); // a MARKET ack carries no fill price

        var query = await v.Api.QueryOrderAsync(new OrderRef("FET-USDT", null, "pk-0-1"));
        var o = query.Data.GetProperty("order");
        Assert.Equal(placed.OrderId, o.GetProperty("orderId").GetInt64());
        Assert.Equal("FILLED", o.GetProperty("status").GetString());
        Assert.Equal("1000", o.GetProperty("executedQty").GetString());
        Assert.Equal("pk-0-1", o.GetProperty("clientOrderId").GetString()); // lower-cased by the venue
        var view = v.Sim.GetOrder(placed.OrderId)!;
        Assert.Equal(3, view.Fills.Count);
        Assert.Equal(3, view.Fills.Select(f => f.Price).Distinct().Count());
        Assert.Equal(-view.FeesPaid, decimal.Parse(o.GetProperty("commission").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(view.FeesPaid > 0);
    }

    [Fact]
    public async Task A_limit_order_rests_is_cancelled_and_the_cancel_answer_says_cancelled()
    {
        await using var v = await SimVenue.StartAsync();
        var placed = await v.Api.PlaceOrderAsync(new OrderRequest("FET-USDT", "BUY", "LONG", "LIMIT", 100m, 0.15m, "pk-1-1", "GTC"));
        var pending = await v.Api.QueryOrderAsync(new OrderRef("FET-USDT", placed.OrderId));
        Assert.Equal("PENDING", pending.Data.GetProperty("order").GetProperty("status").GetString());
        var cancelled = await v.Api.CancelOrderAsync(new OrderRef("FET-USDT", placed.OrderId));
        Assert.Equal("CANCELLED", cancelled.Data.GetProperty("order").GetProperty("status").GetString());
        var again = await Assert.ThrowsAsync<BingxApiException>(() => v.Api.CancelOrderAsync(new OrderRef("FET-USDT", placed.OrderId)));
        Assert.Equal(BingxErrorKind.InvalidParameter, again.Kind);
        var missing = await Assert.ThrowsAsync<BingxApiException>(() => v.Api.QueryOrderAsync(new OrderRef("FET-USDT", 42)));
        Assert.Equal(BingxErrorKind.OrderNotFound, missing.Kind);
    }

    [Fact]
    public async Task A_resting_limit_order_fills_as_maker_when_the_mark_reaches_it()
    {
        await using var v = await SimVenue.StartAsync();
        var placed = await v.Api.PlaceOrderAsync(new OrderRequest("FET-USDT", "BUY", "LONG", "LIMIT", 100m, 0.17m, "pk-1-2", "GTC"));
        v.Sim.SetMark("FET-USDT", 0.169m);
        var o = v.Sim.GetOrder(placed.OrderId)!;
        Assert.Equal("FILLED", o.Status);
        Assert.Equal(0.17m, o.AvgPrice);
        Assert.Equal(100m * 0.17m * 0.0002m, o.FeesPaid);
    }

    [Fact]
    public async Task Positions_balance_and_income_report_an_open_and_close_with_realized_pnl()
    {
        await using var v = await SimVenue.StartAsync();
        await v.Api.SetLeverageAsync("FET-USDT", "SHORT", 3);
        await v.Api.PlaceOrderAsync(Market("SELL", "SHORT", 1000m, "pk-2-1"));
        var positions = await v.Api.GetPositionsAsync();
        var p = Assert.Single(positions.Data.EnumerateArray());
        Assert.Equal("SHORT", p.GetProperty("positionSide").GetString());
        Assert.Equal("1000", p.GetProperty("positionAmt").GetString()); // unsigned
        Assert.Equal(3, p.GetProperty("leverage").GetInt32());

        v.Sim.SetMark("FET-USDT", 0.17m);
        var close = await v.Api.PlaceOrderAsync(Market("BUY", "SHORT", 1000m, "pk-2-2"));
        var closed = v.Sim.GetOrder(close.OrderId)!;
        Assert.Equal(1000m * (0.18m - 0.17m), closed.RealizedPnl); // leverage-free
        Assert.Empty((await v.Api.GetPositionsAsync()).Data.EnumerateArray());

        var account = v.Sim.Account;
        Assert.Equal(10_000m + closed.RealizedPnl - account.FeesPaid, account.WalletBalance);
        var balance = (await v.Api.GetBalanceAsync()).Data.GetProperty("balance");
        Assert.Equal(account.WalletBalance.ToString("F8", System.Globalization.CultureInfo.InvariantCulture), balance.GetProperty("balance").GetString());

        var income = (await v.Api.GetIncomeAsync(new IncomeQuery("FETUSDT"))).Data.EnumerateArray().ToList();
        Assert.Equal(closed.RealizedPnl, income.Where(i => i.GetProperty("incomeType").GetString() == "REALIZED_PNL").Sum(Income));
        Assert.Equal(-account.FeesPaid, income.Where(i => i.GetProperty("incomeType").GetString() == "TRADING_FEE").Sum(Income));
        var fees = await v.Api.GetIncomeAsync(new IncomeQuery(IncomeType: "TRADING_FEE", Limit: 1));
        Assert.Single(fees.Data.EnumerateArray());
    }

    private static decimal Income(JsonElement i) => decimal.Parse(i.GetProperty("income").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Set_leverage_answers_the_leverage_and_refuses_nonsense()
    {
        await using var v = await SimVenue.StartAsync();
        var set = await v.Api.SetLeverageAsync("FETUSDT", "LONG", 2);
        Assert.Equal(2, set.Data.GetProperty("leverage").GetInt32());
        Assert.Equal("FET-USDT", set.Data.GetProperty("symbol").GetString());
        var bad = await Assert.ThrowsAsync<BingxApiException>(() => v.Api.SetLeverageAsync("FET-USDT", "LONG", 0));
        Assert.Equal(BingxErrorKind.InvalidParameter, bad.Kind);
    }

    [Fact]
    public async Task The_mark_price_is_public_and_follows_the_simulator()
    {
        await using var v = await SimVenue.StartAsync();
        v.Sim.SetMark("FET-USDT", 0.1834m);
        var (mark, response) = await v.Api.GetMarkPriceAsync("FETUSDT");
        Assert.Equal(0.1834m, mark);
        Assert.Equal("FET-USDT", response.Data.GetProperty("symbol").GetString());
        var unknown = await Assert.ThrowsAsync<BingxApiException>(() => v.Api.GetMarkPriceAsync("NOPE-USDT"));
        Assert.Equal(BingxErrorKind.UnknownSymbol, unknown.Kind);
    }

    [Fact]
    public async Task A_listen_key_is_created_extended_and_deleted_and_then_unknown()
    {
        await using var v = await SimVenue.StartAsync();
        var key = await v.Api.CreateListenKeyAsync();
        Assert.Matches("^[0-9a-f]{64}$", key);
        await v.Api.ExtendListenKeyAsync(key);
        await v.Api.DeleteListenKeyAsync(key);
        var gone = await Assert.ThrowsAsync<BingxApiException>(() => v.Api.ExtendListenKeyAsync(key));
        Assert.Equal(404, gone.HttpStatus);
    }

    [Fact]
    public async Task Every_final_answer_is_handed_on_as_received_without_the_signature()
    {
        await using var v = await SimVenue.StartAsync();
        await v.Api.PlaceOrderAsync(Market("BUY", "LONG", 10m, "pk-3-1"));
        var exchange = Assert.Single(v.ExchangesOf("POST", BingxPaths.Order));
        Assert.Equal(200, exchange.HttpStatus);
        Assert.Contains(exchange.Params, kv => kv.Key == "clientOrderId" && kv.Value == "pk-3-1");
        Assert.DoesNotContain(exchange.Params, kv => kv.Key == "signature");
        Assert.StartsWith("{\"code\":0", exchange.Response);
        Assert.Equal("pk-3-1", exchange.ParamsJson().GetProperty("clientOrderId").GetString());
    }
}
