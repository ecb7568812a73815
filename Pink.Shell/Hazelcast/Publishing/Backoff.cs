namespace Pink.Shell.Hazelcast;

/// <summary>
/// Exponential reconnect backoff: <see cref="Initial"/> after the first failure, times <see cref="Multiplier"/>
/// after each further one, capped at <see cref="Max"/>. No jitter: Pink is one client, not a herd.
/// </summary>
public sealed record Backoff(TimeSpan Initial, TimeSpan Max, double Multiplier = 2.0)
{
    /// <summary>250 ms doubling up to 30 s.</summary>
    public static Backoff Default { get; } = new(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(30));

    /// <summary>The wait after <paramref name="failures"/> consecutive failures (zero when there were none).</summary>
    public TimeSpan Delay(long failures)
    {
        if (failures <= 0) return TimeSpan.Zero;
        var ms = Initial.TotalMilliseconds * Math.Pow(Multiplier, Math.Min(failures - 1, 62));
        return double.IsFinite(ms) && ms < Max.TotalMilliseconds ? TimeSpan.FromMilliseconds(ms) : Max;
    }
}
