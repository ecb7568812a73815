using System.Text.Json;
using Pink.Core;
using Pink.Shell.Recording;
using Pink.Shell.Runner;

namespace Pink.Bench.Loop;

/// <summary>
/// The venue without a network: every order is acknowledged at once with the id the session planned, in the shape of
/// BingX's place-order answer, which the loop records and applies before its next input (as with the real venue).
/// </summary>
public sealed class FakeVenue(IReadOnlyDictionary<string, long> venueIds) : IVenue
{
    public int Calls;

    public Task<IReadOnlyList<RestRecord>> PlaceOrderAsync(PlaceOrder order, CancellationToken ct)
    {
        Calls++;
        var id = venueIds[order.ClientOrderId];
        var request = JsonSerializer.SerializeToElement(new { symbol = order.Symbol, side = order.Side == OrderSide.Buy ? "BUY" : "SELL", type = "MARKET",
            quantity = order.Qty, clientOrderId = order.ClientOrderId });
        var response = JsonSerializer.SerializeToElement(new { code = 0, msg = "", data = new { order = new { orderId = id, clientOrderId = order.ClientOrderId,
            symbol = order.Symbol, status = "NEW" } } });
        return Task.FromResult<IReadOnlyList<RestRecord>>([new RestRecord(0, null, "POST", "/openApi/swap/v2/trade/order", request, response)]);
    }

    public Task<IReadOnlyList<RestRecord>> CancelOrderAsync(CancelOrder cancel, CancellationToken ct) => Task.FromResult<IReadOnlyList<RestRecord>>([]);

    public Task<IReadOnlyList<RestRecord>> ReconcileAsync(KernelState state, CancellationToken ct) => Task.FromResult<IReadOnlyList<RestRecord>>([]);
}
