namespace Pink.Shell.ClickHouse;

/// <summary>How the ClickHouse sink batches, retries and reports.</summary>
/// <param name="SpoolDir">The spool directory (one per writer process; it holds segments and the poison lane).</param>
/// <param name="BatchRows">Most rows in one delivery (a batch coalesces every durable row waiting, up to this many, into
/// one insert per table), rows per spool file, and how many unflushed rows make the loop seal them without waiting.</param>
/// <param name="FlushInterval">At most this long between a write and its sealing when nobody calls Flush, and at most
/// this long durable rows wait to be coalesced with later ones into a bigger insert (default 200 ms).</param>
/// <param name="RetryMin">First wait after the server could not be reached (default 100 ms); doubles up to <paramref name="RetryMax"/>.</param>
/// <param name="RetryMax">Longest wait between attempts while the server is away (default 2 s).</param>
/// <param name="PoisonRetryInterval">How often parked rows are offered to the server again (default 5 s).</param>
/// <param name="InsertTimeout">HTTP timeout of one insert (default 30 s).</param>
/// <param name="Compress">Compress inserts (default: only when the server is not on loopback).</param>
/// <param name="Log">Where reports go (default standard error).</param>
/// <param name="FaultPoint">Test hook, called at named points of the delivery protocol (<c>sealed</c> = a flush's rows
/// are durable but the flush has not returned, <c>journaled</c> = a batch's composition is durable but nothing of it
/// was sent, <c>acknowledged</c> = server acknowledged a table's insert but that is not yet recorded, <c>marked</c> =
/// a batch's completion is durable but its spool files are not yet trimmed, <c>split</c> = a refused set's split into
/// halves is durable but neither half was sent), so a test can kill the process at exactly that point.</param>
/// <param name="Prepare">Runs before the first delivery and is retried with the same back-off as an unreachable server
/// until it succeeds (the schema migrations, when the server was away at start-up): rows are spooled meanwhile, and none
/// is sent to a table that may not exist yet.</param>
public sealed record ClickHouseSinkOptions(
    string SpoolDir,
    int BatchRows = 10_000,
    TimeSpan? FlushInterval = null,
    TimeSpan? RetryMin = null,
    TimeSpan? RetryMax = null,
    TimeSpan? PoisonRetryInterval = null,
    TimeSpan? InsertTimeout = null,
    bool? Compress = null,
    Action<string>? Log = null,
    Action<string>? FaultPoint = null,
    Func<CancellationToken, Task>? Prepare = null)
{
    internal TimeSpan Flush => FlushInterval ?? TimeSpan.FromMilliseconds(200);
    internal TimeSpan RetryFirst => RetryMin ?? TimeSpan.FromMilliseconds(100);
    internal TimeSpan RetryLongest => RetryMax ?? TimeSpan.FromSeconds(2);
    internal TimeSpan PoisonRetry => PoisonRetryInterval ?? TimeSpan.FromSeconds(5);
    internal TimeSpan Timeout => InsertTimeout ?? TimeSpan.FromSeconds(30);
    internal Action<string> Report => Log ?? (line => Console.Error.WriteLine(line));
}
