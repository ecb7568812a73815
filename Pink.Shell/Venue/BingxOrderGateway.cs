using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pink.Core;

namespace Pink.Shell.Venue;

/// <summary>How an order effect ended at the venue.</summary>
public enum GatewayOutcome
{
    /// <summary>Accepted; the acknowledgement was received.</summary>
    Acknowledged,
    /// <summary>Refused with an error code (the error answer was handed on like any other).</summary>
    Rejected,
    /// <summary>
    /// The acknowledgement was lost (or the venue failed mid-request): the order may or may not exist. Run
    /// <see cref="BingxReconciler"/> with the kernel's working orders; it asks for this one by clientOrderId.
    /// </summary>
    AckLost,
    /// <summary>Cancelled.</summary>
    Cancelled,
}

/// <summary>The result of one effect: what happened, the venue's order id when known, and the error when any.</summary>
public sealed record GatewayResult(GatewayOutcome Outcome, long? OrderId, BingxApiException? Error = null);

/// <summary>
/// Carries the kernel's order effects to the venue: sets the exchange leverage when it differs from what was last
/// set for that symbol and side, places MARKET orders, cancels. Every answer reaches the adapter through the REST
/// client's exchange callback. An order whose acknowledgement was lost is never placed again (that could double it):
/// the outcome says so and reconciliation finds out what the venue did.
/// </summary>
public sealed class BingxOrderGateway(BingxApi api, ILogger? logger = null, bool oneWay = false)
{
    private readonly ILogger _log = logger ?? NullLogger.Instance;
    private readonly ConcurrentDictionary<(string, string), int> _leverage = new();

    /// <summary>Places the order of a PlaceOrder effect.</summary>
    public async Task<GatewayResult> PlaceAsync(PlaceOrder effect, CancellationToken ct = default)
    {
        var request = OrderRequest.FromEffect(effect, oneWay);
        try
        {
            await EnsureLeverageAsync(request.Symbol, request.PositionSide, effect.ExchangeLeverage, ct).ConfigureAwait(false);
            var placed = await api.PlaceOrderAsync(request, ct).ConfigureAwait(false);
            return new GatewayResult(GatewayOutcome.Acknowledged, placed.OrderId);
        }
        catch (BingxApiException ex)
        {
            _log.LogWarning("BingX order {ClientOrderId} rejected: {Kind} ({Code})", effect.ClientOrderId, ex.Kind, ex.Code);
            return new GatewayResult(GatewayOutcome.Rejected, null, ex);
        }
        catch (BingxOutcomeUnknownException)
        {
            _log.LogWarning("BingX order {ClientOrderId}: acknowledgement lost; reconcile by clientOrderId", effect.ClientOrderId);
            return new GatewayResult(GatewayOutcome.AckLost, null);
        }
    }

    /// <summary>Cancels the order of a CancelOrder effect.</summary>
    public async Task<GatewayResult> CancelAsync(CancelOrder effect, CancellationToken ct = default)
    {
        try
        {
            await api.CancelOrderAsync(new OrderRef(effect.Symbol, effect.VenueOrderId, effect.ClientOrderId), ct).ConfigureAwait(false);
            return new GatewayResult(GatewayOutcome.Cancelled, effect.VenueOrderId);
        }
        catch (BingxApiException ex)
        {
            _log.LogWarning("BingX cancel of {ClientOrderId} refused: {Kind} ({Code})", effect.ClientOrderId, ex.Kind, ex.Code);
            return new GatewayResult(GatewayOutcome.Rejected, effect.VenueOrderId, ex);
        }
    }

    private async Task EnsureLeverageAsync(string symbol, string side, int leverage, CancellationToken ct)
    {
        if (leverage <= 0 || _leverage.TryGetValue((symbol, side), out var set) && set == leverage) return;
        await api.SetLeverageAsync(symbol, side, leverage, ct).ConfigureAwait(false);
        _leverage[(symbol, side)] = leverage;
    }
}
