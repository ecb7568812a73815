using Pink.Core;

namespace Pink.Shell.ClickHouse;

/// <summary>
/// The ClickHouse sink: rows → durable spool → acknowledged inserts, exactly once.
/// <list type="bullet">
/// <item>Write accepts in memory; Flush appends them to the spool log and fsyncs it (the durability point). Flushes
/// that arrive while one is syncing share the next sync (group commit); each returns only once its rows are durable.</item>
/// <item>One background loop delivers what is durable, oldest first, coalescing every row waiting (up to BatchRows)
/// into one batch: its range is written to the send journal and synced <i>before</i> anything is sent, then it goes as
/// one insert per table, each with a deduplication token derived from the rows' identities, so any re-send (timeout,
/// crash, restart) carries the same rows and the same token. Spool files are trimmed only after the journal says,
/// durably, that every table of the batches in them is acknowledged or parked. On start the spool left by a previous
/// run is delivered first, its open batch exactly as journaled.</item>
/// <item>Server away: the batch stays, retries back off (up to RetryMax), the spool grows, and drains on return.</item>
/// <item>Server refuses data: the refused set of a table's rows is split in halves (the split journaled before either
/// half is sent, and never undone), and so on down, so the good rows go through in a few inserts; each row it refuses
/// on its own is parked in the poison lane with its answer, reported (first refusal, then every 100th after 1,000),
/// counted, retried every PoisonRetryInterval, never dropped — and the rows behind them flow on.</item>
/// </list>
/// </summary>
public sealed class ClickHouseRowSink : IRowSink
{
    private readonly ClickHouseSinkOptions _options;
    private readonly Spool _spool;
    private readonly PoisonLane _lane;
    private readonly ClickHouseWriter _writer;
    private readonly object _gate = new();
    private readonly SemaphoreSlim _sealRequested = new(0, int.MaxValue);
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Batch> _batches;       // journaled (or about to be), not done; oldest first
    private readonly Queue<SpooledRow> _durable; // durable in the spool, not yet in a batch; in position order
    private List<Row> _pending = new();
    private List<SpooledRow>? _unwritten;         // a group whose append failed: appended again first, same positions
    private long _accepted;                       // rows Write accepted since start
    private long _sealed;                         // how many of those (a prefix) are durable
    private long _pendingSince;                   // when _pending last became non-empty (Environment.TickCount64)
    private TaskCompletionSource? _nextSeal;      // flushes waiting for the next seal (it takes everything pending)
    private TaskCompletionSource? _sealing;        // the seal running now, and how far it reaches
    private long _sealingUpTo;
    private int _sealSignalled;
    private bool _flusherStop;
    private bool _appendFailing;                  // flusher thread only: report a failing disk once, not per retry
    private Task _flusher = Task.CompletedTask;
    private int _wakeSignalled;
    private long _durableSince;                   // when _durable last became non-empty (Environment.TickCount64)
    private int _draining;                        // DrainAsync calls waiting: deliver without lingering
    private bool _doneUnsynced;                   // a batch's "done" is journaled but not yet synced
    private Task _loop = Task.CompletedTask;
    private long _spooled;
    private long _delivered;
    private long _poisoned;
    private long _refusals;
    private string? _lastError;
    private bool _connected = true;
    private bool _prepared;
    private bool _disposed;
    private DateTime _laneDue = DateTime.MinValue;

    private ClickHouseRowSink(ClickHouseTarget target, ClickHouseSinkOptions options)
    {
        _options = options;
        _spool = new Spool(options.SpoolDir, options.BatchRows);
        _lane = new PoisonLane(_spool.Dir);
        _lane.Load();
        var (batches, rows) = _spool.Load(options.Report, _lane.MaxPosition + 1);
        foreach (var batch in batches) batch.Journaled = true;
        _batches = batches;
        _durable = new Queue<SpooledRow>(rows);
        _durableSince = Environment.TickCount64 - (long)options.Flush.TotalMilliseconds; // a previous run's rows are due
        _spooled = batches.Sum(b => (long)b.Outstanding) + rows.Count;
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
        sink._flusher = Task.Factory.StartNew(sink.FlushLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        sink._loop = Task.Run(sink.RunAsync);
        return sink;
    }

    /// <inheritdoc />
    public SinkStatus Status
    {
        get
        {
            lock (_gate)
                return new SinkStatus(_pending.Count + (_unwritten?.Count ?? 0), _spooled, _delivered, _poisoned, _refusals, _lastError, _connected);
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
            if (_pending.Count == 0) _pendingSince = Environment.TickCount64;
            _pending.Add(row);
            _accepted++;
            full = _pending.Count >= _options.BatchRows;
        }
        if (full) RequestSeal();
    }

    /// <summary>
    /// Make every row written before this call durable; the task completes once they are (fsynced). Group commit: one
    /// flusher appends and syncs everything pending at once, so flushes that arrive while a sync runs share the next
    /// one — a caller that keeps several flushes outstanding (awaiting each before the checkpoint that needs it) pays one
    /// fsync for all of them, and each still completes only when its own rows are durable.
    /// </summary>
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        Task durable;
        lock (_gate)
        {
            if (_sealed >= _accepted) return Task.CompletedTask;
            ObjectDisposedException.ThrowIf(_flusherStop, this);
            if (_sealing is not null && _accepted <= _sealingUpTo)
            {
                durable = _sealing.Task; // the seal running now took every row written so far
            }
            else
            {
                _nextSeal ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                durable = _nextSeal.Task;
            }
        }
        RequestSeal();
        return cancellationToken.CanBeCanceled ? durable.WaitAsync(cancellationToken) : durable;
    }

    /// <inheritdoc />
    public async Task<bool> DrainAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _draining);
        try
        {
            await FlushAsync(cancellationToken);
            Wake();
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                lock (_gate)
                    if (_pending.Count == 0 && _unwritten is null && _durable.Count == 0 && _batches.Count == 0 && _spool.FileCount == 0)
                        return true;
                if (DateTime.UtcNow >= deadline) return false;
                await Task.Delay(10, cancellationToken);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _draining);
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
        Wake();
        try { await _loop; }
        catch (OperationCanceledException) { }
        try
        {
            await FlushAsync(CancellationToken.None);
        }
        finally
        {
            lock (_gate) _flusherStop = true;
            RequestSeal();
            await _flusher;
            try
            {
                // What the loop journaled as done becomes durable, so the next start does not offer it again.
                if (_spool.Journal.Sync()) _spool.Trim(_spool.Journal.Watermark, FirstOpen());
            }
            catch (IOException) { /* the next start re-sends those batches; their tokens make that harmless */ }
            _spool.Dispose();
            _writer.Dispose();
            _stop.Dispose();
        }
    }

    private void Wake()
    {
        if (Interlocked.Exchange(ref _wakeSignalled, 1) == 0) _wake.Release();
    }

    private void RequestSeal()
    {
        if (Interlocked.Exchange(ref _sealSignalled, 1) == 0) _sealRequested.Release();
    }

    // The flusher (its own thread: fsync blocks): each round appends everything pending as one group and syncs it,
    // then completes every flush that was waiting for it.
    private void FlushLoop()
    {
        while (true)
        {
            _sealRequested.Wait();
            Interlocked.Exchange(ref _sealSignalled, 0);
            try
            {
                Seal();
            }
            catch (Exception ex)
            {
                // Never let the flusher die: a flush waiting for it would wait for ever.
                Failed($"clickhouse sink: flusher: {ex.GetType().Name}: {ex.Message}", "ERROR");
            }
            lock (_gate)
                if (_flusherStop) return; // DisposeAsync flushed before asking the flusher to stop
        }
    }

    private void Seal()
    {
        TaskCompletionSource done;
        List<Row> rows;
        long upTo;
        List<SpooledRow> group;
        lock (_gate)
        {
            if (_pending.Count == 0 && _unwritten is null)
            {
                _nextSeal?.TrySetResult();
                _nextSeal = null;
                return;
            }
            done = _nextSeal ?? new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _nextSeal = null;
            _sealing = done;
            rows = _pending;
            _sealingUpTo = upTo = _accepted;
            _pending = new List<Row>();
            group = _unwritten ?? new List<SpooledRow>(rows.Count);
            _unwritten = group; // until it is durable: counted as pending, appended again (same positions) if this fails
        }
        try
        {
            group.AddRange(_spool.Assign(rows));
            _spool.Append(group);
        }
        catch (Exception ex)
        {
            // The flushes waiting for it fail; the rows stay (same positions) and the next seal tries again.
            lock (_gate) _sealing = null;
            if (!_appendFailing) Failed($"clickhouse sink: spool append failed, retrying: {ex.GetType().Name}: {ex.Message}", "ERROR");
            _appendFailing = true;
            done.TrySetException(ex);
            return;
        }
        if (_appendFailing) _options.Report("INFO clickhouse sink: spool appends work again");
        _appendFailing = false;
        bool wake;
        lock (_gate)
        {
            _unwritten = null;
            _sealing = null;
            if (_durable.Count == 0) _durableSince = Environment.TickCount64;
            foreach (var row in group) _durable.Enqueue(row);
            _spooled += group.Count;
            _sealed = upTo;
            // The loop wakes by itself when these have lingered long enough; sooner only for a full batch or a drain.
            wake = _durable.Count >= _options.BatchRows || _draining > 0;
        }
        try
        {
            _options.FaultPoint?.Invoke("sealed"); // durable; the flushes waiting for it have not returned yet
        }
        finally
        {
            done.TrySetResult();
            if (wake) Wake();
        }
    }

    // Rows nobody flushed are sealed once they waited FlushInterval (or make a full batch).
    private void SealIfDue()
    {
        lock (_gate)
        {
            var due = _unwritten is not null || (_pending.Count > 0
                && (_pending.Count >= _options.BatchRows || Environment.TickCount64 - _pendingSince >= (long)_options.Flush.TotalMilliseconds));
            if (!due) return;
        }
        RequestSeal();
    }

    // Until the loop has something to do by the clock: unflushed rows to seal, durable rows done lingering.
    private TimeSpan NextWait()
    {
        var flush = (long)_options.Flush.TotalMilliseconds;
        var left = flush;
        lock (_gate)
        {
            var now = Environment.TickCount64;
            if (_pending.Count > 0) left = Math.Min(left, flush - (now - _pendingSince));
            if (_durable.Count > 0 && _batches.Count == 0) left = Math.Min(left, flush - (now - _durableSince));
        }
        return TimeSpan.FromMilliseconds(Math.Clamp(left, 1, flush));
    }

    private async Task RunAsync()
    {
        var backoff = _options.RetryFirst;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                Interlocked.Exchange(ref _wakeSignalled, 0);
                SealIfDue();
                var reachable = await PrepareAsync(_stop.Token) && await DeliverAsync(_stop.Token) && await RetryLaneAsync(_stop.Token);
                if (reachable)
                {
                    backoff = _options.RetryFirst;
                    await _wake.WaitAsync(NextWait(), _stop.Token);
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

    // False while Prepare has not succeeded: the caller backs off and tries again; rows wait in the spool.
    private async Task<bool> PrepareAsync(CancellationToken cancellationToken)
    {
        if (_prepared || _options.Prepare is null) return true;
        try
        {
            await _options.Prepare(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && InsertOutcome.IsUnreachable(ex))
        {
            Unreachable(ex.Message);
            return false;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Failed($"clickhouse sink: preparing {Target}: {ex.GetType().Name}: {ex.Message}; rows stay spooled", "ERROR");
            return false;
        }
        _prepared = true;
        Delivered(0, fromSpool: false);
        return true;
    }

    // False when the server could not be reached: the caller backs off and the same batch is retried.
    private async Task<bool> DeliverAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Batch? batch;
            lock (_gate)
            {
                batch = _batches.Count > 0 ? _batches[0] : null;
                // Linger: while rows keep coming, wait up to FlushInterval for a bigger batch (the server pays per
                // insert, not per row), unless a full batch is there or someone is draining.
                var due = _durable.Count >= _options.BatchRows || _draining > 0
                    || Environment.TickCount64 - _durableSince >= (long)_options.Flush.TotalMilliseconds;
                if (batch is null && _durable.Count > 0 && due)
                {
                    // Coalesce: everything durable and waiting, up to BatchRows, in position order.
                    var rows = new List<SpooledRow>(Math.Min(_durable.Count, _options.BatchRows));
                    while (rows.Count < _options.BatchRows && _durable.Count > 0) rows.Add(_durable.Dequeue());
                    _durableSince = Environment.TickCount64;
                    batch = new Batch(rows[0].Position, rows[^1].Position, rows);
                    _batches.Add(batch);
                }
            }
            if (batch is null)
            {
                Synced(_spool.Journal.Sync());
                return true;
            }
            if (!batch.Journaled)
            {
                // The composition is durable before the first byte of it is sent: every later send is the same set.
                _spool.Journal.Begin(batch.First, batch.Last);
                _spool.Journal.Sync();
                batch.Journaled = true;
                _options.FaultPoint?.Invoke("journaled");
                Synced(true);
            }
            foreach (var (table, rows) in batch.Groups().ToList())
                if (!await DeliverGroupAsync(batch, table, rows, cancellationToken)) return false;
            _spool.Journal.Done(batch.First, batch.Last); // durable with the next sync; files are trimmed after it
            _doneUnsynced = true;
            lock (_gate) _batches.RemoveAt(0);
        }
    }

    // After a journal sync: what it made durable may now be trimmed.
    private void Synced(bool synced)
    {
        if (synced && _doneUnsynced)
        {
            _doneUnsynced = false;
            _options.FaultPoint?.Invoke("marked");
        }
        _spool.Journal.CompactIfLarge(SnapshotOfBatches());
        _spool.Trim(_spool.Journal.Watermark, FirstOpen());
    }

    private List<Batch> SnapshotOfBatches()
    {
        lock (_gate) return _batches.Where(b => b.Journaled).ToList();
    }

    private long FirstOpen()
    {
        lock (_gate) return _batches.Count > 0 ? _batches[0].First : long.MaxValue;
    }

    private void Mark(Batch batch, string table, SegmentMark mark)
    {
        _spool.Journal.Mark(batch.First, mark, table);
        if (mark == SegmentMark.Parked)
        {
            // Durable before moving on: the lane owns these rows now, and the batch must not offer them again.
            _spool.Journal.Sync();
            Synced(true);
        }
        batch.Apply(mark, table);
    }

    private async Task<bool> DeliverGroupAsync(Batch batch, string table, IReadOnlyList<SpooledRow> rows, CancellationToken cancellationToken)
    {
        if (batch.PartsOf(table, rows) is null)
        {
            var outcome = await _writer.InsertAsync(table, rows, cancellationToken);
            switch (outcome.Result)
            {
                case InsertResult.Acknowledged:
                    _options.FaultPoint?.Invoke("acknowledged");
                    Mark(batch, table, SegmentMark.Done);
                    Delivered(rows.Count, fromSpool: true);
                    return true;
                case InsertResult.Unreachable:
                    Unreachable(outcome.Message);
                    return false;
                case InsertResult.TableRejected:
                case InsertResult.RowsRejected when rows.Count == 1:
                    Park(table, rows, outcome.Message!);
                    Mark(batch, table, SegmentMark.Parked);
                    lock (_gate) _spooled -= rows.Count;
                    return true;
                default:
                    // Some row in this set is poison: from now on it travels as its two halves (never as this set
                    // again), and so on down, so the good rows go through and only the refused ones are parked.
                    Split(batch, table, rows);
                    break;
            }
        }
        foreach (var part in batch.PartsOf(table, rows)!)
            if (!await DeliverPartAsync(batch, table, part, cancellationToken)) return false;
        _options.FaultPoint?.Invoke("acknowledged");
        Mark(batch, table, SegmentMark.Done);
        lock (_gate) _spooled -= rows.Count;
        return true;
    }

    // One part of a split set: sent whole unless it was split too; a refused single row is parked. Parts settled in
    // this run are skipped when delivery resumes after an outage (after a restart they are sent again, as the same
    // sets with the same tokens, and the server recognises them).
    private async Task<bool> DeliverPartAsync(Batch batch, string table, IReadOnlyList<SpooledRow> part, CancellationToken cancellationToken)
    {
        if (part.All(r => batch.Acknowledged.Contains(r.Position))) return true;
        if (batch.PartsOf(table, part) is null)
        {
            var outcome = await _writer.InsertAsync(table, part, cancellationToken);
            switch (outcome.Result)
            {
                case InsertResult.Unreachable:
                    Unreachable(outcome.Message);
                    return false;
                case InsertResult.Acknowledged:
                    Delivered(part.Count, fromSpool: false);
                    foreach (var row in part) batch.Acknowledged.Add(row.Position);
                    return true;
                case InsertResult.TableRejected:
                case InsertResult.RowsRejected when part.Count == 1:
                    Park(table, part, outcome.Message!);
                    foreach (var row in part) batch.Acknowledged.Add(row.Position);
                    return true;
                default:
                    Split(batch, table, part);
                    break;
            }
        }
        foreach (var half in batch.PartsOf(table, part)!)
            if (!await DeliverPartAsync(batch, table, half, cancellationToken)) return false;
        return true;
    }

    // Durable before either half is sent: after a restart the set is still sent as these halves, never whole.
    private void Split(Batch batch, string table, IReadOnlyList<SpooledRow> set)
    {
        _spool.Journal.Split(batch.First, table, set[0].Position, set[^1].Position);
        _spool.Journal.Sync();
        Synced(true);
        batch.Split(table, set[0].Position, set[^1].Position);
        _options.FaultPoint?.Invoke("split");
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
            // The first parked group starts the retry clock: offered again one PoisonRetryInterval later, not at once.
            if (_lane.Groups.Count == 0) _laneDue = DateTime.UtcNow + _options.PoisonRetry;
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
