namespace Pink.Shell.Hazelcast;

/// <summary>
/// When to send ClientPing: a member drops a client it has not heard from for its heartbeat timeout (60 s by
/// default), so an idle publisher pings every interval (5 s, as Hazelcast's own clients do).
/// </summary>
public static class KeepAlive
{
    /// <summary>The default ping interval.</summary>
    public static TimeSpan DefaultInterval { get; } = TimeSpan.FromSeconds(5);

    /// <summary>True when the connection has been silent for the whole interval.</summary>
    public static bool Due(long millisSinceLastWrite, TimeSpan interval) => millisSinceLastWrite >= (long)interval.TotalMilliseconds;

    /// <summary>How long until a ping is due (zero when it already is).</summary>
    public static TimeSpan Until(long millisSinceLastWrite, TimeSpan interval) =>
        TimeSpan.FromMilliseconds(Math.Max(0, (long)interval.TotalMilliseconds - millisSinceLastWrite));
}
