using System.Text.Json;
using Microsoft.Extensions.Logging;
using Pink.Core;
using Pink.Shell.Recording;
using Pink.Shell.Venue;

namespace Pink.Shell.Runner;

/// <summary>
/// The run loop's venue over BingX REST (live, VST or the local simulator). Every REST exchange a call makes is
/// captured — through the REST client's exchange callback, scoped to the call — and returned in order, so the loop
/// applies the acknowledgement before the next stream frame. Exchanges made outside a call (stream reconciliation,
/// listenKey upkeep) go to <see cref="Unsolicited"/>, which the wiring forwards to the loop's inbox.
/// </summary>
public sealed class BingxVenue : IVenue
{
    private static readonly AsyncLocal<List<RestExchange>?> Capture = new();
    private readonly BingxApi _api;
    private readonly BingxOrderGateway _gateway;
    private readonly ILogger _log;

    public BingxVenue(BingxApi api, ILogger log, bool oneWay = false)
    {
        _api = api;
        _gateway = new BingxOrderGateway(api, log, oneWay);
        _log = log;
    }

    /// <summary>Exchanges made outside a loop call.</summary>
    public Action<RestRecord>? Unsolicited { get; set; }

    /// <summary>The REST client's exchange callback: wire it when building the client.</summary>
    public static void OnExchange(RestExchange exchange, BingxVenue? venue)
    {
        if (Capture.Value is List<RestExchange> list) list.Add(exchange);
        else venue?.Unsolicited?.Invoke(ToRecord(exchange));
    }

    public Task<IReadOnlyList<RestRecord>> PlaceOrderAsync(PlaceOrder order, CancellationToken ct) => Captured(async () =>
    {
        var result = await _gateway.PlaceAsync(order, ct);
        // A lost answer: ask the venue whether it has the order (it refuses a client order id twice, so asking is safe).
        if (result.Outcome == GatewayOutcome.AckLost || result.Error?.Kind == BingxErrorKind.DuplicateClientOrderId)
            await QueryQuietly(order.Symbol, null, order.ClientOrderId, ct);
    });

    public Task<IReadOnlyList<RestRecord>> CancelOrderAsync(CancelOrder cancel, CancellationToken ct) => Captured(async () =>
    {
        var result = await _gateway.CancelAsync(cancel, ct);
        // A refused cancel usually means the order filled or ended first: its final state settles the question.
        if (result.Outcome == GatewayOutcome.Rejected)
            await QueryQuietly(cancel.Symbol, cancel.VenueOrderId, cancel.ClientOrderId, ct);
    });

    public Task<IReadOnlyList<RestRecord>> QueryOrderAsync(QueryOrder query, CancellationToken ct) => Captured(() =>
        QueryQuietly(query.Symbol, query.VenueOrderId, query.ClientOrderId, ct));

    public Task<IReadOnlyList<RestRecord>> ReconcileAsync(KernelState state, CancellationToken ct) => Captured(async () =>
    {
        // The income history from where the kernel has it (at first: the last day, covering what a restart may have missed).
        // Overlapping the last query by the kernel's settle margin: a record can become visible after a query that would
        // have covered its time; repeats are recognised by tranId.
        var since = state.Account.IncomeUpToMs > 0 ? state.Account.IncomeUpToMs - Pink.Core.Kernel.IncomeSettleMs
            : DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeMilliseconds();
        await new BingxReconciler(_api, _log).ReconcileAsync(WorkingOrder.From(state), ct, since, contracts: state.Config.Instruments.IsEmpty);
    });

    private async Task QueryQuietly(string symbol, long? orderId, string clientOrderId, CancellationToken ct)
    {
        try { await _api.QueryOrderAsync(new OrderRef(symbol, orderId, clientOrderId), ct); }
        catch (BingxApiException ex) { _log.LogWarning("order {ClientOrderId}: query refused: {Kind} {Message}", clientOrderId, ex.Kind, ex.VenueMessage); }
        catch (BingxOutcomeUnknownException) { _log.LogWarning("order {ClientOrderId}: query unanswered; reconciliation will ask again", clientOrderId); }
    }

    private static async Task<IReadOnlyList<RestRecord>> Captured(Func<Task> call)
    {
        var list = new List<RestExchange>();
        Capture.Value = list;
        try { await call(); }
        finally { Capture.Value = null; }
        return list.Select(ToRecord).ToList();
    }

    public static RestRecord ToRecord(RestExchange e)
    {
        var response = e.ResponseJson() ?? JsonDocument.Parse(JsonSerializer.Serialize(new { code = -1, msg = $"HTTP {e.HttpStatus}: no JSON answer", body = e.Response })).RootElement.Clone();
        return new RestRecord(0, e.ReceivedMs, e.Method, e.Path, e.ParamsJson(), response);
    }
}
