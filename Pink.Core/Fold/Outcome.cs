using LanguageExt;

namespace Pink.Core;

/// <summary>The result of applying one event: the next state and what the shell must do.</summary>
public readonly record struct Outcome
{
    /// <summary>The kernel's outcome: a host gets one from <see cref="Kernel.Apply"/>, never builds one.</summary>
    internal Outcome(KernelState State, Seq<Effect> Effects)
    {
        this.State = State;
        this.Effects = Effects;
    }

    /// <summary>The next state.</summary>
    public KernelState State { get; internal init; }

    /// <summary>What the host must do, in order.</summary>
    public Seq<Effect> Effects { get; internal init; }

    /// <summary>The state and the effects: <c>var (next, effects) = Kernel.Apply(state, input);</c></summary>
    public void Deconstruct(out KernelState State, out Seq<Effect> Effects)
    {
        State = this.State;
        Effects = this.Effects;
    }
}
