using Pink.Core;

namespace Pink.Shell.ClickHouse;

/// <summary>Where a sink stands. Counts are rows.</summary>
/// <param name="Pending">Written but not yet durable (sealed into the spool by the next flush).</param>
/// <param name="Spooled">Durable in the spool, not yet acknowledged by the server.</param>
/// <param name="Delivered">Acknowledged by the server since this sink started.</param>
/// <param name="Poisoned">Refused by the server and parked in the poison lane (still owed, retried, never dropped).</param>
/// <param name="Refusals">Refusals of parked rows counted since this sink started.</param>
/// <param name="LastError">The latest error, with the server's own message when it answered.</param>
/// <param name="Connected">False while the server cannot be reached (the spool grows).</param>
public sealed record SinkStatus(long Pending, long Spooled, long Delivered, long Poisoned, long Refusals, string? LastError, bool Connected);

/// <summary>
/// Where the run loop sends <see cref="PersistRow"/> effects. Rows are accepted in memory by <see cref="Write"/>;
/// <see cref="FlushAsync"/> is the durability point (call it once per kernel event, before saving kernel state);
/// <see cref="DrainAsync"/> waits until the destination has them. A sink maps rows; it never recomputes them.
/// </summary>
public interface IRowSink : IAsyncDisposable
{
    /// <summary>Accept a row (fast, in memory).</summary>
    void Write(Row row);

    /// <summary>Make every accepted row durable (fsynced) locally.</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>Flush, then wait until every durable row is delivered or parked; false when the timeout came first.</summary>
    Task<bool> DrainAsync(TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>Where the sink stands now.</summary>
    SinkStatus Status { get; }
}
