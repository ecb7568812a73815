using System.Globalization;
using Pink.Shell.Simulator.Engine;

namespace Pink.Shell.Simulator.Http;

/// <summary>
/// The income filters as BingX documents them: symbol, incomeType (one of its types, else 109400), startTime/endTime
/// (inclusive; neither: the last 7 days; endTime alone: the 7 days before it), limit (default 100, at most 1000).
/// The order is not documented: records come oldest first, as Binance's income endpoint answers. When more match than
/// the limit, a query with startTime gets the first ones from it (so paging forward by startTime misses nothing) and
/// a query without it the newest.
/// </summary>
internal static class IncomeQuery
{
    public const long Week = 7L * 24 * 3600 * 1000;

    /// <summary>The income types BingX lists for swap accounts.</summary>
    private static readonly HashSet<string> Types = new(StringComparer.Ordinal)
    {
        "TRANSFER", "REALIZED_PNL", "FUNDING_FEE", "TRADING_FEE", "INSURANCE_CLEAR", "TRIAL_FUND", "ADL", "SYSTEM_DEDUCTION", "GTD_PRICE",
    };

    public static List<SimIncome> Select(IEnumerable<SimIncome> incomes, SimRequest r, long serverNow)
    {
        var type = r["incomeType"];
        if (type is not null && !Types.Contains(type)) throw new SimRejection(109400, $"incomeType {type} is not one of the venue's");
        var limit = int.TryParse(r["limit"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? Math.Clamp(l, 1, 1000) : 100;
        var startTime = Long(r, "startTime");
        var endTime = Long(r, "endTime");
        var (from, to) = (startTime, endTime) switch
        {
            (long s, long e) => (s, e),
            (long s, null) => (s, long.MaxValue),
            (null, long e) => (e - Week, e),
            _ => (serverNow - Week, long.MaxValue),
        };
        var matching = incomes.Where(i => (r["symbol"] is not string s || i.Symbol == s) && (type is null || i.Type == type)
            && i.Time >= from && i.Time <= to).OrderBy(i => i.Time); // stable: records of one instant keep their booking order
        return (startTime is null ? matching.TakeLast(limit) : matching.Take(limit)).ToList();
    }

    private static long? Long(SimRequest r, string key) =>
        long.TryParse(r[key], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
}
