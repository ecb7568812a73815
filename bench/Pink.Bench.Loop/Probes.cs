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

    /// <summary>CPU seconds of the local engine so far (null when the server is not ours).</summary>
    public static double? ServerCpu(LocalClickHouse? server) => server?.CpuTime?.TotalSeconds;

    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
