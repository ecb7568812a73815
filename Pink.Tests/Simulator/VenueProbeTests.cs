using Pink.Shell.Simulator;
using Pink.Shell.Venue;
using Pink.Tests.Venue;

namespace Pink.Tests.Simulator;

public class VenueProbeTests
{
    [Fact]
    public async Task The_read_only_probe_passes_against_the_simulator_and_prints_no_secret()
    {
        var options = new SimulatorOptions(PingInterval: TimeSpan.FromMilliseconds(100));
        await using var sim = await BingxSimulator.StartAsync(options);
        var output = new StringWriter();
        var code = await VenueProbe.RunAsync(new BingxVenueOptions(sim.RestBaseUrl, sim.WsUrl), new BingxCredentials(options.ApiKey, options.ApiSecret), output);
        Assert.True(code == 0, output.ToString());
        Assert.Contains("heartbeat ok", output.ToString());
        Assert.Empty(sim.Orders);
        Assert.DoesNotContain(options.ApiSecret, output.ToString());
    }

    [Fact]
    public async Task The_probe_fails_cleanly_on_a_bad_signature()
    {
        await using var sim = await BingxSimulator.StartAsync();
        var output = new StringWriter();
        var code = await VenueProbe.RunAsync(new BingxVenueOptions(sim.RestBaseUrl, sim.WsUrl), new BingxCredentials(sim.Options.ApiKey, "wrong-secret"), output);
        Assert.Equal(1, code);
        Assert.Contains("SignatureFailed", output.ToString());
    }
}
