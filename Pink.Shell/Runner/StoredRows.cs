using System.Text.Json;
using Pink.Core;
using Pink.Shell.ClickHouse;

namespace Pink.Shell.Runner;

/// <summary>
/// The identities (table, account_event_seq, event key) of rows a store already holds from a given event_seq on. After
/// a crash the run loop re-applies the recording beyond its checkpoint; the rows that re-creates which the store already
/// took before the crash are recognised here by identity — never by content — and not written again.
/// </summary>
public static class StoredRows
{
    public static async Task<Func<Row, bool>> ProbeAsync(RowStore store, long fromSeq, CancellationToken ct)
    {
        var held = new HashSet<(string Table, long Seq, string Key)>();
        if (!await store.Sink.DrainAsync(TimeSpan.FromSeconds(60), ct))
            throw new InvalidOperationException($"recovery needs the row store to take its spool first, and it has not within 60 s ({store.Sink.Status.LastError}); rows stay spooled, nothing was re-applied");
        if (store.Target is ClickHouseTarget target)
        {
            using var client = target.CreateClient();
            foreach (var table in Tables.All)
            {
                using var reader = await client.ExecuteReaderAsync(
                    $"SELECT account_event_seq, event_key FROM {target.Qualify(table)} WHERE account_event_seq >= {fromSeq}", cancellationToken: ct);
                while (await reader.ReadAsync(ct))
                    held.Add((table, Convert.ToInt64(reader.GetValue(0)), reader.GetString(1)));
            }
        }
        else if (store.Sink is FileRowSink files)
        {
            foreach (var table in Tables.All)
            {
                if (!File.Exists(files.PathOf(table))) continue;
                foreach (var line in File.ReadLines(files.PathOf(table)))
                {
                    using var doc = JsonDocument.Parse(line);
                    var seq = doc.RootElement.GetProperty("account_event_seq").GetInt64();
                    if (seq >= fromSeq) held.Add((table, seq, doc.RootElement.GetProperty("event_key").GetString() ?? ""));
                }
            }
        }
        return row => held.Contains((row.Table, row.AccountEventSeq, row.Key));
    }
}
