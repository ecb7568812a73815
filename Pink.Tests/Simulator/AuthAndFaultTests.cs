using Pink.Shell.Simulator;
using Pink.Shell.Venue;
using Pink.Tests.Venue;

namespace Pink.Tests.Simulator;

/// <summary>The venue's refusals and the scripted REST faults, as the client sees them.</summary>
public class AuthAndFaultTests
{
    [Fact]
    public async Task A_bad_signature_is_refused_with_100001()
    {
        await using var v = await SimVenue.StartAsync(secret: "not-the-secret-at-all");
        var error = await Assert.ThrowsAsync<BingxApiException>(() => v.Api.GetBalanceAsync());
        Assert.Equal(100001, error.Code);
        Assert.Equal(BingxErrorKind.SignatureFailed, error.Kind);
        Assert.Single(v.ExchangesOf("GET", BingxPaths.Balance)); // not retried, handed on once
    }

    [Fact]
    public async Task A_wrong_api_key_and_a_missing_signature_are_refused_with_their_codes()
    {
        await using var v = await SimVenue.StartAsync();
        using var http = new HttpClient();
        var url = new Uri(v.Sim.RestBaseUrl, BingxPaths.Balance + "?timestamp=" + v.Sim.NowMs());
        var noKey = await http.GetStringAsync(url);
        Assert.Contains("\"code\":100413", noKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-BX-APIKEY", v.Sim.Options.ApiKey);
        var unsigned = await (await http.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains("\"code\":100412", unsigned);
    }

    [Fact]
    public async Task Rate_limits_and_server_errors_are_retried_and_only_the_final_answer_is_handed_on()
    {
        await using var v = await SimVenue.StartAsync(retry: new RetryPolicy(4, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2)));
        v.Sim.RejectNext(new ScriptedError("GET", BingxPaths.Balance, 0, "slow down", HttpStatus: 429));
        v.Sim.RejectNext(new ScriptedError("GET", BingxPaths.Balance, 100410, "rate limited"));
        v.Sim.RejectNext(new ScriptedError("GET", BingxPaths.Balance, 100500, "internal", HttpStatus: 503));
        var balance = await v.Api.GetBalanceAsync();
        Assert.Equal(200, balance.Exchange.HttpStatus);
        Assert.Single(v.ExchangesOf("GET", BingxPaths.Balance));
        Assert.Equal(3, v.Log.Lines.Count(l => l.Contains("retrying")));
    }

    [Fact]
    public async Task Retries_end_after_the_policy_s_attempts_with_the_last_error()
    {
        await using var v = await SimVenue.StartAsync(retry: new RetryPolicy(2, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2)));
        v.Sim.RejectNext(new ScriptedError("GET", BingxPaths.Positions, 100410, "rate limited", Times: 5));
        var error = await Assert.ThrowsAsync<BingxApiException>(() => v.Api.GetPositionsAsync());
        Assert.Equal(BingxErrorKind.RateLimited, error.Kind);
    }

    [Fact]
    public async Task A_rate_limited_order_is_retried_but_a_server_error_on_an_order_is_not()
    {
        await using var v = await SimVenue.StartAsync();
        v.Sim.RejectNext(new ScriptedError("POST", BingxPaths.Order, 100410, "rate limited"));
        var placed = await v.Api.PlaceOrderAsync(new OrderRequest("FET-USDT", "BUY", "LONG", "MARKET", 10m, ClientOrderId: "pk-4-1"));
        Assert.NotNull(v.Sim.GetOrder(placed.OrderId));

        v.Sim.RejectNext(new ScriptedError("POST", BingxPaths.Order, 100500, "internal", HttpStatus: 500));
        var unknown = await Assert.ThrowsAsync<BingxOutcomeUnknownException>(() =>
            v.Api.PlaceOrderAsync(new OrderRequest("FET-USDT", "BUY", "LONG", "MARKET", 10m, ClientOrderId: "pk-4-2")));
        Assert.Equal("pk-4-2", unknown.ClientOrderId);
        Assert.Single(v.Sim.Orders); // never sent twice
    }

    [Fact]
    public async Task A_scripted_rejection_reaches_the_caller_typed_and_the_recorder_as_received()
    {
        await using var v = await SimVenue.StartAsync();
        v.Sim.RejectNext(new ScriptedError("POST", BingxPaths.Order, 101204, "Insufficient margin"));
        var error = await Assert.ThrowsAsync<BingxApiException>(() =>
            v.Api.PlaceOrderAsync(new OrderRequest("FET-USDT", "BUY", "LONG", "MARKET", 10m, ClientOrderId: "pk-5-1")));
        Assert.Equal(BingxErrorKind.InsufficientMargin, error.Kind);
        Assert.Contains("101204", Assert.Single(v.ExchangesOf("POST", BingxPaths.Order)).Response);
    }

    [Fact]
    public async Task The_venue_refuses_what_bingx_refuses()
    {
        await using var v = await SimVenue.StartAsync();
        async Task<BingxErrorKind> Kind(OrderRequest r) => (await Assert.ThrowsAsync<BingxApiException>(() => v.Api.PlaceOrderAsync(r))).Kind;
        Assert.Equal(BingxErrorKind.InsufficientMargin, await Kind(new("BTC-USDT", "BUY", "LONG", "MARKET", 1m, ClientOrderId: "pk-6-1")));
        Assert.Equal(BingxErrorKind.UnknownSymbol, await Kind(new("XYZ-USDT", "BUY", "LONG", "MARKET", 1m, ClientOrderId: "pk-6-2")));
        Assert.Equal(BingxErrorKind.InvalidParameter, await Kind(new("FET-USDT", "SELL", "LONG", "MARKET", 1m, ClientOrderId: "pk-6-3")));
        await v.Api.PlaceOrderAsync(new("FET-USDT", "BUY", "LONG", "MARKET", 1m, ClientOrderId: "pk-6-4"));
        Assert.Equal(BingxErrorKind.DuplicateClientOrderId, await Kind(new("FET-USDT", "BUY", "LONG", "MARKET", 1m, ClientOrderId: "PK-6-4")));
    }

    [Fact]
    public async Task A_lost_acknowledgement_raises_outcome_unknown_and_the_order_exists_at_the_venue()
    {
        await using var v = await SimVenue.StartAsync();
        v.Sim.LoseNextOrderAcks();
        var gateway = new BingxOrderGateway(v.Api, v.Log);
        var result = await gateway.PlaceAsync(new Pink.Core.PlaceOrder(0, "T1", "pk-7-1", "FETUSDT", Pink.Core.OrderSide.Sell,
            Pink.Core.PositionSide.Short, 100, Pink.Core.OrderPurpose.Entry, false, 3));
        Assert.True(result.Outcome == GatewayOutcome.AckLost, result.Error?.Message);
        Assert.Empty(v.ExchangesOf("POST", BingxPaths.Order)); // nothing was received, nothing is recorded
        var order = v.Sim.FindOrder("pk-7-1");
        Assert.NotNull(order);
        Assert.Equal("FILLED", order.Status);
        Assert.Single(v.Sim.Orders); // not placed twice
        var found = await v.Api.QueryOrderAsync(new OrderRef("FET-USDT", null, "pk-7-1"));
        Assert.Equal(order.OrderId, found.Data.GetProperty("order").GetProperty("orderId").GetInt64());
    }

    [Fact]
    public async Task A_held_acknowledgement_arrives_after_release()
    {
        await using var v = await SimVenue.StartAsync();
        v.Sim.HoldOrderAcks();
        var pending = v.Api.PlaceOrderAsync(new OrderRequest("FET-USDT", "BUY", "LONG", "MARKET", 10m, ClientOrderId: "pk-8-1"));
        await Eventually.True(() => v.Sim.FindOrder("pk-8-1") is { Status: "FILLED" }, "the order executes while its ack is held");
        Assert.False(pending.IsCompleted);
        v.Sim.ReleaseOrderAcks();
        var placed = await pending;
        Assert.Equal(v.Sim.FindOrder("pk-8-1")!.OrderId, placed.OrderId);
    }
}
