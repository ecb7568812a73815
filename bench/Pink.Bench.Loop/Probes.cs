using System.Diagnostics;
using System.Globalization;
using Pink.Core;
using Pink.Shell.ClickHouse;
using Pink.Shell.Publishing;

namespace Pink.Bench.Loop;

/// <summary>Counts the rows the loop hands to the sink (the number every acknowledgement is checked against).</summary>
public sealed class CountingSink(IRowSink inner) : IRowSink
{
    private long _rows;
    public long Rows => Interlocked.Read(ref _rows);
    public long Flushes;

    public void Write(Row row)
    {
        Interlocked.Increment(ref _rows);
        inner.Write(row);
    }

    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Flushes);
        return inner.FlushAsync(cancellationToken);
    }

    public Task<bool> DrainAsync(TimeSpan timeout, CancellationToken cancellationToken = default) => inner.DrainAsync(timeout, cancellationToken);
    public SinkStatus Status => inner.Status;
    public ValueTask DisposeAsync() => inner.DisposeAsync();
}

/// <summary>
/// Input → snapshot latency: an input counts as visible when the first snapshot whose time is at or after its own is
/// published (inputs have distinct, increasing times). Publishing is on the loop's thread, so no locking is needed
/// beyond the submit times, which the producer writes before it hands the input over.
/// </summary>
public sealed class LatencyPublisher(long[] inputTimes, long[] submitted) : ISnapshotPublisher
{
    private readonly InProcessSnapshotPublisher _inner = new();
    private readonly List<double> _latenciesUs = new(inputTimes.Length);
    private int _next; // first input not yet seen in a published snapshot

    public IReadOnlyList<double> LatenciesUs => _latenciesUs;

    public void Publish(AccountSnapshot snapshot)
    {
        var now = Stopwatch.GetTimestamp();
        while (_next < inputTimes.Length && inputTimes[_next] <= snapshot.TimeMs && Volatile.Read(ref submitted[_next]) != 0)
        {
            _latenciesUs.Add(Stopwatch.GetElapsedTime(submitted[_next], now).TotalMicroseconds);
            _next++;
        }
        _inner.Publish(snapshot);
    }

    public PublisherStatus Status => _inner.Status;
    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}

public static class Machine
{
    public static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    /// <summary>CPU seconds of the local engine so far (Linux; null when the server is not ours).</summary>
    public static double? ServerCpu(LocalClickHouse? server)
    {
        if (server is null || !OperatingSystem.IsLinux()) return null;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
                if (cmdline.Length < 4 || !cmdline[0].EndsWith("chdb-http", StringComparison.Ordinal) || cmdline[3] != server.Port.ToString(CultureInfo.InvariantCulture)) continue;
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return null;
    }

    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
