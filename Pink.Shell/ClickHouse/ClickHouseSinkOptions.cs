namespace Pink.Shell.ClickHouse;

/// <summary>How the ClickHouse sink batches, retries and reports.</summary>
/// <param name="SpoolDir">The spool directory (one per writer process; it holds segments and the poison lane).</param>
/// <param name="BatchRows">Rows per sealed segment when rows arrive faster than the flush interval.</param>
/// <param name="FlushInterval">At most this long between a write and its sealing when nobody calls Flush (default 200 ms).</param>
/// <param name="RetryMin">First wait after the server could not be reached (default 100 ms); doubles up to <paramref name="RetryMax"/>.</param>
/// <param name="RetryMax">Longest wait between attempts while the server is away (default 2 s).</param>
/// <param name="PoisonRetryInterval">How often parked rows are offered to the server again (default 5 s).</param>
/// <param name="InsertTimeout">HTTP timeout of one insert (default 30 s).</param>
/// <param name="Compress">Compress inserts (default: only when the server is not on loopback).</param>
/// <param name="Log">Where reports go (default standard error).</param>
/// <param name="FaultPoint">Test hook, called at named points of the delivery protocol (<c>sealed</c>,
/// <c>acknowledged</c> = server acknowledged but not yet recorded, <c>marked</c> = recorded but segment not yet trimmed),
/// so a test can kill the process at exactly that point.</param>
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
    Action<string>? FaultPoint = null)
{
    internal TimeSpan Flush => FlushInterval ?? TimeSpan.FromMilliseconds(200);
    internal TimeSpan RetryFirst => RetryMin ?? TimeSpan.FromMilliseconds(100);
    internal TimeSpan RetryLongest => RetryMax ?? TimeSpan.FromSeconds(2);
    internal TimeSpan PoisonRetry => PoisonRetryInterval ?? TimeSpan.FromSeconds(5);
    internal TimeSpan Timeout => InsertTimeout ?? TimeSpan.FromSeconds(30);
    internal Action<string> Report => Log ?? (line => Console.Error.WriteLine(line));
}
