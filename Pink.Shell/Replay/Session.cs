using LanguageExt;
using Pink.Core;
using Pink.Shell.Bingx;
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

    /// <summary>Called with each event's effects, in order, as they happen.</summary>
    public Action<KernelEvent, Seq<Effect>>? OnEffects { get; init; }

    public void Feed(Record record)
    {
        Records++;
        var time = record.TimeMs ?? _lastTime;
        _lastTime = Math.Max(_lastTime, time);
        switch (record)
        {
            case IntentRecord r: Apply(Intents.ToEvent(r.Intent, time)); break;
            case RestRecord r: Apply(BingxAdapter.FromRest(r.Method, r.Path, r.Params, r.Response, State, time)); break;
            case WsRecord { Frame: { } frame }: Apply(BingxAdapter.FromWs(frame, State, time)); break;
            case WsRecord { Text: { } text }: Apply(BingxAdapter.FromWs(text, State, time)); break;
            case RestartRecord: Restart(); break;
            case SkippedRecord r: Apply(new InputRejected("recording", $"line {r.Line}: {r.Reason}", time)); break;
        }
    }

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
