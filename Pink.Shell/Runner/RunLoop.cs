using System.Threading.Channels;
using LanguageExt;
using Microsoft.Extensions.Logging;
using Pink.Core;
using Pink.Shell.ClickHouse;
using Pink.Shell.Recording;
using Pink.Shell.Replay;

namespace Pink.Shell.Runner;

/// <summary>
/// The live loop: one consumer takes inputs from <see cref="Inbox"/> in arrival order, appends each to the recording
/// (write-ahead), applies it through the adapter and the kernel, interprets the effects, and checkpoints. Venue calls are
/// awaited inside the loop and their answers applied before the next input, so a fill frame queued behind a
/// place-order call finds the order already acknowledged.
/// </summary>
public sealed class RunLoop : IAsyncDisposable
{
    private readonly Channel<Record> _inbox = Channel.CreateUnbounded<Record>(new UnboundedChannelOptions { SingleReader = true });
    private readonly RunOptions _options;
    private readonly IVenue _venue;
    private readonly IRowSink _rows;
    private readonly Pink.Shell.Publishing.ISnapshotPublisher _snapshots;
    private readonly ILogger _log;
    private readonly RecordingWriter _recording;
    private readonly Session _session;
    private readonly List<(KernelEvent Event, Seq<Effect> Effects)> _pending = new();
    private long _applied;
    private bool _recovering;

    public RunLoop(RunOptions options, IVenue venue, IRowSink rows, Pink.Shell.Publishing.ISnapshotPublisher snapshots, ILogger log)
    {
        _options = options;
        _venue = venue;
        _rows = rows;
        _snapshots = snapshots;
        _log = log;
        Directory.CreateDirectory(options.StateDirectory);
        var checkpoint = Checkpoint.Load(options.CheckpointPath);
        _session = new Session(checkpoint?.State ?? Kernel.Initial(options.Kernel)) { OnEffects = (e, fx) => _pending.Add((e, fx)) };
        _applied = checkpoint?.RecordsApplied ?? 0;
        Restored = checkpoint is not null;
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
    /// During recovery, tells which re-created rows the store already holds (by identity: table, event_seq, key), so
    /// re-applying the recording's tail after a crash does not write them twice.
    /// </summary>
    public Func<Row, bool>? RowsAlreadyStored { get; set; }

    /// <summary>Loads <see cref="RowsAlreadyStored"/> for rows from the given event_seq on; called only when there is a tail to re-apply.</summary>
    public Func<long, CancellationToken, Task<Func<Row, bool>>>? StoredRowsProbe { get; init; }

    /// <summary>Raised for every sizer feedback effect (the embedding runtime's sizer listens here).</summary>
    public event Action<SizerFeedback>? FeedbackReceived;

    /// <summary>
    /// Start-up: re-apply what the recording holds beyond the checkpoint (without sending anything again), then reconcile
    /// with the venue (balance, positions, working orders), then re-send orders the venue never acknowledged — the venue
    /// refuses a client order id twice, so a re-send cannot double an order.
    /// </summary>
    public async Task StartAsync(CancellationToken ct)
    {
        var tail = File.Exists(_options.RecordingPath) ? RecordingReader.ReadFile(_options.RecordingPath).Skip((int)_applied).ToList() : [];
        // A trailing partial line (the process died mid-write) was never applied: it is reported, not guessed at.
        if (tail.Count > 0 && tail[^1] is SkippedRecord torn) _log.LogWarning("recording ends with an unreadable line {Line}: {Reason}", torn.Line, torn.Reason);
        if (tail.Count > 0)
        {
            _log.LogWarning("recovering {Count} recorded inputs beyond the checkpoint (records {From}..)", tail.Count, _applied + 1);
            if (StoredRowsProbe is not null) RowsAlreadyStored = await StoredRowsProbe(State.EventSeq, ct);
            _recovering = true;
            foreach (var record in tail) await ApplyAsync(record, record: false, ct);
            _recovering = false;
        }
        // The recording says where the process stopped, so its replay shows the restart too (it changes no number).
        if (Restored || tail.Count > 0) await ApplyAsync(new RestartRecord(0, null), record: true, ct);
        foreach (var record in await _venue.ReconcileAsync(State, ct)) await ApplyAsync(record, record: true, ct);
        foreach (var order in Queries.UnacknowledgedOrders(State))
        {
            _log.LogWarning("order {ClientOrderId} has no venue acknowledgement after restart: sending it again", order.ClientOrderId);
            foreach (var answer in await _venue.PlaceOrderAsync(order, ct)) await ApplyAsync(answer, record: true, ct);
        }
        Checkpoint.Save(_options.CheckpointPath, new Checkpoint(_applied, State));
    }

    /// <summary>Consume until the inbox completes or <paramref name="ct"/> fires; then drain and checkpoint.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            while (await _inbox.Reader.WaitToReadAsync(ct))
                while (_inbox.Reader.TryRead(out var record))
                    await ApplyAsync(record, record: true, CancellationToken.None);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            _inbox.Writer.TryComplete();
            while (_inbox.Reader.TryRead(out var record)) await ApplyAsync(record, record: true, CancellationToken.None);
        }
        await _rows.FlushAsync(CancellationToken.None);
        Checkpoint.Save(_options.CheckpointPath, new Checkpoint(_applied, State));
    }

    /// <summary>Apply one input now (used by the loop, and by a driver that owns the sequencing itself).</summary>
    public async Task ApplyAsync(Record input, bool record, CancellationToken ct)
    {
        if (record) _recording.Append(input);
        _pending.Clear();
        _session.Feed(input);
        _applied++;
        var batch = _pending.ToList();
        var venueCalls = new List<Effect>();
        foreach (var (e, effects) in batch)
            foreach (var effect in effects)
                Interpret(effect, venueCalls);
        if (_applied % Math.Max(1, _options.CheckpointEvery) == 0)
        {
            // Rows before state: a checkpoint never runs ahead of the rows it implies.
            await _rows.FlushAsync(CancellationToken.None);
            Checkpoint.Save(_options.CheckpointPath, new Checkpoint(_applied, State));
        }
        if (_recovering) return; // what the recording holds was already sent, or is found by reconciliation
        foreach (var call in venueCalls)
        {
            var answers = call switch
            {
                PlaceOrder p => await _venue.PlaceOrderAsync(p, ct),
                CancelOrder c => await _venue.CancelOrderAsync(c, ct),
                _ => [],
            };
            foreach (var answer in answers) await ApplyAsync(answer, record: true, ct);
        }
    }

    private void Interpret(Effect effect, List<Effect> venueCalls)
    {
        switch (effect)
        {
            case PlaceOrder or CancelOrder: venueCalls.Add(effect); break;
            case PersistRow r:
                if (_recovering && RowsAlreadyStored?.Invoke(r.Row) == true) break;
                _rows.Write(r.Row);
                RunMetrics.RowsWritten.Add(1);
                break;
            case PublishSnapshot s: _snapshots.Publish(s.Snapshot); break;
            case SizerFeedback f:
                Feedback.Add(f);
                FeedbackReceived?.Invoke(f);
                _log.LogInformation("sizer feedback {TradeId}: {Pnl:0.########} (realized {Realized:0.########} − fees {Fees:0.########}, revision {Revision})", f.TradeId, f.Pnl, f.Realized, f.Fees, f.Revision);
                break;
            case Diagnostic d:
                Diagnostics++;
                RunMetrics.Count(d);
                _log.Log(d.Severity switch { Severity.Error => LogLevel.Error, Severity.Warning => LogLevel.Warning, _ => LogLevel.Information },
                    "{Kind} {Detail}", d.Kind, d.Detail);
                break;
        }
    }

    public ValueTask DisposeAsync()
    {
        _recording.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Where the loop keeps its files and how it folds.</summary>
public sealed record RunOptions(string StateDirectory, KernelConfig Kernel, int CheckpointEvery = 1)
{
    public string CheckpointPath => Path.Combine(StateDirectory, "checkpoint.json");
    public string RecordingPath => Path.Combine(StateDirectory, "session.jsonl");
}
