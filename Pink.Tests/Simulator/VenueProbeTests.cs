using Pink.Shell;
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
        Assert.Equal(5, code); // the command line's code for a refused key or signature
        Assert.Contains("SignatureFailed", output.ToString());
    }
}

public class VenueCheckCommandTests
{
    [Fact]
    public async Task The_command_reads_keys_from_the_environment_and_checks_the_named_venue()
    {
        var options = new SimulatorOptions(PingInterval: TimeSpan.FromMilliseconds(100));
        await using var sim = await BingxSimulator.StartAsync(options);
        var env = new Dictionary<string, string?> { [BingxCredentials.ApiKeyVariable] = options.ApiKey, [BingxCredentials.ApiSecretVariable] = options.ApiSecret };
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await Cli.RunAsync(["venue-check", "--venue", $"rest={sim.RestBaseUrl},ws={sim.WsUrl}"], stdout, stderr, n => env.GetValueOrDefault(n));
        Assert.True(code == 0, stdout + "\n" + stderr);
        Assert.DoesNotContain(options.ApiSecret, stdout.ToString());
        Assert.DoesNotContain(options.ApiKey, stdout.ToString());
    }

    [Fact]
    public async Task Without_keys_it_names_the_variables_and_contacts_nothing()
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        Assert.Equal(3, await Cli.RunAsync(["venue-check", "--venue", "vst"], stdout, stderr, _ => null)); // exit 3: keys missing
        Assert.Contains("PINK_BINGX_API_KEY", stderr.ToString());
        Assert.Equal(2, await Cli.RunAsync(["venue-check", "--bogus"], stdout, stderr, _ => null));
    }
}
