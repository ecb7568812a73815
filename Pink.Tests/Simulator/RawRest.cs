using Pink.Shell.Simulator.Http;
using Pink.Shell.Venue;
using Pink.Tests.Venue;

namespace Pink.Tests.Simulator;

/// <summary>Signed REST calls the client has no method for (conditional orders, force orders), through its transport.</summary>
internal static class RawRest
{
    public static Task<BingxResponse> PlaceStopAsync(SimVenue v, string side, string positionSide, string type, decimal stopPrice,
        decimal? qty, string? clientOrderId = null, bool? closePosition = null) =>
        v.Api.Rest.SendAsync(new RestRequest(HttpMethod.Post, BingxPaths.Order, new BingxParameters()
            .Set("symbol", "FET-USDT").Set("side", side).Set("positionSide", positionSide).Set("type", type)
            .Set("stopPrice", stopPrice).Set("quantity", qty).Set("clientOrderId", clientOrderId).Set("closePosition", closePosition),
            Repeatable: false));

    public static Task<BingxResponse> ForceOrdersAsync(SimVenue v, string? autoCloseType = null) =>
        v.Api.Rest.SendAsync(new RestRequest(HttpMethod.Get, RestRoutes.ForceOrdersPath, new BingxParameters().Set("autoCloseType", autoCloseType)));
}
