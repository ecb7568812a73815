using System.Diagnostics;
using System.Threading.Channels;
using LanguageExt;
using Microsoft.Extensions.Logging;
using Pink.Core;
using Pink.Shell.ClickHouse;
using Pink.Shell.Recording;
using Pink.Shell.Replay;

namespace Pink.Shell.Runner;

/// <summary>
/// The live loop: one consumer takes inputs from <see cref="Inbox"/> in arrival order and applies them through the
/// adapter and the kernel, in order. Venue calls are awaited inside the loop and their answers applied before the next
/// input, so a fill frame queued behind a place-order call finds the order already acknowledged.
/// <para>
/// Group commit: every input already waiting (up to <see cref="RunOptions.MaxBatch"/>) is one batch. Each record is
/// written to the recording as it is applied, so the recording's order is the order of application (a venue's answers
/// follow the input that caused them), and the records are made durable with one fsync before anything they caused
/// leaves the process: rows go to the sink, the newest snapshot to the publishers and sizer feedback to the runtime only
/// after that fsync, and a venue call is preceded by one. The batch's rows are then flushed once, and a checkpoint is
/// saved when due (<see cref="CheckpointCadence"/>), only after the rows it covers are durable. The state is immutable,
/// so a due checkpoint is written off the loop's thread while the loop goes on (one at a time, in order; start-up and
/// shutdown wait for theirs): a large state no longer stalls the inputs behind it. A crash loses at most
/// inputs nobody outside saw yet; a restart re-applies the recording beyond the checkpoint.
/// </para>
/// </summary>
public sealed class RunLoop : IAsyncDisposable
{
    private static readonly TimeSpan SlowCheckpoint = TimeSpan.FromSeconds(1);
    private readonly Channel<Record> _inbox = Channel.CreateUnbounded<Record>(new UnboundedChannelOptions { SingleReader = true });
    private readonly RunOptions _options;
    private readonly IVenue _venue;
    private readonly IRowSink _rows;
    private readonly Pink.Shell.Publishing.ISnapshotPublisher _snapshots;
    private readonly ILogger _log;
    private readonly RecordingWriter _recording;
    private readonly Session _session;
    private readonly CheckpointCadence _cadence;
    private readonly List<(KernelEvent Event, Seq<Effect> Effects)> _pending = new();
    private readonly List<Record> _batch = new();
    // What applied records caused, held until the records are durable (see Release).
    private readonly List<Row> _heldRows = new();
    private readonly List<SizerFeedback> _heldFeedback = new();
    private readonly List<TradeForgotten> _heldForgotten = new();
    private AccountSnapshot? _heldSnapshot;
    private Task _rowsDurable = Task.CompletedTask; // the latest rows flush: awaited before the next one and before a checkpoint
    private long _applied;
    private bool _recovering;
    private long _batches;
    private int _largestBatch;
    private long _rowFlushes;
    private TimeSpan _syncTime;
    private TimeSpan _rowsWaitTime;
    private long _checkpoints;
    private long _checkpointTicks;
    private long _lastAnchorTicks; // UTC ticks of the last anchor row's event time; 0 = none yet (written by the loop, read by metrics)
    private TimeSpan _lastCheckpointTime;
    private Task<Exception?> _checkpointSaving = Task.FromResult<Exception?>(null); // the save in flight, if any

    public RunLoop(RunOptions options, IVenue venue, IRowSink rows, Pink.Shell.Publishing.ISnapshotPublisher snapshots, ILogger log)
    {
        _options = options;
        _venue = venue;
        _rows = rows;
        _snapshots = snapshots;
        _log = log;
        Directory.CreateDirectory(options.StateDirectory);
        var checkpoint = Checkpoint.Load(options.CheckpointPath);
        _session = new Session(checkpoint?.State ?? Kernel.Initial(options.Kernel)) { OnEffects = (e, fx) => _pending.Add((e, fx)), NameLines = false };
        _applied = checkpoint?.RecordsApplied ?? 0;
        _cadence = new CheckpointCadence(options.CheckpointEvery, options.Interval, options.CheckpointBudget, options.Time);
        _cadence.Saved(_applied, TimeSpan.Zero);
        Restored = checkpoint is not null;
        if (checkpoint is not null && checkpoint.KernelVersion != KernelVersion.Current)
            _log.LogInformation("checkpoint written by kernel {Written}, resumed by {Current}", checkpoint.KernelVersion ?? "(before version 2 checkpoints)", KernelVersion.Current);
        _recording = new RecordingWriter(options.RecordingPath);
    }

    /// <summary>Where stream clients and the policy put inputs.</summary>
    public ChannelWriter<Record> Inbox => _inbox.Writer;

    /// <summary>True when the loop resumed from a checkpoint.</summary>
    public bool Restored { get; }

    public KernelState State => _session.State;
    public AccountSnapshot Snapshot => Queries.Snapshot(_session.State);
    public long RecordsApplied => _applied;
    public List<SizerFeedback> Feedback { get; } = new();

    /// <summary>Diagnostics interpreted so far (every kind, duplicates included).</summary>
    public int Diagnostics { get; private set; }

    /// <summary>
    /// The event time of the last wallet anchor the kernel wrote a row for in this process (null before the first). Safe
    /// to read from any thread. An anchor that changes nothing writes no row, so it does not move this.
    /// </summary>
    public DateTimeOffset? LastAnchorAt => Interlocked.Read(ref _lastAnchorTicks) is var t and > 0 ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    /// <summary>What the loop's commits cost so far. Read it from the loop's own thread or after it stopped.</summary>
    public RunLoopCounters Counters => new(_batches, _largestBatch, _recording.Syncs, _syncTime, _rowFlushes, _rowsWaitTime, Interlocked.Read(ref _checkpoints), TimeSpan.FromTicks(Interlocked.Read(ref _checkpointTicks)), _lastCheckpointTime);

    /// <summary>
    /// During recovery, tells which re-created rows the store already holds (by identity: table, event_seq, key), so
    /// re-applying the recording's tail after a crash does not write them twice.
    /// </summary>
    public Func<Row, bool>? RowsAlreadyStored { get; set; }

    /// <summary>Loads <see cref="RowsAlreadyStored"/> for rows from the given event_seq on; called only when there is a tail to re-apply.</summary>
    public Func<long, CancellationToken, Task<Func<Row, bool>>>? StoredRowsProbe { get; init; }

    /// <summary>Raised for every sizer feedback effect (the embedding runtime's sizer listens here).</summary>
    public event Action<SizerFeedback>? FeedbackReceived;

    /// <summary>
    /// Raised, once its batch is released, for every trade the kernel forgot (closed and settled): the loop keeps no
    /// history itself; a reader that needs one (the demo's ledger, the soak report) keeps it from here (<see cref="TradeHistory"/>).
    /// </summary>
    public event Action<TradeForgotten>? TradeForgotten;

    /// <summary>
    /// Start-up: re-apply what the recording holds beyond the checkpoint (without sending anything again), then reconcile
    /// with the venue (balance, positions, working orders), then re-send orders the venue never acknowledged — the venue
    /// refuses a client order id twice, so a re-send cannot double an order. Ends with a checkpoint.
    /// </summary>
    public async Task StartAsync(CancellationToken ct)
    {
        _log.LogInformation("run loop: group commit of up to {MaxBatch} waiting inputs (one recording fsync, one rows flush); checkpoint every {Every} records or {Interval:0.###} s, at most {Budget:0.#%} of the time, and at start-up and shutdown",
            Math.Max(1, _options.MaxBatch), Math.Max(1, _options.CheckpointEvery), _options.Interval.TotalSeconds, _options.CheckpointBudget);
        // A new recording starts with the kernel and the configuration it folds with, so its replay uses the same. It is a
        // record like any other (counted in RecordsApplied), so the tail after a checkpoint is found by the same count.
        if (_applied == 0 && (!File.Exists(_options.RecordingPath) || new FileInfo(_options.RecordingPath).Length == 0))
            await ApplyOneAsync(new HeaderRecord(0, null, KernelVersion.Current, State.Config), record: true, ct);
        var tail = File.Exists(_options.RecordingPath) ? RecordingReader.ReadFile(_options.RecordingPath).Skip((int)_applied).ToList() : [];
        // A trailing partial line (the process died mid-write) was never applied: it is reported, not guessed at.
        if (tail.Count > 0 && tail[^1] is SkippedRecord torn) _log.LogWarning("recording ends with an unreadable line {Line}: {Reason}", torn.Line, torn.Reason);
        if (tail.Count > 0)
        {
            _log.LogWarning("recovering {Count} recorded inputs beyond the checkpoint (records {From}..)", tail.Count, _applied + 1);
            if (StoredRowsProbe is not null) RowsAlreadyStored = await StoredRowsProbe(State.EventSeq, ct);
            _recovering = true;
            try
            {
                foreach (var chunk in tail.Chunk(Math.Max(1, _options.MaxBatch)))
                {
                    foreach (var record in chunk) await ApplyOneAsync(record, record: false, ct);
                    await CommitAsync(checkpoint: false);
                }
            }
            finally { _recovering = false; }
        }
        // The recording says where the process stopped, so its replay shows the restart too (it changes no number).
        if (Restored || tail.Count > 0) await ApplyOneAsync(new RestartRecord(0, null), record: true, ct);
        foreach (var record in await _venue.ReconcileAsync(State, ct)) await ApplyOneAsync(record, record: true, ct);
        foreach (var order in Queries.UnacknowledgedOrders(State))
        {
            _log.LogWarning("order {ClientOrderId} has no venue acknowledgement after restart: sending it again", order.ClientOrderId);
            Release();
            foreach (var answer in await _venue.PlaceOrderAsync(order, ct)) await ApplyOneAsync(answer, record: true, ct);
        }
        await CommitAsync(checkpoint: true);
    }

    /// <summary>Consume until the inbox completes or <paramref name="ct"/> fires; then drain, flush and checkpoint.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            while (true)
            {
                if (TakeBatch())
                {
                    await ApplyBatchAsync();
                    continue;
                }
                // Idle with records no checkpoint covers: save once the interval is up rather than waiting for input.
                if (_cadence.Due(_applied)) await CheckpointAsync(wait: false);
                if (!await WaitForInputAsync(_cadence.UntilDue(_applied), ct)) break;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            _inbox.Writer.TryComplete();
            while (TakeBatch()) await ApplyBatchAsync();
        }
        await CommitAsync(checkpoint: true);
        _log.LogInformation("run loop stopped: {Records} records applied and checkpointed", _applied);
    }

    /// <summary>
    /// Apply one input now, as a batch of one (used by a driver that owns the sequencing itself): when this returns the
    /// input is recorded (when <paramref name="record"/>), applied, its effects interpreted and its rows durable.
    /// </summary>
    public async Task ApplyAsync(Record input, bool record, CancellationToken ct)
    {
        await ApplyOneAsync(input, record, ct);
        await CommitAsync(checkpoint: false);
        await _rowsDurable;
    }

    private bool TakeBatch()
    {
        _batch.Clear();
        var most = Math.Max(1, _options.MaxBatch);
        while (_batch.Count < most && _inbox.Reader.TryRead(out var record)) _batch.Add(record);
        return _batch.Count > 0;
    }

    private async Task ApplyBatchAsync()
    {
        _batches++;
        _largestBatch = Math.Max(_largestBatch, _batch.Count);
        // Venue calls get no cancellation: once an input is applied its calls and answers complete, as one step.
        foreach (var record in _batch) await ApplyOneAsync(record, record: true, CancellationToken.None);
        _batch.Clear();
        await CommitAsync(checkpoint: false);
    }

    /// <summary>False once the inbox is complete and empty; true when input may be waiting or <paramref name="limit"/> passed.</summary>
    private async Task<bool> WaitForInputAsync(TimeSpan? limit, CancellationToken ct)
    {
        if (limit is not TimeSpan wait) return await _inbox.Reader.WaitToReadAsync(ct);
        // The interval runs on the loop's clock, so a test can move it instead of waiting for it.
        using var timer = new CancellationTokenSource(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, _options.Time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        try { return await _inbox.Reader.WaitToReadAsync(either.Token); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { return true; }
    }

    private async Task ApplyOneAsync(Record input, bool record, CancellationToken ct)
    {
        if (record) _recording.Write(input);
        _pending.Clear();
        _session.Feed(input);
        _applied++;
        _cadence.Applied(_applied);
        List<Effect>? venueCalls = null;
        foreach (var (_, effects) in _pending)
            foreach (var effect in effects)
                Interpret(effect, ref venueCalls);
        if (_recovering || venueCalls is null) return; // what the recording holds was already sent, or is found by reconciliation
        // An order is about to leave the process: the input that caused it (and all before it) must be durable first.
        Release();
        foreach (var call in venueCalls)
        {
            var answers = call switch
            {
                PlaceOrder p => await _venue.PlaceOrderAsync(p, ct),
                CancelOrder c => await _venue.CancelOrderAsync(c, ct),
                QueryOrder q => await _venue.QueryOrderAsync(q, ct),
                _ => [],
            };
            foreach (var answer in answers) await ApplyOneAsync(answer, record: true, ct);
        }
    }

    /// <summary>
    /// The write-ahead point: make every record written so far durable (one fsync), then let out what they caused —
    /// rows to the sink, the newest snapshot to the publishers, sizer feedback to the runtime.
    /// </summary>
    private void Release()
    {
        var started = Stopwatch.GetTimestamp();
        _recording.Sync();
        _syncTime += Stopwatch.GetElapsedTime(started);
        if (_heldRows.Count > 0)
        {
            foreach (var row in _heldRows) _rows.Write(row);
            RunMetrics.RowsWritten.Add(_heldRows.Count);
            _heldRows.Clear();
        }
        // Publishers keep only the newest snapshot anyway; the ones before it in the batch were never visible.
        if (_heldSnapshot is AccountSnapshot snapshot) _snapshots.Publish(snapshot);
        _heldSnapshot = null;
        foreach (var f in _heldFeedback)
        {
            Feedback.Add(f);
            FeedbackReceived?.Invoke(f);
            _log.LogInformation("sizer feedback {TradeId}: {Pnl:0.########} (realized {Realized:0.########} − fees {Fees:0.########}, revision {Revision})", f.TradeId, f.Pnl, f.Realized, f.Fees, f.Revision);
        }
        _heldFeedback.Clear();
        foreach (var f in _heldForgotten) TradeForgotten?.Invoke(f);
        _heldForgotten.Clear();
    }

    /// <summary>End of a batch: release, flush its rows, and checkpoint when due (or when <paramref name="checkpoint"/>).</summary>
    private async Task CommitAsync(bool checkpoint)
    {
        var wrote = _heldRows.Count > 0;
        Release();
        if (wrote)
        {
            // The flush runs on while the next batch is applied; the sink shares one fsync among flushes outstanding.
            var previous = _rowsDurable;
            _rowsDurable = _rows.FlushAsync(CancellationToken.None);
            _rowFlushes++;
            await RowsDurable(previous);
        }
        if (checkpoint) await CheckpointAsync(wait: true);
        else if (_cadence.Due(_applied)) await CheckpointAsync(wait: false);
    }

    private async Task RowsDurable(Task flush)
    {
        if (flush.IsCompleted)
        {
            await flush;
            return;
        }
        var started = Stopwatch.GetTimestamp();
        await flush;
        _rowsWaitTime += Stopwatch.GetElapsedTime(started);
    }

    /// <summary>
    /// Save a checkpoint of the state now; written on a worker thread, after the rows it covers are durable. One save at
    /// a time: a due checkpoint first waits for the one before it. <paramref name="wait"/>: return once it is on disk
    /// (start-up, shutdown), and throw if it failed; otherwise a failed save is logged and the next due one retries.
    /// </summary>
    private async Task CheckpointAsync(bool wait)
    {
        Release();
        await _checkpointSaving;
        var (applied, state, rows) = (_applied, State, _rowsDurable);
        // The budget spaces saves by the last one's duration (a state grows slowly, so it is a fair estimate of this one).
        _cadence.Saved(applied, _lastCheckpointTime);
        _checkpointSaving = Task.Run(() => SaveAsync(applied, state, rows));
        if (wait && await _checkpointSaving is Exception failed)
            throw new IOException($"checkpoint of {applied} records could not be saved: {failed.Message}", failed);
    }

    private async Task<Exception?> SaveAsync(long applied, KernelState state, Task rows)
    {
        try
        {
            // Rows before state: a checkpoint never runs ahead of the rows it implies.
            await rows;
            var started = Stopwatch.GetTimestamp();
            var bytes = Checkpoint.Save(_options.CheckpointPath, new Checkpoint(applied, state));
            var took = Stopwatch.GetElapsedTime(started);
            _lastCheckpointTime = took;
            Interlocked.Add(ref _checkpointTicks, took.Ticks);
            Interlocked.Increment(ref _checkpoints);
            _log.Log(took >= SlowCheckpoint ? LogLevel.Warning : LogLevel.Debug,
                "checkpoint: {Records} records, event_seq {Seq}, {Mb:0.0} MB in {Ms:0} ms{Note}", applied, state.EventSeq, bytes / 1e6,
                took.TotalMilliseconds, took >= SlowCheckpoint ? $" (the state is large: saves are spaced to keep them to {_options.CheckpointBudget:0.#%} of the time)" : "");
            return null;
        }
        catch (Exception ex)
        {
            _log.LogError(ex, "checkpoint of {Records} records failed; the recording holds every input, the next checkpoint retries", applied);
            return ex;
        }
    }

    private void Interpret(Effect effect, ref List<Effect>? venueCalls)
    {
        switch (effect)
        {
            case PlaceOrder or CancelOrder or QueryOrder: (venueCalls ??= new List<Effect>()).Add(effect); break;
            case PersistRow r:
                // The kernel's "anchor" account row is the one sign that a wallet balance was taken; re-created rows count too.
                if (r.Row is AccountEventRow { Kind: "anchor" } anchor)
                    Interlocked.Exchange(ref _lastAnchorTicks, DateTime.SpecifyKind(anchor.Ts, DateTimeKind.Utc).Ticks);
                if (_recovering && RowsAlreadyStored?.Invoke(r.Row) == true) break;
                _heldRows.Add(r.Row);
                break;
            case PublishSnapshot s: _heldSnapshot = s.Snapshot; break;
            case SizerFeedback f: _heldFeedback.Add(f); break;
            case TradeForgotten f: _heldForgotten.Add(f); break;
            case Diagnostic d:
                Diagnostics++;
                RunMetrics.Count(d);
                _log.Log(d.Severity switch { Severity.Error => LogLevel.Error, Severity.Warning => LogLevel.Warning, _ => LogLevel.Information },
                    "{Kind} {Detail}", d.Kind, d.Detail);
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _checkpointSaving;
        _recording.Dispose();
    }
}
