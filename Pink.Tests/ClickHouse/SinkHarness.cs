using Pink.Core;
using Pink.Shell.ClickHouse;

namespace Pink.Tests.ClickHouse;

/// <summary>Helpers shared by the sink tests: a spool directory per test and the exactly-once queries.</summary>
public static class SinkHarness
{
    public static string NewSpoolDir() => Directory.CreateTempSubdirectory("pink-spool-").FullName;

    public static ClickHouseSinkOptions Options(string spool, List<string>? log = null, TimeSpan? poisonRetry = null) =>
        new(spool, BatchRows: 1_000, FlushInterval: TimeSpan.FromMilliseconds(20), RetryMin: TimeSpan.FromMilliseconds(50),
            RetryMax: TimeSpan.FromMilliseconds(500), PoisonRetryInterval: poisonRetry ?? TimeSpan.FromMilliseconds(200),
            Log: line => { lock (log ?? new List<string>()) log?.Add(line); });

    /// <summary>Rows per table in the database.</summary>
    public static async Task<Dictionary<string, long>> Counts(ClickHouseServerFixture ch, ClickHouseTarget target)
    {
        var counts = new Dictionary<string, long>();
        foreach (var table in Tables.All) counts[table] = await ch.Long($"SELECT count() FROM {target.Qualify(table)}");
        return counts;
    }

    /// <summary>How many logical events appear more than once, over all tables.</summary>
    public static async Task<long> Duplicates(ClickHouseServerFixture ch, ClickHouseTarget target)
    {
        long duplicates = 0;
        foreach (var table in Tables.All)
            duplicates += await ch.Long(
                $"SELECT count() FROM (SELECT account_event_seq, event_key FROM {target.Qualify(table)} GROUP BY account_event_seq, event_key HAVING count() > 1)");
        return duplicates;
    }

    /// <summary>Rows per table the kernel emitted.</summary>
    public static Dictionary<string, long> Expected(IEnumerable<Row> rows) =>
        Tables.All.ToDictionary(t => t, t => rows.LongCount(r => r.Table == t));
}
