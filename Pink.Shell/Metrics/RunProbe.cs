using Pink.Core;
using Pink.Shell.ClickHouse;
using Pink.Shell.Runner;

namespace Pink.Shell.Metrics;

/// <summary>
/// Reads a <see cref="RunStatus"/> off the run that is going on now, from any thread. A run may restart its loop (the
/// demo does): the probe follows the loop it was last shown, and remembers the anchor the previous loop saw.
/// </summary>
public sealed class RunProbe
{
    // One collection reads every gauge in turn; within this window they all see the same status, so a scrape never pairs
    // one state's capital with the next state's wallet.
    private static readonly TimeSpan Coherence = TimeSpan.FromMilliseconds(250);
    private readonly object _gate = new();
    private readonly TimeProvider _clock;
    private RunLoop? _loop;
    private IRowSink? _rows;
    private string? _spoolDir;
    private DateTimeOffset? _earlierAnchor;
    private (RunStatus Status, long At)? _cached;

    public RunProbe(TimeProvider? clock = null) => _clock = clock ?? TimeProvider.System;

    /// <summary>Follow this loop and row sink from now on (<paramref name="spoolDir"/>: the sink's spool, if it has one).</summary>
    public void Attach(RunLoop loop, IRowSink rows, string? spoolDir)
    {
        lock (_gate)
        {
            if (_loop?.LastAnchorAt is DateTimeOffset seen && (_earlierAnchor is null || seen > _earlierAnchor)) _earlierAnchor = seen;
            (_loop, _rows, _spoolDir, _cached) = (loop, rows, spoolDir, null);
        }
    }

    /// <summary>The status now (or as read within the last quarter second); null while no loop is attached.</summary>
    public RunStatus? Read()
    {
        lock (_gate)
        {
            var now = _clock.GetTimestamp();
            if (_cached is var (status, at) && _clock.GetElapsedTime(at, now) < Coherence) return status;
            var read = Take()?.Status;
            _cached = read is null ? null : (read, now);
            return read;
        }
    }

    /// <summary>The status now, with the snapshot it was read from (never cached); null while no loop is attached.</summary>
    public (AccountSnapshot Snapshot, RunStatus Status)? Take()
    {
        lock (_gate)
        {
            if (_loop is not RunLoop loop || _rows is not IRowSink rows) return null;
            var snapshot = loop.Snapshot;
            var sink = rows.Status;
            var anchor = loop.LastAnchorAt ?? _earlierAnchor;
            double? age = anchor is DateTimeOffset a ? Math.Max(0, (_clock.GetUtcNow() - a).TotalSeconds) : null;
            return (snapshot, RunStatus.Of(snapshot, sink.Pending + sink.Spooled, SpoolSize.Bytes(_spoolDir), age, loop.RecordsApplied));
        }
    }
}
