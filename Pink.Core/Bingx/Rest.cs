using System.Globalization;
using System.Text.Json;
using Pink.Core;

namespace Pink.Core.Bingx;

/// <summary>
/// REST exchanges → kernel events. A place-order response binds the request's clientOrderId to the response's orderId
/// (the stream's `c` is empty in practice); balance → anchor; positions → adoption / reconciliation; an order query →
/// the fill the stream may have missed; premiumIndex → mark. Never take a fill price from a place-order response.
/// </summary>
internal static class Rest
{
    public static void Map(string method, string path, JsonElement? request, JsonElement response, KernelState state, long time, List<KernelEvent> output)
    {
        method = method.ToUpperInvariant();
        var p = path.Split('?')[0].TrimEnd('/');
        var code = Json.Id(response, "code") ?? 0;
        var data = Json.Field(response, "data");
        var clientId = request is JsonElement r ? UserStream.NonEmpty(Json.Text(r, "clientOrderId", "clientOrderID")) : null;
        if (code != 0 && !(method, p).Equals(("POST", "/openApi/swap/v2/trade/order")))
        {
            // An error envelope is the venue's answer, not unreadable input: its own diagnostic, with its code.
            if (Known(method, p)) output.Add(new VenueError(string.Create(CultureInfo.InvariantCulture, $"{method} {p}"), code, Json.Text(response, "msg") ?? "", time));
            return;
        }
        switch (method, p)
        {
            case ("POST", "/openApi/swap/v2/trade/order"):
                PlaceOrder(code, response, data, clientId, time, output);
                break;
            case ("DELETE", "/openApi/swap/v2/trade/order"):
                // The answer is the order's final figures: a partly filled order reports its fills here, before the cancel.
                if (OrderOf(data) is JsonElement cancelled) QueriedOrder(cancelled, clientId, state, time, output, cancelled: true);
                break;
            case ("GET", "/openApi/swap/v2/trade/order"):
                if (OrderOf(data) is JsonElement order) QueriedOrder(order, clientId, state, time, output);
                break;
            case ("GET", "/openApi/swap/v2/user/balance" or "/openApi/swap/v3/user/balance"):
                Balance(data, time, output);
                break;
            case ("GET", "/openApi/swap/v2/user/positions"):
                Positions(data, time, output);
                break;
            case ("GET", "/openApi/swap/v2/quote/premiumIndex"):
                if (data is JsonElement d) Marks(d, time, output);
                break;
            case ("GET", "/openApi/swap/v2/user/income"):
                Incomes(request, data, time, output);
                break;
            case ("GET", "/openApi/swap/v2/quote/contracts"):
                Contracts(data, time, output);
                break;
        }
    }

    // The exchanges whose answers reach the kernel (listenKey upkeep, leverage and server time do not).
    private static bool Known(string method, string path) => (method, path) is
        ("DELETE" or "GET", "/openApi/swap/v2/trade/order") or ("GET", "/openApi/swap/v2/user/balance" or "/openApi/swap/v3/user/balance"
            or "/openApi/swap/v2/user/positions" or "/openApi/swap/v2/quote/premiumIndex" or "/openApi/swap/v2/user/income"
            or "/openApi/swap/v2/quote/contracts");

    // Contract specifications: quantityPrecision / pricePrecision are decimal places (the step is 10^-precision),
    // tradeMinQuantity the smallest order. A contract without readable precisions is reported, never guessed.
    private static void Contracts(JsonElement? data, long time, List<KernelEvent> output)
    {
        if (data is not JsonElement list || list.ValueKind != JsonValueKind.Array)
        {
            output.Add(new InputRejected("bingx.contracts", "data is not a list", time));
            return;
        }
        foreach (var c in list.EnumerateArray())
        {
            var symbol = Json.Text(c, "symbol");
            var (qp, pp) = (Json.Number(c, "quantityPrecision"), Json.Number(c, "pricePrecision"));
            if (string.IsNullOrWhiteSpace(symbol) || Places(qp) is not int qty || Places(pp) is not int price)
            {
                output.Add(new InputRejected("bingx.contracts", string.Create(CultureInfo.InvariantCulture, $"contract without a symbol or readable precisions: {BingxAdapter.Clip(c.GetRawText())}"), time));
                continue;
            }
            output.Add(new InstrumentSpec(symbol, Step(qty), Step(price), Json.Number(c, "tradeMinQuantity") ?? 0m, time));
        }
    }

    private static int? Places(decimal? precision) => precision is decimal p && p >= 0 && p <= 18 && p == Math.Floor(p) ? (int)p : null;

    private static decimal Step(int places)
    {
        var step = 1m;
        for (var i = 0; i < places; i++) step /= 10;
        return step;
    }

    private static void PlaceOrder(long code, JsonElement response, JsonElement? data, string? clientId, long time, List<KernelEvent> output)
    {
        if (code != 0)
        {
            output.Add(new OrderRejected(clientId, null, string.Create(CultureInfo.InvariantCulture, $"{code} {Json.Text(response, "msg")}"), time));
            return;
        }
        var order = OrderOf(data);
        var venueId = order is JsonElement o ? Json.Id(o, "orderId", "orderID") : null;
        clientId ??= order is JsonElement oo ? UserStream.NonEmpty(Json.Text(oo, "clientOrderId", "clientOrderID")) : null;
        if (venueId is long v && clientId is not null) output.Add(new OrderAcknowledged(clientId, v, time));
        else output.Add(new InputRejected("bingx.place-order", "acknowledgement without orderId or clientOrderId", time));
    }

    // Every fill known, but the order's cumulative profit or commission says more than the kernel booked: the stream
    // reports each fill's own rp and n, and a frame lost in a gap took its figures with it (the next frame's cumulative z
    // still brought the quantity). The difference is settled after the fact, once (its id is the figures it settles).
    // An order that awaits confirmation (its figures are stream frames' own, or a frame's rp disagreed) is settled even
    // when its profit adds nothing: the kernel then holds the venue's cumulative figures, compares them, and only then
    // calls a disagreement an error.
    private static void Settled(JsonElement o, long venueId, decimal executed, OrderProgress known, long time, List<KernelEvent> output)
    {
        var profit = Json.Number(o, "profit");
        var fees = Json.Number(o, "commission") is decimal n ? -n : (decimal?)null;
        var rp = profit is decimal p && (p != known.ExchangeRealized || known.AwaitsConfirmation) ? p - known.ExchangeRealized : (decimal?)null;
        var fee = fees is decimal f && f != known.Fees ? f - known.Fees : 0m;
        if (rp is null && fee == 0) return;
        output.Add(new FillSettled(string.Create(CultureInfo.InvariantCulture, $"settle:{venueId}:{Json.Fmt(executed)}:{Json.Fmt(profit ?? 0)}:{Json.Fmt(fees ?? 0)}"),
            venueId, rp, fee, time));
    }

    private static void QueriedOrder(JsonElement o, string? requestClientId, KernelState state, long time, List<KernelEvent> output,
        bool cancelled = false)
    {
        var venueId = Json.Id(o, "orderId", "orderID");
        // The venue lower-cases client order ids: the id we asked with is the one the kernel knows.
        var clientId = requestClientId ?? UserStream.NonEmpty(Json.Text(o, "clientOrderId", "clientOrderID"));
        var t = Json.Id(o, "updateTime", "time") is long u && u > 0 ? u : time;
        // A query answers "does the venue have this order?": after a lost acknowledgement it binds the ids.
        if (clientId is not null && venueId is long v) output.Add(new OrderAcknowledged(clientId, v, t));
        if (UserStream.Side(Json.Text(o, "side")) is OrderSide side && Json.Number(o, "executedQty") is decimal executed)
        {
            var known = Queries.ProgressOf(state, venueId, clientId);
            if (executed > (known?.CumQty ?? 0) + KernelConfig.QtyEpsilon)
            {
                var fill = Fills.FromCumulative(state, venueId, clientId, Json.Text(o, "symbol") ?? "", side, executed,
                    Json.Number(o, "avgPrice"), null, null, Json.Number(o, "profit"), Json.Number(o, "commission"), t,
                    UserStream.PositionSideOf(Json.Text(o, "positionSide")), cumulativeSettlement: true);
                if (fill is not null) output.Add(fill);
            }
            else if (known is not null && venueId is long id && executed == known.CumQty)
                Settled(o, id, executed, known, t, output);
        }
        switch (cancelled ? "CANCELLED" : (Json.Text(o, "status") ?? "").ToUpperInvariant())
        {
            case "CANCELED" or "CANCELLED" or "EXPIRED":
                output.Add(new OrderCancelled(clientId, venueId, "CANCELLED", t));
                break;
            case "FAILED" or "REJECTED":
                output.Add(new OrderRejected(clientId, venueId, "FAILED", t));
                break;
        }
    }

    private static void Balance(JsonElement? data, long time, List<KernelEvent> output)
    {
        var balance = data is JsonElement d ? Json.Field(d, "balance") ?? d : (JsonElement?)null;
        if (balance is JsonElement arr && arr.ValueKind == JsonValueKind.Array)
            balance = arr.EnumerateArray().Cast<JsonElement?>().FirstOrDefault(b => (Json.Text(b!.Value, "asset") ?? "").ToUpperInvariant() is "USDT" or "VST");
        if (balance is not JsonElement b2 || Json.Number(b2, "balance") is not decimal wb)
        {
            output.Add(new InputRejected("bingx.balance", "no balance in response", time));
            return;
        }
        var available = Json.Number(b2, "availableMargin");
        output.Add(new BalanceReport(string.Create(CultureInfo.InvariantCulture, $"bal:{time}:{Json.Fmt(wb)}"), wb, available, BalanceReason.Poll, time));
    }

    private static void Positions(JsonElement? data, long time, List<KernelEvent> output)
    {
        var positions = new List<ExchangePosition>();
        if (data is JsonElement d && d.ValueKind == JsonValueKind.Array)
        {
            foreach (var p in d.EnumerateArray())
            {
                // A position without a readable amount makes the whole report unusable: dropping it would read as "flat".
                if (Json.Number(p, "positionAmt") is not decimal amount)
                {
                    output.Add(new InputRejected("bingx.positions", string.Create(CultureInfo.InvariantCulture, $"position without a readable positionAmt: {p.GetRawText()}"), time));
                    return;
                }
                var side = (Json.Text(p, "positionSide") ?? "").ToUpperInvariant() switch
                {
                    "LONG" => PositionSide.Long,
                    "SHORT" => PositionSide.Short,
                    _ => amount < 0 ? PositionSide.Short : PositionSide.Long, // one-way mode: the sign is the side
                };
                positions.Add(new ExchangePosition(Json.Text(p, "symbol") ?? "", side, Math.Abs(amount),
                    Json.Number(p, "avgPrice", "entryPrice") ?? 0m, Leverage(Json.Number(p, "leverage"))));
            }
        }
        else if (data is not null)
        {
            output.Add(new InputRejected("bingx.positions", "data is not a list", time));
            return;
        }
        output.Add(new PositionsReport(string.Create(CultureInfo.InvariantCulture, $"pos:{time}"), positions, time));
    }

    private static void Marks(JsonElement d, long time, List<KernelEvent> output)
    {
        foreach (var m in d.ValueKind == JsonValueKind.Array ? d.EnumerateArray().ToArray() : [d])
            if (Json.Number(m, "markPrice") is decimal price && Json.Text(m, "symbol") is string symbol)
                output.Add(new MarkPrice(symbol, price, time));
    }

    // The income history: each record once (tranId), then how far it is complete.
    private static void Incomes(JsonElement? request, JsonElement? data, long time, List<KernelEvent> output)
    {
        if (data is not JsonElement list || list.ValueKind != JsonValueKind.Array)
        {
            output.Add(new InputRejected("bingx.income", "data is not a list", time));
            return;
        }
        var latest = long.MinValue;
        var count = 0;
        foreach (var r in list.EnumerateArray())
        {
            count++;
            var at = Json.Id(r, "time") ?? 0;
            latest = Math.Max(latest, at);
            if (Json.Text(r, "tranId") is not string tranId || Json.Number(r, "income") is not decimal amount || at <= 0)
            {
                output.Add(new InputRejected("bingx.income", string.Create(CultureInfo.InvariantCulture, $"record without tranId, income or time: {UserStream.Short(r)}"), time));
                continue;
            }
            var kind = (Json.Text(r, "incomeType") ?? "").ToUpperInvariant() switch
            {
                "REALIZED_PNL" or "ADL" or "INSURANCE_CLEAR" => IncomeKind.RealizedPnl,
                "TRADING_FEE" => IncomeKind.TradingFee,
                "FUNDING_FEE" => IncomeKind.FundingFee,
                _ => IncomeKind.Other,
            };
            output.Add(new IncomeRecord(tranId, Json.Text(r, "symbol") ?? "", kind, amount, at));
        }
        // Complete up to the newest record's time, in the venue's own clock (never the receive time: records of fills
        // made after the venue answered may carry earlier times than our clock). No record: nothing is learned.
        if (latest > 0) output.Add(new IncomeComplete(latest, time));
    }

    private static JsonElement? OrderOf(JsonElement? data) =>
        data is JsonElement d ? Json.Field(d, "order") ?? (d.ValueKind == JsonValueKind.Object ? d : null) : null;

    // The venue's leverage of a position: a whole number from 1 (anything else reads as 1; leverage never enters PnL).
    private static int Leverage(decimal? x) => x is decimal l && l >= 1 && l <= 1000 ? (int)Math.Floor(l) : 1;
}
