namespace Pink.Shell.Venue;

/// <summary>
/// The venue's clock as seen from here: local time plus an offset measured from `server/time`. Signed requests are
/// stamped with it so a drifting local clock does not get requests rejected (100421).
/// </summary>
public sealed class ServerClock(TimeProvider time)
{
    private long _offsetMs;

    /// <summary>Milliseconds to add to local time to get server time.</summary>
    public long OffsetMs => Interlocked.Read(ref _offsetMs);

    /// <summary>Server time now, epoch milliseconds.</summary>
    public long NowMs => time.GetUtcNow().ToUnixTimeMilliseconds() + OffsetMs;

    /// <summary>Local epoch milliseconds (for measuring a round trip).</summary>
    public long LocalMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>
    /// Records a measurement: the server said <paramref name="serverMs"/> somewhere between the local
    /// <paramref name="sentMs"/> and <paramref name="receivedMs"/>; the midpoint is the best guess.
    /// </summary>
    public void Observe(long serverMs, long sentMs, long receivedMs) =>
        Interlocked.Exchange(ref _offsetMs, serverMs - (sentMs + receivedMs) / 2);
}
