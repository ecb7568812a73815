namespace Pink.Shell.Runner;

/// <summary>What the run loop's commits cost so far (for operators and the loop benchmark).</summary>
/// <param name="Batches">Group commits: inputs taken from the inbox together (plus the venue answers they caused).</param>
/// <param name="LargestBatch">Most inputs taken as one batch.</param>
/// <param name="RecordingSyncs">fsyncs of the recording (one per batch, plus one before each venue call).</param>
/// <param name="RecordingSyncTime">Time the loop spent waiting for them.</param>
/// <param name="RowFlushes">Row flushes asked of the sink (one per batch that wrote rows).</param>
/// <param name="RowsWaitTime">Time the loop spent waiting for rows to become durable (a flush still running when the next
/// batch ends, or before a checkpoint).</param>
/// <param name="Checkpoints">State documents saved.</param>
/// <param name="CheckpointTime">Time spent saving them (serialising, writing, fsync, rename).</param>
/// <param name="LastCheckpointTime">How long the latest one took.</param>
public sealed record RunLoopCounters(long Batches, int LargestBatch, long RecordingSyncs, TimeSpan RecordingSyncTime, long RowFlushes,
    TimeSpan RowsWaitTime, long Checkpoints, TimeSpan CheckpointTime, TimeSpan LastCheckpointTime);
