using LanguageExt;

namespace Pink.Core;

/// <summary>The result of applying one event: the next state and what the shell must do.</summary>
public readonly record struct Outcome(KernelState State, Seq<Effect> Effects);
