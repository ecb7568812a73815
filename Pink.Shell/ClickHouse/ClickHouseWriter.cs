using ClickHouse.Driver;
using ClickHouse.Driver.Compression;

namespace Pink.Shell.ClickHouse;

/// <summary>
/// One insert of one table's rows, acknowledged by the server or not at all. Synchronous inserts (the spool already
/// batches, and the server's async-insert deduplication only works on replicated tables); <c>wait_for_async_insert=1</c>
/// is sent as well so that a server profile forcing async inserts still answers only after the rows are stored.
/// </summary>
internal sealed class ClickHouseWriter(ClickHouseTarget target, TimeSpan timeout, bool? compress = null) : IDisposable
{
    private readonly ClickHouseClient _client = target.CreateClient(timeout);

    // Compression pays on a network and costs CPU on loopback, where the bytes are free.
    private readonly bool _compress = compress ?? !target.Url.IsLoopback;

    public ClickHouseTarget Target { get; } = target;

    public async Task<InsertOutcome> InsertAsync(string table, IReadOnlyList<SpooledRow> rows, CancellationToken cancellationToken)
    {
        var shape = RowColumns.For(table);
        var options = new InsertOptions
        {
            BatchSize = Math.Max(1, rows.Count), // one INSERT, so the token covers exactly these rows
            Compressor = _compress ? ZstdCompressor.Default : null,
            ColumnTypes = new Dictionary<string, string>(shape.Types), // no schema round trip per insert
            CustomSettings = new Dictionary<string, object>
            {
                ["async_insert"] = 0,
                ["wait_for_async_insert"] = 1,
                ["insert_deduplicate"] = 1,
                ["insert_deduplication_token"] = Tokens.For(table, rows),
            },
        };
        try
        {
            var values = rows.Select(r => shape.Values(r.Row)).ToList(); // encoding errors surface here, per row set
            await _client.InsertBinaryAsync(Target.Qualify(table), shape.Columns, values, options, cancellationToken);
            return InsertOutcome.Ok;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return InsertOutcome.From(ex);
        }
    }

    public void Dispose() => _client.Dispose();
}
