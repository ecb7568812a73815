using Pink.Shell.Venue;
using Pink.Tests.Venue;

namespace Pink.Tests.Simulator;

/// <summary>A stop we asked for is not a lost connection: it logs no "disconnected" warning.</summary>
public class StreamStopTests
{
    [Fact]
    public async Task Stopping_the_user_and_market_streams_logs_no_disconnect_warning()
    {
        await using var v = await SimVenue.StartAsync();
        var log = new CapturingLogger();
        var user = new BingxUserStream(v.Api, _ => { }, null, log);
        var market = new BingxMarketStream(v.Venue.WsUrl, ["FET-USDT"], _ => { }, log);
        await user.StartAsync();
        await market.StartAsync();
        await Eventually.True(() => v.Sim.UserStreamsOpen == 1, "the user stream connected");

        await user.DisposeAsync();
        await market.DisposeAsync();

        Assert.Contains(log.Lines, l => l.Contains("user stream connected", StringComparison.Ordinal)); // the log was captured
        Assert.DoesNotContain(log.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("disconnected", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) || l.StartsWith("Error", StringComparison.Ordinal));
    }
}
