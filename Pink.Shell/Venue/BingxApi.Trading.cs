namespace Pink.Shell.Venue;

/// <summary>Order endpoints: place, cancel, query, leverage.</summary>
public sealed partial class BingxApi
{
    /// <summary>
    /// Places an order. Not retried when its outcome is unknown (a lost answer or a 5xx): that raises
    /// <see cref="BingxOutcomeUnknownException"/> and the caller reconciles with <see cref="QueryOrderAsync"/> by client id.
    /// Rate-limited attempts are retried (the venue did nothing with them).
    /// </summary>
    public async Task<PlacedOrder> PlaceOrderAsync(OrderRequest order, CancellationToken ct = default)
    {
        var response = await Rest.SendAsync(new RestRequest(HttpMethod.Post, BingxPaths.Order, order.ToParameters(), Repeatable: false), ct)
            .ConfigureAwait(false);
        var body = VenueJson.Field(response.Data, "order") ?? response.Data;
        var id = VenueJson.Long(body, "orderId", "orderID")
            ?? throw new BingxApiException("POST", BingxPaths.Order, 0, response.Exchange.HttpStatus, "acknowledgement without orderId", response.Raw);
        return new PlacedOrder(id, response);
    }

    /// <summary>Cancels an order; the answer carries the order with status CANCELLED.</summary>
    public Task<BingxResponse> CancelOrderAsync(OrderRef order, CancellationToken ct = default) =>
        Rest.SendAsync(new RestRequest(HttpMethod.Delete, BingxPaths.Order, order.ToParameters()), ct);

    /// <summary>Queries one order: executedQty, avgPrice, profit, commission, status.</summary>
    public Task<BingxResponse> QueryOrderAsync(OrderRef order, CancellationToken ct = default) =>
        Rest.SendAsync(new RestRequest(HttpMethod.Get, BingxPaths.Order, order.ToParameters()), ct);

    /// <summary>Sets the exchange leverage of one side of a symbol (LONG, SHORT or BOTH).</summary>
    public Task<BingxResponse> SetLeverageAsync(string symbol, string side, int leverage, CancellationToken ct = default) =>
        Rest.SendAsync(new RestRequest(HttpMethod.Post, BingxPaths.Leverage, new BingxParameters()
            .Set("symbol", BingxSymbol.ToVenue(symbol)).Set("side", side).Set("leverage", (long)leverage)), ct);
}
