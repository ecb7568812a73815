using System.Collections.Concurrent;
using Pink.Core;

namespace Pink.Shell.Runner;

/// <summary>Keeps rows in memory, counted per table (tests, and the count the demo prints beside the store's).</summary>
public sealed class MemoryRowWriter : IRowWriter
{
    public ConcurrentQueue<Row> Rows { get; } = new();
    public void Write(Row row) => Rows.Enqueue(row);
    public Task FlushAsync(CancellationToken ct) => Task.CompletedTask;
    public long Pending => 0;
    public IReadOnlyDictionary<string, int> Counts() => Tables.All.ToDictionary(t => t, t => Rows.Count(r => r.Table == t));
}

/// <summary>Writes every row to each of several writers (the store, and a counter).</summary>
public sealed class TeeRowWriter(params IRowWriter[] writers) : IRowWriter
{
    public void Write(Row row)
    {
        foreach (var w in writers) w.Write(row);
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        foreach (var w in writers) await w.FlushAsync(ct);
    }

    public long Pending => writers.Sum(w => w.Pending);
}
