using Pink.Shell.Runner;

namespace Pink.Tests.Runner;

/// <summary>When a checkpoint is due: by records, by the age of the oldest uncovered record, within the time budget.</summary>
public class CheckpointCadenceTests
{
    private sealed class Clock : TimeProvider
    {
        private long _ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => _ticks;
        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }

    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    [Fact]
    public void Due_after_every_N_records_or_once_the_oldest_uncovered_record_is_interval_old_and_not_before()
    {
        var clock = new Clock();
        var cadence = new CheckpointCadence(every: 1_000, interval: TimeSpan.FromSeconds(1), budget: 1.0, clock);
        cadence.Saved(0, TimeSpan.Zero);
        Assert.False(cadence.Owed(0));
        Assert.Null(cadence.UntilDue(0));
        clock.Advance(TimeSpan.FromHours(1)); // an idle hour owes nothing
        Assert.False(cadence.Due(0));

        cadence.Applied(1);
        Assert.False(cadence.Due(1)); // one record, just applied: neither count nor age
        Assert.Equal(TimeSpan.FromSeconds(1), cadence.UntilDue(1));
        clock.Advance(999 * Ms);
        cadence.Applied(999);
        Assert.False(cadence.Due(999));
        cadence.Applied(1_000);
        Assert.True(cadence.Due(1_000)); // count
        cadence.Saved(1_000, 5 * Ms);
        Assert.False(cadence.Due(1_000));

        cadence.Applied(1_001);
        clock.Advance(999 * Ms);
        Assert.False(cadence.Due(1_001));
        Assert.Equal(Ms, cadence.UntilDue(1_001));
        clock.Advance(Ms);
        Assert.True(cadence.Due(1_001)); // age of the oldest uncovered record
    }

    [Fact]
    public void A_slow_checkpoint_holds_the_next_one_back_so_checkpoints_stay_within_their_share_of_time()
    {
        var clock = new Clock();
        var cadence = new CheckpointCadence(every: 1_000, interval: TimeSpan.FromSeconds(1), budget: 0.1, clock);
        cadence.Saved(0, TimeSpan.FromMilliseconds(400)); // a large state: 400 ms per save
        cadence.Applied(5_000);
        Assert.False(cadence.Due(5_000)); // 5,000 records owed, but only 9 × 400 ms after the last save
        Assert.Equal(TimeSpan.FromMilliseconds(3_600), cadence.UntilDue(5_000));
        clock.Advance(TimeSpan.FromMilliseconds(3_599));
        Assert.False(cadence.Due(5_000));
        clock.Advance(Ms);
        Assert.True(cadence.Due(5_000));
    }
}
