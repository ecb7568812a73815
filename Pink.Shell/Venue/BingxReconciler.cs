using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pink.Core;

namespace Pink.Shell.Venue;

/// <summary>An order the kernel still considers live, named for a REST query.</summary>
public sealed record WorkingOrder(string Symbol, long? OrderId, string ClientOrderId)
{
    /// <summary>The kernel's live orders (status Working), each with its trade's symbol.</summary>
    public static IReadOnlyList<WorkingOrder> From(KernelState state) =>
        state.Orders.Values
            .Where(o => o.Status == OrderStatus.Working)
            .Select(o => state.Trades.Find(o.TradeId).Case is Trade t ? new WorkingOrder(t.Symbol, o.VenueOrderId, o.ClientOrderId) : null)
            .OfType<WorkingOrder>()
            .ToList();
}

/// <summary>
/// What a stream outage may have hidden, fetched through REST: each working order (its cumulative fill and status),
/// the positions and the balance — in that order, so fills are known before the anchor that includes them. The
/// answers travel the usual way (the REST client's exchange callback → recorder → adapter → kernel), and are also
/// returned. An order the venue no longer knows is reported and skipped, never fatal.
/// </summary>
public sealed class BingxReconciler(BingxApi api, ILogger? logger = null)
{
    private readonly ILogger _log = logger ?? NullLogger.Instance;

    /// <summary>Runs one reconciliation.</summary>
    /// <param name="orders">The kernel's working orders.</param>
    /// <param name="incomeSince">Ask for the income history after this time (the kernel's <c>Account.IncomeUpToMs</c>); null: do not.</param>
    /// <param name="ct">Cancellation.</param>
    /// <param name="contracts">Ask for the contract specifications first (the kernel has none yet).</param>
    public async Task<IReadOnlyList<RestExchange>> ReconcileAsync(IEnumerable<WorkingOrder> orders, CancellationToken ct = default, long? incomeSince = null,
        bool contracts = false)
    {
        var exchanges = new List<RestExchange>();
        if (contracts)
        {
            // The order rules (quantity step, minimum) before anything is traded: the kernel checks every order against them.
            try { exchanges.Add((await api.GetContractsAsync(null, ct).ConfigureAwait(false)).Exchange); }
            catch (BingxApiException ex) { _log.LogWarning("BingX reconcile: contracts refused: {Kind} {Message}", ex.Kind, ex.VenueMessage); }
        }
        var first = exchanges.Count;
        foreach (var order in orders)
        {
            try
            {
                var r = await api.QueryOrderAsync(new OrderRef(order.Symbol, order.OrderId, order.ClientOrderId), ct).ConfigureAwait(false);
                exchanges.Add(r.Exchange);
            }
            catch (BingxApiException ex) when (ex.Kind is BingxErrorKind.OrderNotFound or BingxErrorKind.InvalidParameter)
            {
                _log.LogWarning("BingX reconcile: order {ClientOrderId} ({OrderId}) not found: {Message}", order.ClientOrderId,
                    order.OrderId, ex.VenueMessage);
            }
        }
        exchanges.Add((await api.GetPositionsAsync(null, ct).ConfigureAwait(false)).Exchange);
        exchanges.Add((await api.GetBalanceAsync(ct).ConfigureAwait(false)).Exchange);
        var queried = exchanges.Count - 2 - first;
        if (incomeSince is long since)
        {
            // The income history after what the kernel already has: a check of closed trades and the repair of an exit
            // no fill reported. BingX answers at most 1,000 records; the kernel pages on from the last one.
            try { exchanges.Add((await api.GetIncomeAsync(new IncomeQuery(StartTime: since, Limit: 1000), ct).ConfigureAwait(false)).Exchange); }
            catch (BingxApiException ex) { _log.LogWarning("BingX reconcile: income refused: {Kind} {Message}", ex.Kind, ex.VenueMessage); }
        }
        _log.LogInformation("BingX reconcile: {Orders} orders, positions, balance{Income} fetched", queried, incomeSince is null ? "" : " and income");
        return exchanges;
    }
}
