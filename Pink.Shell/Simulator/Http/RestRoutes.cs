using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Pink.Shell.Simulator.Engine;
using Pink.Shell.Simulator.Stream;
using Pink.Shell.Simulator.Wire;
using Pink.Shell.Venue;

namespace Pink.Shell.Simulator.Http;

/// <summary>
/// The REST endpoints: scripted errors first, then the venue's own checks (signature, timestamp), then the engine.
/// The place-order acknowledgement is where the ack faults act: the order is executed (and streamed) either way, and
/// its answer is then held, or lost by dropping the connection.
/// </summary>
internal sealed class RestRoutes(SimExchange exchange, ListenKeyBook keys, FaultScript faults, SimulatorOptions options, Func<long> serverNow)
{
    public async Task HandleAsync(HttpListenerContext context)
    {
        var request = await SimRequest.ReadAsync(context.Request).ConfigureAwait(false);
        Reply reply;
        try
        {
            if (faults.TakeError(request.Method, request.Path) is ScriptedError scripted)
                reply = Reply.Error(scripted.Code, scripted.Message, scripted.HttpStatus);
            else if (request is { Method: "POST", Path: BingxPaths.Order })
            {
                reply = Place(request);
                if (faults.TakeLostAck())
                {
                    await reply.LoseAsync(context.Response).ConfigureAwait(false);
                    return;
                }
                await faults.AckGate().ConfigureAwait(false);
            }
            else reply = Route(request);
        }
        catch (SimRejection rejection)
        {
            reply = Reply.Error(rejection.Code, rejection.Message, rejection.HttpStatus);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            reply = Reply.Error(100500, $"internal error ({ex.GetType().Name})", 500);
        }
        await reply.WriteAsync(context.Response).ConfigureAwait(false);
    }

    /// <summary>The user's liquidation and ADL orders (the client does not call it; the venue has it).</summary>
    public const string ForceOrdersPath = "/openApi/swap/v2/trade/forceOrders";

    private Reply Route(SimRequest r) => (r.Method, r.Path) switch
    {
        ("GET", BingxPaths.ServerTime) => Reply.Ok(new JsonObject { ["serverTime"] = serverNow() }),
        ("GET", BingxPaths.PremiumIndex) => Marks(r),
        ("GET", BingxPaths.Contracts) => Reply.Ok(exchange.Read(b => RestShapes.Contracts(b, r["symbol"]))),
        ("GET", BingxPaths.Order) => Signed(r, () => Reply.Ok(RestShapes.Order(exchange.Query(Symbol(r), OrderId(r), r["clientOrderId"])))),
        ("DELETE", BingxPaths.Order) => Signed(r, () => Reply.Ok(RestShapes.Order(exchange.Cancel(Symbol(r), OrderId(r), r["clientOrderId"])))),
        ("POST", BingxPaths.Leverage) => Signed(r, () => Leverage(r)),
        ("GET", BingxPaths.Positions) => Signed(r, () => Reply.Ok(exchange.Read(b => RestShapes.Positions(b, r["symbol"])))),
        ("GET", BingxPaths.Balance) => Signed(r, () => Reply.Ok(exchange.Read(RestShapes.Balance))),
        ("GET", BingxPaths.Income) => Signed(r, () => Reply.Ok(exchange.Read(b => RestShapes.Incomes(IncomeQuery.Select(b.Incomes, r, serverNow()))))),
        ("GET", ForceOrdersPath) => Signed(r, () => Reply.Ok(exchange.Read(b => RestShapes.ForceOrders(ForceOrderQuery.Select(b.Orders.Values, r, serverNow()))))),
        (_, BingxPaths.ListenKey) => ListenKey(r),
        _ => Reply.Error(100400, $"no such endpoint {r.Method} {r.Path}", 404),
    };

    private Reply Place(SimRequest r)
    {
        Auth.Check(r, options, serverNow());
        // The venue keeps (and answers, and acks on the stream with) the client id lower-cased.
        var ticket = new OrderTicket(Symbol(r), Upper(r["side"]), Upper(r["positionSide"]), Upper(r["type"]),
            Decimal(r, "quantity") ?? 0m, Decimal(r, "price"), (r["clientOrderId"] ?? "").ToLowerInvariant(),
            string.Equals(r["reduceOnly"], "true", StringComparison.OrdinalIgnoreCase),
            Decimal(r, "stopPrice"), string.Equals(r["closePosition"], "true", StringComparison.OrdinalIgnoreCase));
        return Reply.Ok(RestShapes.Placed(exchange.Place(ticket)));
    }

    private Reply Signed(SimRequest r, Func<Reply> handler)
    {
        Auth.Check(r, options, serverNow());
        return handler();
    }

    private Reply Leverage(SimRequest r)
    {
        var leverage = int.TryParse(r["leverage"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : 0;
        var set = exchange.SetLeverage(Symbol(r), Upper(r["side"]), leverage);
        return Reply.Ok(new JsonObject { ["leverage"] = set, ["symbol"] = Symbol(r) });
    }

    private Reply Marks(SimRequest r)
    {
        var nextFunding = Funding.NextSettlement(serverNow(), options.FundingPeriod);
        if (r["symbol"] is string symbol)
            return exchange.Read(b => b.Marks.TryGetValue(symbol, out var m)
                ? Reply.Ok(RestShapes.Mark(symbol, m, b.LastFundingRate, nextFunding))
                : Reply.Error(109425, $"symbol {symbol} does not exist"));
        return Reply.Ok(exchange.Read(b => new JsonArray(b.Marks.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => (JsonNode)RestShapes.Mark(kv.Key, kv.Value, b.LastFundingRate, nextFunding)).ToArray())));
    }

    private Reply ListenKey(SimRequest r)
    {
        Auth.CheckKeyOnly(r, options, serverNow());
        if (r.Method == "POST") return Reply.Bare(200, new JsonObject { ["listenKey"] = keys.Create() }.ToJsonString());
        if (r["listenKey"] is not { Length: > 0 } key) return Reply.Bare(204);
        var known = r.Method switch
        {
            "PUT" => keys.Extend(key),
            "DELETE" => keys.Delete(key),
            _ => false,
        };
        return Reply.Bare(known ? 200 : 404);
    }

    private static string Symbol(SimRequest r) => r["symbol"] ?? "";

    private static string Upper(string? s) => (s ?? "").ToUpperInvariant();

    private static long? OrderId(SimRequest r) => Long(r, "orderId");

    private static long? Long(SimRequest r, string key) =>
        long.TryParse(r[key], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static decimal? Decimal(SimRequest r, string key) =>
        decimal.TryParse(r[key], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
}
