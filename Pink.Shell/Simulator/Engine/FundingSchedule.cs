namespace Pink.Shell.Simulator.Engine;

/// <summary>
/// The venue settling funding by itself at every multiple of the period on its clock. It sleeps on the simulator's
/// <see cref="TimeProvider"/>, so a manual or accelerated clock drives it; when the clock has jumped over several
/// settlement times it settles once for each, as the venue would have.
/// </summary>
internal sealed class FundingSchedule(TimeSpan period, TimeProvider clock, Func<long> venueNow, Action settle)
{
    public async Task RunAsync(CancellationToken stop)
    {
        var ms = (long)period.TotalMilliseconds;
        var settled = venueNow() / ms * ms; // the last settlement time passed before the venue opened: not ours
        try
        {
            while (true)
            {
                var next = settled + ms;
                var wait = next - venueNow();
                if (wait > 0) await Task.Delay(TimeSpan.FromMilliseconds(wait), clock, stop).ConfigureAwait(false);
                if (venueNow() < next) continue; // woken early (a coarse timer): sleep the rest
                settle();
                settled = next;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
