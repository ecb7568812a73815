using System.Globalization;

namespace Pink.Core;

/// <summary>
/// The one helper every row timestamp goes through (rule 17): naive UTC (no offset, DateTimeKind.Unspecified)
/// at microsecond resolution, so rows never depend on a server's parser settings.
/// </summary>
public static class Timestamps
{
    /// <summary>Naive-UTC microsecond format, e.g. <c>2026-06-11 14:03:01.123000</c>.</summary>
    public const string Format = "yyyy-MM-dd HH:mm:ss.ffffff";

    private static readonly long MinMs = -62135596800000L;
    private static readonly long MaxMs = 253402300799999L;

    /// <summary>Epoch milliseconds → naive-UTC DateTime (out-of-range inputs clamp to the epoch).</summary>
    public static DateTime FromEpochMs(long ms)
    {
        if (ms < MinMs || ms > MaxMs) ms = 0;
        var utc = DateTime.UnixEpoch.AddTicks(ms * TimeSpan.TicksPerMillisecond);
        return DateTime.SpecifyKind(utc, DateTimeKind.Unspecified);
    }

    /// <summary>The text form used in rows and logs.</summary>
    public static string Text(DateTime ts) => ts.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>True when the value is naive and has no sub-microsecond part.</summary>
    public static bool IsNaiveMicros(DateTime ts) => ts.Kind == DateTimeKind.Unspecified && ts.Ticks % 10 == 0;
}
