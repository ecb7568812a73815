using System.Diagnostics.CodeAnalysis;

namespace Pink.Core;

/// <summary>
/// Everything the kernel can be told. A closed set: the shell turns raw exchange messages and the policy's
/// intents into these, and <see cref="Kernel.Apply"/> folds them. Every event carries the time the world gave it
/// (exchange time, or the receive time the shell stamped); the kernel has no clock of its own.
/// <para>
/// Closed for real: a host builds these sealed records but cannot invent a kind of its own (the constructor is private
/// protected, and so is a member every kind implements — a record's copy constructor alone would still let one in).
/// </para>
/// </summary>
public abstract record KernelEvent
{
    /// <summary>An event whose members are set by name.</summary>
    private protected KernelEvent() { }

    /// <summary>An event at <paramref name="TimeMs"/>.</summary>
    [SetsRequiredMembers]
    private protected KernelEvent(long TimeMs) => this.TimeMs = TimeMs;

    /// <summary>The time the world gave the event (exchange time, or the receive time the shell stamped), epoch ms.</summary>
    public required long TimeMs { get; init; }

    /// <summary>Closes the set: implemented by every kind in Pink.Core, and by no type outside it.</summary>
    private protected abstract void Closed();
}
