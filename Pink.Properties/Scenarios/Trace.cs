using LanguageExt;
using Pink.Core;

namespace Pink.Properties.Scenarios;

/// <summary>One applied item: the state before and after it and the effects it produced.</summary>
public sealed record TraceStep(int Index, Item Item, KernelState Before, KernelState After, Seq<Effect> Effects)
{
    /// <summary>The event applied (for a restart, its reconcile report).</summary>
    public KernelEvent Event => Item switch
    {
        EventItem e => e.Event,
        RestartItem r => r.Reconcile,
        _ => throw new InvalidOperationException(),
    };

    /// <summary>The rows this step persisted.</summary>
    public IEnumerable<Row> Rows => Effects.OfType<PersistRow>().Select(p => p.Row);

    /// <summary>The diagnostics this step raised.</summary>
    public IEnumerable<Diagnostic> Diagnostics => Effects.OfType<Diagnostic>();

    /// <summary>Where this step is, for a violation message.</summary>
    public string Where => $"item {Index + 1} ({Item})";
}

/// <summary>A history folded by the kernel, step by step.</summary>
public sealed record Trace(History History, KernelState Initial, IReadOnlyList<TraceStep> Steps)
{
    /// <summary>The state after the last item.</summary>
    public KernelState Final => Steps.Count == 0 ? Initial : Steps[^1].After;

    /// <summary>Every effect, in order.</summary>
    public IEnumerable<Effect> Effects => Steps.SelectMany(s => s.Effects);
}

/// <summary>Folds histories. A restart item goes through the state document before its reconcile is applied.</summary>
public static class Replay
{
    /// <summary>Fold a history from the initial state of its configuration.</summary>
    public static Trace Run(History history) => Run(history, Kernel.Initial(history.Config));

    /// <summary>Fold a history from a given state.</summary>
    public static Trace Run(History history, KernelState initial)
    {
        var steps = new List<TraceStep>(history.Items.Count);
        var state = initial;
        for (var i = 0; i < history.Items.Count; i++)
        {
            var item = history.Items[i];
            var outcome = Apply(state, item);
            steps.Add(new TraceStep(i, item, state, outcome.State, outcome.Effects));
            state = outcome.State;
        }
        return new Trace(history, initial, steps);
    }

    /// <summary>Apply one item.</summary>
    public static Outcome Apply(KernelState state, Item item) => item switch
    {
        EventItem e => Kernel.Apply(state, e.Event),
        RestartItem r => Kernel.Apply(Restart(state), r.Reconcile),
        _ => throw new InvalidOperationException($"unknown item {item}"),
    };

    /// <summary>Save → restore: what a process does when it stops and resumes.</summary>
    public static KernelState Restart(KernelState state) =>
        StateDocument.Restore(StateDocument.Save(state)).Match(s => s, e => throw new Support.Violation($"state document did not restore: {e}"));
}
