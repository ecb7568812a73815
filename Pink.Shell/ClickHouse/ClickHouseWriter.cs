using ClickHouse.Driver;

namespace Pink.Shell.ClickHouse;

/// <summary>
/// One insert of one table's rows, acknowledged by the server or not at all. Synchronous inserts (the spool already
/// batches, and the server's async-insert deduplication only works on replicated tables); <c>wait_for_async_insert=1</c>
/// is sent as well so that a server profile forcing async inserts still answers only after the rows are stored.
/// The rows travel as one <c>RowBinary</c> body, encoded by <see cref="RowBinary"/> (no per-value boxing) and posted
/// through the driver's raw-stream insert, so the whole set is one INSERT and the token covers exactly these rows.
/// </summary>
internal sealed class ClickHouseWriter(ClickHouseTarget target, TimeSpan timeout, bool? compress = null) : IDisposable
{
    private readonly ClickHouseClient _client = target.CreateClient(timeout);

    // Compression pays on a network and costs CPU on loopback, where the bytes are free.
    private readonly bool _compress = compress ?? !target.Url.IsLoopback;

    // Encoders reused between inserts (one per insert running at the same time).
    private readonly Stack<RowBinary> _encoders = new();

    public ClickHouseTarget Target { get; } = target;

    public async Task<InsertOutcome> InsertAsync(string table, IReadOnlyList<SpooledRow> rows, CancellationToken cancellationToken)
    {
        var shape = RowColumns.For(table);
        var options = new QueryOptions
        {
            CustomSettings = new Dictionary<string, object>
            {
                ["async_insert"] = 0,
                ["wait_for_async_insert"] = 1,
                ["insert_deduplicate"] = 1,
                ["insert_deduplication_token"] = Tokens.For(table, rows),
            },
        };
        RowBinary encoder;
        lock (_encoders) encoder = _encoders.Count > 0 ? _encoders.Pop() : new RowBinary();
        try
        {
            encoder.Clear();
            foreach (var row in rows) encoder.Add(table, row.Row); // encoding errors surface here, per row set
            var (bytes, length) = encoder.Buffer;
            // The driver disposes the stream; the bytes stay the encoder's.
            var body = new MemoryStream(bytes, 0, length, writable: false);
            using var response = await _client.InsertRawStreamAsync(Target.Qualify(table), body, "RowBinary", shape.Columns,
                useCompression: _compress, options, cancellationToken);
            // Reused only after a completed request (never while a failed one might still read it); big buffers are
            // not kept, so one outage backlog does not pin its largest insert's bytes for ever.
            if (length <= 16 << 20) lock (_encoders) _encoders.Push(encoder);
            return InsertOutcome.Ok;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return InsertOutcome.From(ex);
        }
    }

    public void Dispose() => _client.Dispose();
}
