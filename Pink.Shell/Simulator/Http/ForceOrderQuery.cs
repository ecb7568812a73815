using System.Globalization;
using Pink.Shell.Simulator.Engine;

namespace Pink.Shell.Simulator.Http;

/// <summary>
/// GET /openApi/swap/v2/trade/forceOrders as BingX's v2 doc describes it: the venue's liquidation and ADL orders
/// (autoCloseType LIQUIDATION or ADL, else both; anything else 109400), symbol, startTime/endTime (without startTime
/// only the 7 days before endTime, or before now), limit (default 50, at most 100). Oldest first; beyond the limit,
/// the newest.
/// </summary>
internal static class ForceOrderQuery
{
    public static List<SimOrder> Select(IEnumerable<SimOrder> orders, SimRequest r, long serverNow)
    {
        var origin = (r["autoCloseType"] ?? "").ToUpperInvariant() switch
        {
            "" => (OrderOrigin?)null,
            "LIQUIDATION" => OrderOrigin.Liquidation,
            "ADL" => OrderOrigin.Adl,
            var other => throw new SimRejection(109400, $"autoCloseType {other} is not LIQUIDATION or ADL"),
        };
        var limit = int.TryParse(r["limit"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? Math.Clamp(l, 1, 100) : 50;
        var end = Long(r, "endTime") ?? long.MaxValue;
        var start = Long(r, "startTime") ?? Math.Min(end, serverNow) - IncomeQuery.Week;
        return orders.Where(o => o.IsForced && (origin is null || o.Origin == origin)
                && (r["symbol"] is not string s || o.Symbol == s) && o.Time >= start && o.Time <= end)
            .OrderBy(o => o.Time).ThenBy(o => o.Id).TakeLast(limit).ToList();
    }

    private static long? Long(SimRequest r, string key) =>
        long.TryParse(r[key], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
}
