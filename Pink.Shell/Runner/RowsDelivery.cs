using Pink.Shell.ClickHouse;

namespace Pink.Shell.Runner;

/// <summary>
/// How far a finite run's rows got: counted back from the store when it answers, else what the sink knows — delivered
/// this run vs still spooled on disk (delivered by the next run on the same state directory once ClickHouse answers).
/// </summary>
/// <param name="Stored">Rows per table queried back from the store; null when it could not be asked.</param>
/// <param name="Delivered">Rows the server acknowledged during this run.</param>
/// <param name="Spooled">Rows durable on disk and not yet acknowledged (pending ones included).</param>
/// <param name="SpoolDir">Where they wait.</param>
public sealed record RowsDelivery(IReadOnlyDictionary<string, long>? Stored, long Delivered, long Spooled, string? SpoolDir)
{
    /// <summary>Drain briefly (long only while the server answers: an outage is not waited out), then count.</summary>
    public static async Task<RowsDelivery> FinishAsync(RowStore store, TimeSpan drain, CancellationToken ct)
    {
        var connected = store.Sink.Status.Connected && store.ReachableAtStart;
        await store.Sink.DrainAsync(connected ? drain : TimeSpan.FromSeconds(2), ct);
        var status = store.Sink.Status;
        var stored = await store.TryCountAsync(ct);
        return new RowsDelivery(stored, status.Delivered, status.Spooled + status.Pending, store.SpoolDir);
    }

    /// <summary>The line a command prints about its rows.</summary>
    public string Line(string store) => Stored is null
        ? $"rows: {store} is unreachable: {Delivered} delivered, {Spooled} spooled in {SpoolDir} ({Later})"
        : $"rows written ({store}): " + string.Join("  ", Stored.Select(r => $"{r.Key} {r.Value}"))
          + (Spooled > 0 ? $"; {Spooled} more spooled in {SpoolDir} ({Later})" : "");

    private const string Later = "delivered, with the schema, by the next run on this state directory once ClickHouse answers";
}
