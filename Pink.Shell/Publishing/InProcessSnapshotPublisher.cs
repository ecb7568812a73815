using Pink.Core;

namespace Pink.Shell.Publishing;

/// <summary>
/// The embedded default: the newest snapshot is kept in memory and readable through <see cref="Latest"/>.
/// Publishing is a reference swap, so nothing is ever pending or superseded.
/// </summary>
public sealed class InProcessSnapshotPublisher : ISnapshotPublisher
{
    private readonly object gate = new();
    private readonly TimeProvider time;
    private AccountSnapshot? latest;
    private long offered;
    private long published;
    private long stale;
    private DateTimeOffset? lastAt;

    /// <summary>A publisher that stamps times from <paramref name="time"/> (the system clock by default).</summary>
    public InProcessSnapshotPublisher(TimeProvider? time = null) => this.time = time ?? TimeProvider.System;

    /// <summary>The newest snapshot published, or null before the first. Immutable: safe to read from any thread.</summary>
    public AccountSnapshot? Latest => Volatile.Read(ref latest);

    /// <summary>The newest snapshot in its JSON form (<see cref="SnapshotJson"/>), or null.</summary>
    public string? LatestJson => Latest is { } s ? SnapshotJson.Serialize(s) : null;

    /// <inheritdoc/>
    public void Publish(AccountSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (gate)
        {
            offered++;
            if (latest is not null && snapshot.EventSeq <= latest.EventSeq)
            {
                stale++;
                return;
            }
            Volatile.Write(ref latest, snapshot);
            published++;
            lastAt = time.GetUtcNow();
        }
    }

    /// <inheritdoc/>
    public PublisherStatus Status
    {
        get
        {
            lock (gate)
                return new PublisherStatus("in-process", Connected: true, offered, published, Superseded: 0, stale, PendingEventSeq: null,
                    latest?.EventSeq, lastAt, LastError: null, LastErrorAt: null, ConsecutiveFailures: 0, Connects: 0, Pings: 0);
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
