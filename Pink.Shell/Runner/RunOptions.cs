using Pink.Core;

namespace Pink.Shell.Runner;

/// <summary>Where the loop keeps its files, how it folds, and how often it commits.</summary>
/// <param name="StateDirectory">Checkpoint and recording live here.</param>
/// <param name="Kernel">The kernel's configuration.</param>
/// <param name="CheckpointEvery">A checkpoint is due once this many records were applied since the last one
/// (default 1,000). Between checkpoints nothing is lost: the recording holds every input, and a restart re-applies what
/// lies beyond the checkpoint. The cost of a checkpoint grows with the state (the whole document is written), so this
/// bounds how much of the loop's time goes to it; it also bounds how much a restart re-applies.</param>
/// <param name="CheckpointInterval">A checkpoint is also due once the oldest record it would cover was applied this long
/// ago (default 1 s), even if no further input arrives: the saved state never lags the live one by more than this.</param>
/// <param name="CheckpointBudget">Largest share of the loop's time checkpoints may take (default 0.1): after a save that
/// took d the next one waits at least d·(1 − budget)/budget (9·d), so a state that has grown large is saved less often
/// instead of slowing every input down.</param>
/// <param name="MaxBatch">Most inputs taken from the inbox as one group commit (default 1,024): one recording fsync and
/// one rows flush for all of them. More waiting inputs make larger batches; one waiting input is a batch of one.</param>
/// <param name="ReconcileInterval">How often a live session reconciles working orders, positions and the balance through
/// REST (default 30 s; zero: only at start and after a stream reconnect). A triggered stop can fill with no stream event
/// at all (BingX-swap-api-doc #36): only this finds it.</param>
/// <param name="Clock">The clock of the checkpoint interval (default: the system's).</param>
public sealed record RunOptions(string StateDirectory, KernelConfig Kernel, int CheckpointEvery = RunOptions.DefaultCheckpointEvery,
    TimeSpan? CheckpointInterval = null, int MaxBatch = RunOptions.DefaultMaxBatch, double CheckpointBudget = RunOptions.DefaultCheckpointBudget,
    TimeSpan? ReconcileInterval = null, TimeProvider? Clock = null)
{
    /// <summary>The clock the checkpoint cadence and the idle wait read (the system's unless a test or the soak sets one).</summary>
    public TimeProvider Time => Clock ?? TimeProvider.System;

    public const int DefaultCheckpointEvery = 1_000;
    public const int DefaultMaxBatch = 1_024;
    public const double DefaultCheckpointBudget = 0.1;
    public static readonly TimeSpan DefaultCheckpointInterval = TimeSpan.FromSeconds(1);

    public string CheckpointPath => Path.Combine(StateDirectory, "checkpoint.json");
    public string RecordingPath => Path.Combine(StateDirectory, "session.jsonl");

    public static readonly TimeSpan DefaultReconcileInterval = TimeSpan.FromSeconds(30);

    /// <summary>The reconciliation interval in force (<see cref="ReconcileInterval"/> or its default).</summary>
    public TimeSpan Reconcile => ReconcileInterval ?? DefaultReconcileInterval;

    /// <summary>The interval in force (<see cref="CheckpointInterval"/> or its default).</summary>
    public TimeSpan Interval => CheckpointInterval ?? DefaultCheckpointInterval;
}
