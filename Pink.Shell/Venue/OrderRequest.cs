using Pink.Core;

namespace Pink.Shell.Venue;

/// <summary>A new order as BingX takes it (hedge mode: positionSide LONG/SHORT says which position it opens or closes).</summary>
/// <param name="Symbol">Venue symbol, e.g. FET-USDT (other spellings are converted).</param>
/// <param name="Side">BUY or SELL.</param>
/// <param name="PositionSide">LONG, SHORT, or BOTH in one-way mode.</param>
/// <param name="Type">MARKET or LIMIT.</param>
/// <param name="Quantity">Coin units.</param>
/// <param name="Price">Limit price; none for MARKET.</param>
/// <param name="ClientOrderId">Our id (1–40 chars; the venue lower-cases it).</param>
/// <param name="TimeInForce">GTC, IOC, FOK, PostOnly; none for MARKET.</param>
/// <param name="ReduceOnly">Only meaningful in one-way mode; hedge-mode closes are reducing by their position side.</param>
public sealed record OrderRequest(string Symbol, string Side, string PositionSide, string Type, decimal Quantity,
    decimal? Price = null, string? ClientOrderId = null, string? TimeInForce = null, bool? ReduceOnly = null)
{
    /// <summary>The kernel's PlaceOrder effect as a MARKET order; in one-way mode positionSide BOTH, exits reduce-only.</summary>
    public static OrderRequest FromEffect(PlaceOrder effect, bool oneWay = false) => new(
        BingxSymbol.ToVenue(effect.Symbol), Names.Of(effect.Side), oneWay ? "BOTH" : Names.Of(effect.PositionSide), "MARKET",
        OrderQuantity(effect.Qty), ClientOrderId: effect.ClientOrderId, ReduceOnly: oneWay ? effect.ReduceOnly : null);

    // Quantities are exact decimals: what the kernel asks for is sent as it is, without trailing zeros.
    private static decimal OrderQuantity(decimal qty) => Pink.Core.Bingx.Json.Normal(qty);

    internal BingxParameters ToParameters() => new BingxParameters()
        .Set("symbol", BingxSymbol.ToVenue(Symbol))
        .Set("side", Side)
        .Set("positionSide", PositionSide)
        .Set("type", Type)
        .Set("quantity", Quantity)
        .Set("price", Price)
        .Set("clientOrderId", ClientOrderId)
        .Set("timeInForce", TimeInForce)
        .Set("reduceOnly", PositionSide == "BOTH" ? ReduceOnly : null);
}

/// <summary>Which order a query or cancel means: the venue id when known, else our client id.</summary>
/// <param name="Symbol">Venue symbol.</param>
/// <param name="OrderId">The venue's order id.</param>
/// <param name="ClientOrderId">Our client order id.</param>
public sealed record OrderRef(string Symbol, long? OrderId = null, string? ClientOrderId = null)
{
    internal BingxParameters ToParameters()
    {
        if (OrderId is null && string.IsNullOrEmpty(ClientOrderId))
            throw new ArgumentException("an order is named by orderId or clientOrderId");
        return new BingxParameters().Set("symbol", BingxSymbol.ToVenue(Symbol)).Set("orderId", OrderId)
            .Set("clientOrderId", OrderId is null ? ClientOrderId : null);
    }
}

/// <summary>An accepted order: the venue's id and the acknowledgement as received.</summary>
public sealed record PlacedOrder(long OrderId, BingxResponse Response);

/// <summary>Filters for the income history (all optional; the venue defaults to the last 7 days).</summary>
public sealed record IncomeQuery(string? Symbol = null, string? IncomeType = null, long? StartTime = null, long? EndTime = null, int? Limit = null);
