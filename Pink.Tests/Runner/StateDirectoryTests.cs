using Pink.Shell;
using Pink.Shell.Config;
using Pink.Shell.Runner;
using Pink.Shell.Simulator;

namespace Pink.Tests.Runner;

/// <summary>The state directory: --state-dir, else PINK_STATE_DIR, else the config's state_directory, else the default.</summary>
public class StateDirectoryTests
{
    [Fact]
    public void The_flag_wins_then_the_environment_then_the_config_file_then_the_default()
    {
        var file = Path.Combine(Path.GetTempPath(), $"pink-config-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """{"state_directory":"/srv/pink/from-config"}""");
        try
        {
            var env = new Dictionary<string, string?> { ["PINK_STATE_DIR"] = "/srv/pink/from-env" };
            var none = new Dictionary<string, string?>();
            Assert.Equal("/flag", StateDirectory.Resolve("/flag", ConfigLoader.Load(file, env), StateDirectory.LiveDefault));
            Assert.Equal("/srv/pink/from-env", StateDirectory.Resolve(null, ConfigLoader.Load(file, env), StateDirectory.LiveDefault));
            Assert.Equal("/srv/pink/from-config", StateDirectory.Resolve(null, ConfigLoader.Load(file, none), StateDirectory.LiveDefault));
            Assert.Equal("/srv/pink/from-env", StateDirectory.Resolve(null, ConfigLoader.Load(null, env), StateDirectory.LiveDefault));
            Assert.Equal(Path.Combine(".pink", "live"), StateDirectory.Resolve(null, ConfigLoader.Load(null, none), StateDirectory.LiveDefault));
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public async Task Shadow_reads_the_checkpoint_where_PINK_STATE_DIR_says()
    {
        await using var sim = await BingxSimulator.StartAsync(new SimulatorOptions());
        var dir = Path.Combine(Path.GetTempPath(), $"pink-state-{Guid.NewGuid():N}");
        var env = new Dictionary<string, string?>
        {
            ["PINK_BINGX_API_KEY"] = sim.Options.ApiKey, ["PINK_BINGX_API_SECRET"] = sim.Options.ApiSecret, ["PINK_STATE_DIR"] = dir,
        };
        var stderr = new StringWriter();
        var code = await Cli.RunAsync(["shadow", "--venue-url", sim.RestBaseUrl.ToString(), sim.WsUrl.ToString(), "--samples", "1"],
            new StringWriter(), stderr, k => env.GetValueOrDefault(k));
        Assert.Equal(2, code);
        Assert.Contains($"no checkpoint in {dir}", stderr.ToString(), StringComparison.Ordinal);
    }
}
