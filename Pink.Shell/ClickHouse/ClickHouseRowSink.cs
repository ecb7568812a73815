using Pink.Core;

namespace Pink.Shell.ClickHouse;

/// <summary>
/// The ClickHouse sink: rows → durable spool → acknowledged inserts, exactly once.
/// <list type="bullet">
/// <item>Write accepts in memory; Flush seals them into an fsynced spool segment (the durability point).</item>
/// <item>One background loop delivers segments oldest first, one insert per table, each with a deduplication token
/// derived from the rows' identities; a segment is trimmed only after every table in it is acknowledged or parked.
/// On start the spool left by a previous run is delivered first.</item>
/// <item>Server away: the segment stays, retries back off (up to RetryMax), the spool grows, and drains on return.</item>
/// <item>Server refuses data: the table's rows of that segment are retried row by row; the rows it refuses are parked
/// in the poison lane with its answer, reported (first refusal, then every 100th after 1,000), counted, retried every
/// PoisonRetryInterval, never dropped — and the rows behind them flow on.</item>
/// </list>
/// </summary>
public sealed class ClickHouseRowSink : IRowSink
{
    private readonly ClickHouseSinkOptions _options;
    private readonly Spool _spool;
    private readonly PoisonLane _lane;
    private readonly ClickHouseWriter _writer;
    private readonly object _gate = new();
    private readonly SemaphoreSlim _sealLock = new(1, 1);
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Segment> _segments;
    private List<Row> _pending = new();
    private Task _loop = Task.CompletedTask;
    private long _spooled;
    private long _delivered;
    private long _poisoned;
    private long _refusals;
    private string? _lastError;
    private bool _connected = true;
    private bool _disposed;
    private DateTime _laneDue = DateTime.MinValue;

    private ClickHouseRowSink(ClickHouseTarget target, ClickHouseSinkOptions options)
    {
        _options = options;
        _spool = new Spool(options.SpoolDir);
        _lane = new PoisonLane(_spool.Dir);
        _lane.Load();
        _segments = _spool.Load(options.Report, _lane.MaxPosition + 1);
        _spooled = _segments.Sum(s => (long)s.Outstanding);
        _poisoned = _lane.RowCount;
        _writer = new ClickHouseWriter(target, options.Timeout, options.Compress);
    }

    /// <summary>The target this sink writes.</summary>
    public ClickHouseTarget Target => _writer.Target;

    /// <summary>
    /// Open the spool (delivering what a previous run left first) and start delivering. The schema must already be
    /// applied (<see cref="Migrator"/>): columns are added before code that emits them.
    /// </summary>
    public static ClickHouseRowSink Start(ClickHouseTarget target, ClickHouseSinkOptions options)
    {
        var sink = new ClickHouseRowSink(target, options);
        if (sink._spooled > 0 || sink._poisoned > 0)
            options.Report($"INFO clickhouse sink: {sink._spooled} spooled and {sink._poisoned} parked rows from a previous run; delivering them first");
        sink._loop = Task.Run(sink.RunAsync);
        return sink;
    }

    /// <inheritdoc />
    public SinkStatus Status
    {
        get
        {
            lock (_gate)
                return new SinkStatus(_pending.Count, _spooled, _delivered, _poisoned, _refusals, _lastError, _connected);
        }
    }

    /// <summary>The rows parked in the poison lane now, with the server's answers.</summary>
    public IReadOnlyList<PoisonGroup> Poisoned
    {
        get { lock (_gate) return _lane.Groups.ToList(); }
    }

    /// <inheritdoc />
    public void Write(Row row)
    {
        ArgumentNullException.ThrowIfNull(row);
        RowColumns.For(row.Table); // a row of no known table is refused here, not after it is spooled
        bool full;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _pending.Add(row);
            full = _pending.Count >= _options.BatchRows;
        }
        if (full) _wake.Release();
    }

    /// <inheritdoc />
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await SealAsync(cancellationToken);
        _wake.Release();
    }

    /// <inheritdoc />
    public async Task<bool> DrainAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        await FlushAsync(cancellationToken);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            lock (_gate)
                if (_segments.Count == 0 && _pending.Count == 0) return true;
            if (DateTime.UtcNow >= deadline) return false;
            await Task.Delay(10, cancellationToken);
        }
    }

    /// <summary>Stop delivering; rows written so far are made durable first and delivered by the next start.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
        }
        _stop.Cancel();
        _wake.Release();
        try { await _loop; }
        catch (OperationCanceledException) { }
        await SealAsync(CancellationToken.None);
        _writer.Dispose();
        _stop.Dispose();
    }

    private async Task SealAsync(CancellationToken cancellationToken)
    {
        await _sealLock.WaitAsync(cancellationToken);
        try
        {
            List<Row> rows;
            lock (_gate)
            {
                if (_pending.Count == 0) return;
                rows = _pending;
                _pending = new List<Row>();
            }
            for (var i = 0; i < rows.Count; i += _options.BatchRows)
            {
                var segment = _spool.Seal(rows.GetRange(i, Math.Min(_options.BatchRows, rows.Count - i)));
                lock (_gate)
                {
                    _segments.Add(segment);
                    _spooled += segment.Rows.Count;
                }
                _options.FaultPoint?.Invoke("sealed");
            }
        }
        finally
        {
            _sealLock.Release();
        }
    }

    private async Task RunAsync()
    {
        var backoff = _options.RetryFirst;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await SealAsync(_stop.Token);
                var reachable = await DeliverSegmentsAsync(_stop.Token) && await RetryLaneAsync(_stop.Token);
                if (reachable)
                {
                    backoff = _options.RetryFirst;
                    await _wake.WaitAsync(_options.Flush, _stop.Token);
                }
                else
                {
                    await Task.Delay(backoff, _stop.Token);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.RetryLongest.Ticks));
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A local failure (disk full, permissions): nothing is trimmed, so nothing is lost; say it and retry.
                Failed($"clickhouse sink: {ex.GetType().Name}: {ex.Message}", "ERROR");
                await Task.Delay(backoff, _stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.RetryLongest.Ticks));
            }
        }
    }

    // False when the server could not be reached: the caller backs off and the same segment is retried.
    private async Task<bool> DeliverSegmentsAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Segment? segment;
            lock (_gate) segment = _segments.Count > 0 ? _segments[0] : null;
            if (segment is null) return true;
            foreach (var (table, rows) in segment.Groups().ToList())
                if (!await DeliverGroupAsync(segment, table, rows, cancellationToken)) return false;
            _options.FaultPoint?.Invoke("marked");
            _spool.Complete(segment);
            lock (_gate) _segments.RemoveAt(0);
        }
    }

    private async Task<bool> DeliverGroupAsync(Segment segment, string table, IReadOnlyList<SpooledRow> rows, CancellationToken cancellationToken)
    {
        if (!segment.IsIsolating(table))
        {
            var outcome = await _writer.InsertAsync(table, rows, cancellationToken);
            switch (outcome.Result)
            {
                case InsertResult.Acknowledged:
                    _options.FaultPoint?.Invoke("acknowledged");
                    _spool.Mark(segment, table, SegmentMark.Done);
                    Delivered(rows.Count, fromSpool: true);
                    return true;
                case InsertResult.Unreachable:
                    Unreachable(outcome.Message);
                    return false;
                case InsertResult.TableRejected:
                case InsertResult.RowsRejected when rows.Count == 1:
                    Park(table, rows, outcome.Message!);
                    _spool.Mark(segment, table, SegmentMark.Parked);
                    lock (_gate) _spooled -= rows.Count;
                    return true;
                default:
                    // Some row in this set is poison. From now on these rows travel one by one (never as this set
                    // again), so the good ones go through and only the refused ones are parked.
                    _spool.Mark(segment, table, SegmentMark.Isolating);
                    break;
            }
        }
        foreach (var row in rows)
        {
            if (segment.Acknowledged.Contains(row.Position)) continue;
            var outcome = await _writer.InsertAsync(table, [row], cancellationToken);
            if (outcome.Result == InsertResult.Unreachable)
            {
                Unreachable(outcome.Message);
                return false;
            }
            if (outcome.Result == InsertResult.Acknowledged) Delivered(1, fromSpool: false);
            else Park(table, [row], outcome.Message!);
            segment.Acknowledged.Add(row.Position);
        }
        _options.FaultPoint?.Invoke("acknowledged");
        _spool.Mark(segment, table, SegmentMark.Done);
        lock (_gate) _spooled -= rows.Count;
        return true;
    }

    private async Task<bool> RetryLaneAsync(CancellationToken cancellationToken)
    {
        if (_lane.Groups.Count == 0 || DateTime.UtcNow < _laneDue) return true;
        _laneDue = DateTime.UtcNow + _options.PoisonRetry;
        foreach (var group in _lane.Groups.ToList())
        {
            var outcome = await _writer.InsertAsync(group.Table, group.Rows, cancellationToken);
            switch (outcome.Result)
            {
                case InsertResult.Unreachable:
                    Unreachable(outcome.Message);
                    return false;
                case InsertResult.Acknowledged:
                    lock (_gate) _lane.Delivered(group);
                    Delivered(group.Rows.Count, fromSpool: false);
                    _options.Report($"INFO clickhouse sink: {group.Rows.Count} parked row(s) of {group.Table} accepted after {group.Attempts} refusal(s)");
                    break;
                default:
                    lock (_gate) _lane.Refused(group, outcome.Message!);
                    Refused(group);
                    if (outcome.Result == InsertResult.RowsRejected && group.Rows.Count > 1)
                        lock (_gate) _lane.Split(group);
                    break;
            }
        }
        lock (_gate) _poisoned = _lane.RowCount;
        return true;
    }

    private void Park(string table, IReadOnlyList<SpooledRow> rows, string message)
    {
        PoisonGroup group;
        lock (_gate)
        {
            group = _lane.Park(table, rows, message);
            _poisoned = _lane.RowCount;
        }
        Refused(group);
    }

    private void Refused(PoisonGroup group)
    {
        var line = $"{group.Table}: {Spool.Describe(group.Rows)} refused (attempt {group.Attempts}); server said: {group.LastError}";
        lock (_gate)
        {
            _refusals++;
            _lastError = line;
        }
        if (ReportPolicy.ShouldReport(group.Attempts))
            _options.Report($"ERROR clickhouse sink: {line}; parked in {_lane.Dir}, retried every {_options.PoisonRetry.TotalSeconds:0.#} s");
    }

    private void Delivered(int rows, bool fromSpool)
    {
        bool recovered;
        lock (_gate)
        {
            _delivered += rows;
            if (fromSpool) _spooled -= rows;
            recovered = !_connected;
            _connected = true;
        }
        if (recovered) _options.Report($"INFO clickhouse sink: {Target} reachable again; draining {Status.Spooled} spooled rows");
    }

    private void Unreachable(string? message)
    {
        bool first;
        lock (_gate)
        {
            first = _connected;
            _connected = false;
            _lastError = $"{Target} unreachable: {message}";
        }
        if (first) _options.Report($"WARN clickhouse sink: {Target} unreachable ({message}); rows stay in the spool {_spool.Dir} and are retried");
    }

    private void Failed(string message, string level)
    {
        lock (_gate) _lastError = message;
        _options.Report($"{level} {message}");
    }
}
