namespace Pink.Shell.Runner;

/// <summary>
/// When the run loop owes a checkpoint: once <c>every</c> records were applied since the last one, or once the oldest
/// record the last one does not cover was applied <c>interval</c> ago — but never so soon after the last one that
/// checkpoints would take more than <c>budget</c> of the loop's time (after a save that took d, the next waits at least
/// d·(1 − budget)/budget, i.e. 9·d at 10 %). Saving the whole state document per input made the loop's speed fall with the
/// size of the state; this bounds the share of time checkpoints take whatever the state's size, how far the saved state
/// lags the live one, and how much a restart re-applies from the recording. (Start-up and shutdown always save.)
/// </summary>
public sealed class CheckpointCadence
{
    private readonly TimeProvider _time;
    private readonly int _every;
    private readonly TimeSpan _interval;
    private readonly double _rest; // quiet time after a save, per unit of the save's duration
    private long _covered;
    private long? _oldestUncovered; // timestamp: when the first record beyond the last checkpoint was applied
    private long _savedAt;           // timestamp: when the last save ended
    private TimeSpan _quiet;         // how long after it the next one may start

    public CheckpointCadence(int every, TimeSpan interval, double budget = RunOptions.DefaultCheckpointBudget, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _every = Math.Max(1, every);
        _interval = interval;
        var share = Math.Clamp(budget, 0.001, 1.0);
        _rest = (1 - share) / share;
        _savedAt = _time.GetTimestamp();
    }

    /// <summary>How long after the last save the next one may start at the soonest (the time budget's share).</summary>
    public TimeSpan Quiet => _quiet;

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
        Owed(applied) && _time.GetElapsedTime(_savedAt) >= _quiet
        && (applied - _covered >= _every || _oldestUncovered is long since && _time.GetElapsedTime(since) >= _interval);

    /// <summary>How long until a checkpoint falls due by time alone; null when none is owed.</summary>
    public TimeSpan? UntilDue(long applied)
    {
        if (!Owed(applied) || _oldestUncovered is not long since) return null;
        var left = Max(_interval - _time.GetElapsedTime(since), _quiet - _time.GetElapsedTime(_savedAt));
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>A checkpoint covering <paramref name="applied"/> records was saved; it took <paramref name="took"/>.</summary>
    public void Saved(long applied, TimeSpan took)
    {
        _covered = applied;
        _oldestUncovered = null;
        _savedAt = _time.GetTimestamp();
        _quiet = took * _rest;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
