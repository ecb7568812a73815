using System.Text.Json;
using Pink.Core;

namespace Pink.Core.Bingx;

/// <summary>
/// User-stream frames → kernel events (bingx-api-facts.md §3–§4). The rules:
/// a fill's quantity is the increase Δz of the order's cumulative `z` over what the kernel already applied;
/// its price must price the whole increment, which after a lost frame spans the lost fill(s) and the last one, while
/// `L` prices only the last fill: `L` when `l` is sent and covers Δz, or (no `l`) when the cumulative-average
/// derivation d = (ap·z − ap_prev·z_prev) / Δz agrees with `L` within what the averages' rounding explains (half a unit
/// in the last place of `ap` as written times z/Δz, plus the same for the previous average times z_prev/Δz) or cannot
/// be derived (nothing contradicts `L`); otherwise d; 0.0 (unknown) when d cannot be derived — never `p`, the order's (possibly protective) price, and never one fill's
/// price for several fills. Real BingX sends neither `L` nor `l`: the price is d.
/// `rp` and `n` ride on the fill as the exchange's settlement, the fee's sign normalised once (BingX negative = paid);
/// they are the frame's own fill's, so the settlement is provisional: a disagreement with the kernel's estimate asks
/// the venue for the order (PNL_UNCONFIRMED) before it is an error.
/// The previous cumulative figures come from the kernel state, so a restart cannot double a fill.
/// </summary>
internal static class UserStream
{
    public static void OrderTradeUpdate(JsonElement frame, KernelState state, List<KernelEvent> output)
    {
        if (Json.Field(frame, "o") is not JsonElement o || o.ValueKind != JsonValueKind.Object)
        {
            output.Add(new InputRejected("bingx.ORDER_TRADE_UPDATE", "no order object 'o'", Time(frame, null, 0)));
            return;
        }
        var time = Time(frame, o, 0);
        var venueId = Json.Id(o, "i", "orderId", "orderID");
        var clientId = NonEmpty(Json.Text(o, "c", "clientOrderId", "clientOrderID"));
        var symbol = Json.Text(o, "s", "symbol") ?? "";
        var status = (Json.Text(o, "X", "status") ?? "").ToUpperInvariant();
        var exec = (Json.Text(o, "x") ?? "").ToUpperInvariant();
        if (venueId is null && clientId is null)
        {
            output.Add(new InputRejected("bingx.ORDER_TRADE_UPDATE", string.Create(CultureInfo.InvariantCulture, $"no order id in {Short(o)}"), time));
            return;
        }
        if (Side(Json.Text(o, "S", "side")) is not OrderSide side)
        {
            output.Add(new InputRejected("bingx.ORDER_TRADE_UPDATE", string.Create(CultureInfo.InvariantCulture, $"unknown side in {Short(o)}"), time));
            return;
        }
        var cum = Json.Number(o, "z");
        var isTrade = exec == "TRADE" || status is "PARTIALLY_FILLED" or "FILLED";
        // z at or below what was applied is a repeat that the kernel reports as a duplicate.
        Pink.Core.Fill? fill = null;
        if ((isTrade || cum is > 0) && cum is not 0m)
            fill = Fills.FromCumulative(state, venueId, clientId, symbol, side, cum, Json.Number(o, "ap", "avgPrice"),
                Json.Number(o, "L", "lastFillPrice"), Json.Number(o, "l", "lastFilledQty"), Json.Number(o, "rp"), Json.Number(o, "n", "commission"),
                time, PositionSideOf(Json.Text(o, "ps", "positionSide")), avgScale: Json.Scale(o, "ap", "avgPrice"));
        if (fill is not null) output.Add(fill);
        else if (status is "FILLED" or "PARTIALLY_FILLED" || exec == "TRADE")
            // The v2 doc's own example: FILLED with z 0. The fill happened; what it was, only the order can tell.
            output.Add(new OrderUnclear(venueId, clientId, symbol, string.Create(CultureInfo.InvariantCulture, $"{(status.Length > 0 ? status : exec)} without a usable cumulative quantity z ({Json.Text(o, "z") ?? "absent"})"), time));
        switch (status)
        {
            case "NEW" or "PENDING" when clientId is not null && venueId is long v:
                output.Add(new OrderAcknowledged(clientId, v, time));
                break;
            case "CANCELED" or "CANCELLED" or "EXPIRED":
                output.Add(new OrderCancelled(clientId, venueId, status, time));
                break;
            case "REJECTED" or "FAILED":
                output.Add(new OrderRejected(clientId, venueId, status, time));
                break;
        }
    }

    /// <summary>
    /// ACCOUNT_UPDATE (and a SNAPSHOT frame that carries balances): the wallet balance with the positions after the
    /// change, which tell the kernel which fills the balance already contains, and the change outside trading (`bc`).
    /// </summary>
    public static void AccountUpdate(JsonElement frame, List<KernelEvent> output, bool snapshot = false)
    {
        var time = Time(frame, null, 0);
        if (Json.Field(frame, "a") is not JsonElement a || Json.Field(a, "B") is not JsonElement balances || balances.ValueKind != JsonValueKind.Array)
            return; // position-only updates carry no balance; positions are reconciled through REST
        var positions = Positions(a, time, output);
        foreach (var b in balances.EnumerateArray())
        {
            var asset = (Json.Text(b, "a") ?? "").ToUpperInvariant();
            if (asset is not ("USDT" or "VST" or "")) continue;
            if (Json.Number(b, "wb") is not decimal wb)
            {
                output.Add(new InputRejected(snapshot ? "bingx.SNAPSHOT" : "bingx.ACCOUNT_UPDATE", string.Create(CultureInfo.InvariantCulture, $"balance without wb: {Short(b)}"), time));
                continue;
            }
            var change = Json.Number(b, "bc");
            var reason = snapshot ? BalanceReason.Poll : ReasonOf(Json.Text(a, "m"), change, positions);
            output.Add(new BalanceReport(string.Create(CultureInfo.InvariantCulture, $"{(snapshot ? "snap" : "au")}:{time}:{asset}:{Json.Fmt(wb)}"), wb, null, reason, time,
                positions, change));
        }
    }

    // `m` as the venue says it; a value the swap docs do not list is classified by what the update is, never taken for a
    // trade's report on a hunch: a change outside trading (bc) is a transfer, positions make it a trade's report, and
    // otherwise it is a report of the whole wallet.
    private static BalanceReason ReasonOf(string? m, decimal? change, IReadOnlyList<ExchangePosition>? positions) => (m ?? "").ToUpperInvariant() switch
    {
        "ORDER" => BalanceReason.Order,
        "DEPOSIT" or "WITHDRAW" or "TRANSFER" => BalanceReason.Transfer,
        "FUNDING_FEE" => BalanceReason.Funding,
        _ when change is decimal c && c != 0 => BalanceReason.Transfer,
        _ when positions is not null => BalanceReason.Order,
        _ => BalanceReason.Poll,
    };

    // `a.P`: hedge mode sends `pa` unsigned with ps LONG/SHORT; one-way mode sends ps BOTH and a signed `pa`; null when
    // there are none.
    private static IReadOnlyList<ExchangePosition>? Positions(JsonElement a, long time, List<KernelEvent> output)
    {
        if (Json.Field(a, "P") is not JsonElement list || list.ValueKind != JsonValueKind.Array) return null;
        var positions = new List<ExchangePosition>();
        foreach (var p in list.EnumerateArray())
        {
            var symbol = Json.Text(p, "s", "symbol");
            if (string.IsNullOrWhiteSpace(symbol) || Json.Number(p, "pa") is not decimal amount)
            {
                output.Add(new InputRejected("bingx.ACCOUNT_UPDATE", string.Create(CultureInfo.InvariantCulture, $"position without s or pa: {Short(p)}"), time));
                continue;
            }
            var ps = (Json.Text(p, "ps") ?? "").ToUpperInvariant();
            var oneWay = ps is "BOTH" or "";
            var side = ps switch
            {
                "LONG" => PositionSide.Long,
                "SHORT" => PositionSide.Short,
                _ => amount < 0 ? PositionSide.Short : PositionSide.Long,
            };
            positions.Add(new ExchangePosition(symbol, side, Math.Abs(amount), Json.Number(p, "ep") ?? 0m, 0, oneWay));
        }
        // An empty list says nothing about which fills the balance holds (a fill always changes a position).
        return positions.Count == 0 ? null : positions;
    }

    /// <summary>The position a fill belongs to: `ps` LONG/SHORT in hedge mode; null for BOTH (one-way) or absent.</summary>
    public static PositionSide? PositionSideOf(string? ps) => (ps ?? "").ToUpperInvariant() switch
    {
        "LONG" => PositionSide.Long,
        "SHORT" => PositionSide.Short,
        _ => null,
    };

    public static OrderSide? Side(string? s) => (s ?? "").ToUpperInvariant() switch
    {
        "BUY" => OrderSide.Buy,
        "SELL" => OrderSide.Sell,
        _ => null,
    };

    /// <summary>Exchange time: the trade time `T` when set (it can be 0), else the event time `E`.</summary>
    public static long Time(JsonElement frame, JsonElement? o, long fallback)
    {
        if (o is JsonElement inner && Json.Id(inner, "T", "updateTime", "time") is long t && t > 0) return t;
        return Json.Id(frame, "E") is long e && e > 0 ? e : fallback;
    }

    public static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    public static string Short(JsonElement e)
    {
        var raw = e.GetRawText();
        return raw.Length <= 200 ? raw : raw[..200] + "…";
    }
}
