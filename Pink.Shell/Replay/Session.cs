using LanguageExt;
using Pink.Core;
using Pink.Core.Bingx;
using Pink.Shell.Recording;

namespace Pink.Shell.Replay;

/// <summary>
/// Feeds recorded (or live) inputs through the adapter and the kernel, in order, and keeps every effect. The same path
/// serves `replay` and the live loop, so replaying a session's recording reproduces its ledger exactly.
/// </summary>
public sealed class Session
{
    private long _lastTime;

    public Session(KernelState initial) => State = initial;

    public KernelState State { get; private set; }
    public List<Effect> Effects { get; } = new();
    public int Records { get; private set; }
    public int Events { get; private set; }
    public int Restarts { get; private set; }

    /// <summary>
    /// Whether input diagnostics name the recording line of their record (default true: a replay). The live loop turns
    /// it off: a row's identity includes its detail, and a record re-applied from the recording after a crash must
    /// yield exactly the row it yielded live, where it had no line.
    /// </summary>
    public bool NameLines { get; init; } = true;

    /// <summary>Called with each event's effects, in order, as they happen.</summary>
    public Action<KernelEvent, Seq<Effect>>? OnEffects { get; init; }

    /// <summary>
    /// Apply one record. Total: whatever in it cannot be read becomes a MALFORMED_INPUT diagnostic with the reason, naming
    /// the recording's line (<see cref="NameLines"/>), and the next record goes on.
    /// </summary>
    public void Feed(Record record)
    {
        Records++;
        var time = record.TimeMs ?? _lastTime;
        _lastTime = Math.Max(_lastTime, time);
        if (record.Problem is string problem) Apply(new InputRejected("recording", NameLines ? $"line {record.Line}: {problem}" : problem, time));
        if (record is RestartRecord)
        {
            Restart();
            return;
        }
        IEnumerable<KernelEvent> events;
        try { events = EventsOf(record, time); }
        catch (Exception ex)
        {
            // The adapter and the intent reader are total by construction; this is the last guard, worded so that a test
            // (and an operator) can tell a reader defect from bad input.
            events = [new InputRejected("recording", $"reader defect ({ex.GetType().Name}): {ex.Message}", time)];
        }
        foreach (var e in events) Apply(NameLines && record.Line > 0 && e is InputRejected r ? r with { Detail = $"line {record.Line}: {r.Detail}" } : e);
    }

    private IEnumerable<KernelEvent> EventsOf(Record record, long time) => record switch
    {
        IntentRecord r => [Recording.Intents.ToEvent(r.Intent, time)],
        RestRecord r => BingxAdapter.FromRest(r.Method, r.Path, r.Params, r.Response, State, time),
        WsRecord { Frame: { } frame } => BingxAdapter.FromWs(frame, State, time),
        WsRecord { Text: { } text } => BingxAdapter.FromWs(text, State, time),
        SkippedRecord r => [new InputRejected("recording", r.Reason, time)],
        _ => [],
    };

    public void Apply(IEnumerable<KernelEvent> events)
    {
        foreach (var e in events) Apply(e);
    }

    public void Apply(KernelEvent e)
    {
        Events++;
        var outcome = Kernel.Apply(State, e);
        State = outcome.State;
        Effects.AddRange(outcome.Effects);
        OnEffects?.Invoke(e, outcome.Effects);
    }

    /// <summary>
    /// What a process restart does to the ledger: save the state document, drop the in-memory state, restore it.
    /// Reconciliation with the exchange follows as recorded inputs (a real start records its REST reconciliation).
    /// </summary>
    public void Restart()
    {
        var document = StateDocument.Save(State);
        State = null!;
        State = StateDocument.Restore(document).IfLeft(error => throw new InvalidOperationException($"restart: {error}"));
        Restarts++;
    }
}
