using System.Text.Json.Nodes;
using Pink.Shell.Simulator.Engine;

namespace Pink.Shell.Simulator.Wire;

/// <summary>`data` bodies of the REST answers, in the shapes BingX returns (JKorf/BingX.Net captured payloads).</summary>
internal static class RestShapes
{
    /// <summary>The place-order acknowledgement: numbers, a MARKET order's price 0 (never a fill price).</summary>
    public static JsonObject Placed(SimOrder o) => new()
    {
        ["order"] = new JsonObject
        {
            ["orderId"] = o.Id,
            ["symbol"] = o.Symbol,
            ["positionSide"] = o.PositionSide,
            ["side"] = o.Side,
            ["type"] = o.Type,
            ["price"] = o.LimitPrice ?? 0m,
            ["quantity"] = o.Quantity,
            ["stopPrice"] = o.StopPrice ?? 0m,
            ["workingType"] = "MARK_PRICE",
            ["clientOrderID"] = o.ClientOrderId,
            ["timeInForce"] = "GTC",
        },
    };

    /// <summary>An order as queried or cancelled: decimals as strings, commission negative, profit = Σ rp.</summary>
    public static JsonObject Order(SimOrder o) => new()
    {
        ["order"] = OrderFields(o),
    };

    /// <summary>The user's force orders (liquidations, ADLs): `{orders: [...]}` with the order fields.</summary>
    public static JsonObject ForceOrders(IEnumerable<SimOrder> orders) => new()
    {
        ["orders"] = new JsonArray(orders.Select(o => (JsonNode)OrderFields(o)).ToArray()),
    };

    private static JsonObject OrderFields(SimOrder o) => new()
    {
        ["symbol"] = o.Symbol,
        ["orderId"] = o.Id,
        ["side"] = o.Side,
        ["positionSide"] = o.PositionSide,
        ["type"] = o.Type,
        ["origQty"] = Dec.Plain(o.Quantity),
        ["price"] = Dec.Plain(o.LimitPrice ?? 0m),
        ["executedQty"] = Dec.Plain(o.ExecutedQty),
        ["avgPrice"] = Dec.F8(o.AvgPrice),
        ["cumQuote"] = Dec.Plain(o.CumQuote),
        ["stopPrice"] = o.StopPrice is decimal stop ? Dec.Plain(stop) : "",
        ["profit"] = Dec.F8(o.Realized),
        ["commission"] = Dec.F8(-o.Fees),
        ["status"] = SimStatus.Rest(o.Status),
        ["time"] = o.Time,
        ["updateTime"] = o.UpdateTime,
        ["clientOrderId"] = o.ClientOrderId,
        ["leverage"] = $"{o.Leverage}X",
        ["workingType"] = "MARK_PRICE",
    };

    /// <summary>Contract specifications of every listed symbol (or one): BingX's precisions are decimal places.</summary>
    public static JsonArray Contracts(SimBook book, string? symbol) => new(book.Marks.Keys
        .Where(s => symbol is null || s == symbol).OrderBy(s => s, StringComparer.Ordinal)
        .Select(s => (JsonNode)new JsonObject
        {
            ["contractId"] = "100",
            ["symbol"] = s,
            ["size"] = "0.0001",
            ["quantityPrecision"] = book.Options.QtyDecimals,
            ["pricePrecision"] = book.Options.PriceDecimals,
            ["feeRate"] = book.Options.TakerFeeRate,
            ["makerFeeRate"] = book.Options.MakerFeeRate,
            ["takerFeeRate"] = book.Options.TakerFeeRate,
            ["tradeMinLimit"] = 0,
            ["tradeMinQuantity"] = book.Options.TradeMinQuantity,
            ["tradeMinUSDT"] = 2,
            ["currency"] = book.Options.Asset,
            ["asset"] = s.Split('-')[0],
            ["status"] = 1,
            ["apiStateOpen"] = "true",
            ["apiStateClose"] = "true",
        }).ToArray());

    public static JsonArray Positions(SimBook book, string? symbol) => new(book.Positions.Values
        .Where(p => p.Qty > 0 && (symbol is null || p.Symbol == symbol))
        .OrderBy(p => p.Symbol, StringComparer.Ordinal).ThenBy(p => p.Side, StringComparer.Ordinal)
        .Select(p => (JsonNode)Position(book, p)).ToArray());

    private static JsonObject Position(SimBook book, SimPosition p)
    {
        var mark = book.MarkOf(p.Symbol);
        return new JsonObject
        {
            ["positionId"] = p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["symbol"] = p.Symbol,
            ["currency"] = "USDT",
            ["positionAmt"] = Dec.Plain(p.WireQty), // unsigned in hedge mode; signed with positionSide BOTH in one-way mode
            ["availableAmt"] = Dec.Plain(p.WireQty),
            ["positionSide"] = p.Side,
            ["isolated"] = true,
            ["avgPrice"] = Dec.F8(p.EntryPrice),
            ["initialMargin"] = Dec.F8(p.Margin),
            ["margin"] = Dec.F8(p.Margin),
            ["leverage"] = p.Leverage,
            ["unrealizedProfit"] = Dec.F8(p.Unrealized(mark)),
            ["realisedProfit"] = Dec.F8(p.Realised),
            ["markPrice"] = Dec.Plain(mark),
            ["liquidationPrice"] = 0,
            ["updateTime"] = p.UpdateTime,
        };
    }

    public static JsonObject Balance(SimBook book)
    {
        var a = book.Account();
        return new JsonObject
        {
            ["balance"] = new JsonObject
            {
                ["userId"] = "1000001",
                ["asset"] = book.Options.Asset,
                ["balance"] = Dec.F8(a.WalletBalance),
                ["equity"] = Dec.F8(a.Equity),
                ["unrealizedProfit"] = Dec.F8(a.UnrealizedPnl),
                ["realisedProfit"] = Dec.F8(a.RealizedPnl - a.FeesPaid),
                ["availableMargin"] = Dec.F8(a.AvailableMargin),
                ["usedMargin"] = Dec.F8(a.UsedMargin),
                ["freezedMargin"] = Dec.F8(a.FrozenMargin),
            },
        };
    }

    public static JsonArray Incomes(IEnumerable<SimIncome> incomes) => new(incomes.Select(i => (JsonNode)new JsonObject
    {
        ["symbol"] = i.Symbol,
        ["incomeType"] = i.Type,
        ["income"] = Dec.F8(i.Income),
        ["asset"] = i.Asset,
        ["info"] = i.Info,
        ["time"] = i.Time,
        ["tranId"] = i.TranId,
        ["tradeId"] = i.TradeId,
    }).ToArray());

    public static JsonObject Mark(string symbol, decimal mark, decimal lastFundingRate, long nextFunding) => new()
    {
        ["symbol"] = symbol,
        ["markPrice"] = Dec.Plain(mark),
        ["indexPrice"] = Dec.Plain(mark),
        ["lastFundingRate"] = Dec.F8(lastFundingRate),
        ["nextFundingTime"] = nextFunding,
    };
}
