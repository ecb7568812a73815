namespace Pink.Shell.Publishing;

/// <summary>
/// The publisher's backlog, as an immutable snapshot of its counters.
/// Offered = Published + Superseded + StaleIgnored + (PendingEventSeq is null ? 0 : 1) + (one in flight, if any).
/// </summary>
/// <param name="Target">Where snapshots go (e.g. "in-process", "hazelcast host:port map/key").</param>
/// <param name="Connected">True while the sink is reachable (always true in process).</param>
/// <param name="Offered">Snapshots handed to <see cref="ISnapshotPublisher.Publish"/>.</param>
/// <param name="Published">Snapshots the sink acknowledged.</param>
/// <param name="Superseded">Unsent snapshots replaced by a newer one (a slow or absent sink).</param>
/// <param name="StaleIgnored">Snapshots ignored because their event_seq was not above the last offered.</param>
/// <param name="PendingEventSeq">The event_seq waiting to be sent, or null.</param>
/// <param name="LastSentEventSeq">The event_seq the sink last acknowledged, or null.</param>
/// <param name="LastSentAt">When that acknowledgement came.</param>
/// <param name="LastError">The last failure, readable, or null.</param>
/// <param name="LastErrorAt">When it happened.</param>
/// <param name="ConsecutiveFailures">Failures since the last success (drives the reconnect backoff).</param>
/// <param name="Connects">Successful connections (more than one means reconnects happened).</param>
/// <param name="Pings">Keep-alive pings answered.</param>
public sealed record PublisherStatus(
    string Target,
    bool Connected,
    long Offered,
    long Published,
    long Superseded,
    long StaleIgnored,
    long? PendingEventSeq,
    long? LastSentEventSeq,
    DateTimeOffset? LastSentAt,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    long ConsecutiveFailures,
    long Connects,
    long Pings);
