using System.Collections.Concurrent;
using Pink.Core;
using Pink.Shell.ClickHouse;

namespace Pink.Shell.Runner;

/// <summary>Keeps rows in memory, counted per table (tests, and the count the demo prints beside the store's).</summary>
public sealed class MemoryRowWriter : IRowSink
{
    public ConcurrentQueue<Row> Rows { get; } = new();
    public void Write(Row row) => Rows.Enqueue(row);
    public Task FlushAsync(CancellationToken ct = default) => Task.CompletedTask;
    public Task<bool> DrainAsync(TimeSpan timeout, CancellationToken ct = default) => Task.FromResult(true);
    public SinkStatus Status => new(0, 0, Rows.Count, 0, 0, null, true);
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    public IReadOnlyDictionary<string, int> Counts() => Tables.All.ToDictionary(t => t, t => Rows.Count(r => r.Table == t));
}

/// <summary>Writes every row to each of several writers (the store, and a counter).</summary>
public sealed class TeeRowSink(IRowSink primary, params IRowSink[] others) : IRowSink
{
    public void Write(Row row)
    {
        primary.Write(row);
        foreach (var w in others) w.Write(row);
    }

    public async Task FlushAsync(CancellationToken ct = default)
    {
        await primary.FlushAsync(ct);
        foreach (var w in others) await w.FlushAsync(ct);
    }

    public async Task<bool> DrainAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        var ok = await primary.DrainAsync(timeout, ct);
        foreach (var w in others) ok &= await w.DrainAsync(timeout, ct);
        return ok;
    }

    /// <summary>The primary's status (the store that matters).</summary>
    public SinkStatus Status => primary.Status;

    public async ValueTask DisposeAsync()
    {
        await primary.DisposeAsync();
        foreach (var w in others) await w.DisposeAsync();
    }
}
