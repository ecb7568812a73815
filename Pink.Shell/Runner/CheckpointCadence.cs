namespace Pink.Shell.Runner;

/// <summary>
/// When the run loop owes a checkpoint: once <c>every</c> records were applied since the last one, or once the oldest
/// record the last one does not cover was applied <c>interval</c> ago. Saving the whole state document per input made
/// the loop's speed fall with the size of the state; this bounds the share of time checkpoints take, how far the saved
/// state lags the live one, and how much a restart re-applies from the recording. (Start-up and shutdown always save.)
/// </summary>
public sealed class CheckpointCadence(int every, TimeSpan interval, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly int _every = Math.Max(1, every);
    private long _covered;
    private long? _oldestUncovered; // timestamp: when the first record beyond the last checkpoint was applied

    /// <summary>Records the last checkpoint covers.</summary>
    public long Covered => _covered;

    /// <summary>The loop applied record number <paramref name="applied"/> (1-based, as counted in the recording).</summary>
    public void Applied(long applied)
    {
        if (_oldestUncovered is null && applied > _covered) _oldestUncovered = _time.GetTimestamp();
    }

    /// <summary>True when records were applied that no checkpoint covers.</summary>
    public bool Owed(long applied) => applied > _covered;

    public bool Due(long applied) =>
        Owed(applied) && (applied - _covered >= _every || _oldestUncovered is long since && _time.GetElapsedTime(since) >= interval);

    /// <summary>How long until a checkpoint falls due by time alone; null when none is owed.</summary>
    public TimeSpan? UntilDue(long applied)
    {
        if (!Owed(applied) || _oldestUncovered is not long since) return null;
        var left = interval - _time.GetElapsedTime(since);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>A checkpoint covering <paramref name="applied"/> records was saved.</summary>
    public void Saved(long applied)
    {
        _covered = applied;
        _oldestUncovered = null;
    }
}
