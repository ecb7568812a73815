namespace Pink.Shell.Venue;

/// <summary>
/// The BingX endpoints Pink uses, over <see cref="BingxRestClient"/>. Answers come back raw (the adapter maps them to
/// kernel events); only what the shell itself needs — an order id, a listenKey, a mark — is read here.
/// </summary>
public sealed partial class BingxApi(BingxRestClient rest)
{
    /// <summary>The transport.</summary>
    public BingxRestClient Rest { get; } = rest;

    /// <summary>The venue's clock, epoch ms (also measures the offset).</summary>
    public async Task<long> GetServerTimeAsync(CancellationToken ct = default)
    {
        await Rest.SyncClockAsync(ct).ConfigureAwait(false);
        return Rest.Clock.NowMs;
    }

    /// <summary>All positions, or those of one symbol.</summary>
    public Task<BingxResponse> GetPositionsAsync(string? symbol = null, CancellationToken ct = default) =>
        Rest.SendAsync(new RestRequest(HttpMethod.Get, BingxPaths.Positions,
            new BingxParameters().Set("symbol", symbol is null ? null : BingxSymbol.ToVenue(symbol))), ct);

    /// <summary>Contract specifications (public): every contract, or one.</summary>
    public Task<BingxResponse> GetContractsAsync(string? symbol = null, CancellationToken ct = default) =>
        Rest.SendAsync(new RestRequest(HttpMethod.Get, BingxPaths.Contracts, new BingxParameters().Set("symbol", symbol is null ? null : BingxSymbol.ToVenue(symbol))), ct);

    /// <summary>The wallet: balance, equity, margins.</summary>
    public Task<BingxResponse> GetBalanceAsync(CancellationToken ct = default) =>
        Rest.SendAsync(new RestRequest(HttpMethod.Get, BingxPaths.Balance, new BingxParameters()), ct);

    /// <summary>Income history: realized PnL, trading fees, funding (signed; fees negative).</summary>
    public Task<BingxResponse> GetIncomeAsync(IncomeQuery query, CancellationToken ct = default) =>
        Rest.SendAsync(new RestRequest(HttpMethod.Get, BingxPaths.Income, new BingxParameters()
            .Set("symbol", query.Symbol is null ? null : BingxSymbol.ToVenue(query.Symbol))
            .Set("incomeType", query.IncomeType).Set("startTime", query.StartTime).Set("endTime", query.EndTime)
            .Set("limit", query.Limit)), ct);

    /// <summary>The mark price of one symbol (public).</summary>
    public async Task<(decimal Mark, BingxResponse Response)> GetMarkPriceAsync(string symbol, CancellationToken ct = default)
    {
        var response = await Rest.SendAsync(new RestRequest(HttpMethod.Get, BingxPaths.PremiumIndex,
            new BingxParameters().Set("symbol", BingxSymbol.ToVenue(symbol)), Signed: false), ct).ConfigureAwait(false);
        var mark = VenueJson.Decimal(response.Data, "markPrice")
            ?? throw new BingxApiException("GET", BingxPaths.PremiumIndex, 0, response.Exchange.HttpStatus, "no markPrice", response.Raw);
        return (mark, response);
    }
}
