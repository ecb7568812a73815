using Pink.Shell.Config;

namespace Pink.Tests.Runner;

/// <summary>Rule 18 from the command line, and configuration errors that say what is wrong.</summary>
public class ModeVerifyTests
{
    private static (int Code, string Out, string Err) Verify(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pink-config-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        try
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var code = Pink.Shell.Cli.Run(["mode-verify", "--config", path], stdout, stderr);
            return (code, stdout.ToString(), stderr.ToString());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Mode_verify_passes_on_the_default_namespace_and_lists_every_target()
    {
        var (code, output, _) = Verify("{}");
        Assert.Equal(0, code);
        foreach (var table in Pink.Core.Tables.All) Assert.Contains($"dolphin_pink.{table}", output);
        Assert.Contains("map      dolphin_pink_account_snapshot", output);
    }

    [Theory]
    [InlineData("""{"database":"dolphin"}""", "dolphin")]
    [InlineData("""{"namespace":"dolphin_prodgreen","database":"dolphin_prodgreen"}""", "dolphin_prodgreen")]
    [InlineData("""{"database":"other_db"}""", "outside the configured namespace")]
    [InlineData("""{"snapshot_map":"dolphin_pink_BLUE_state"}""", "BLUE")]
    [InlineData("""{"snapshot_map":"PRODGREEN_account"}""", "PRODGREEN")]
    public void Mode_verify_fails_on_a_configuration_naming_dolphin_or_a_BLUE_map(string json, string expected)
    {
        var (code, output, _) = Verify(json);
        Assert.Equal(1, code);
        Assert.Contains("REFUSED", output);
        Assert.Contains(expected, output);
    }

    [Theory]
    [InlineData("""{"slots":"many"}""", "slots 'many' must be a whole number")]
    [InlineData("""{"colour":"pink"}""", "unknown setting 'colour'")]
    [InlineData("""{"api_secret":"x"}""", "secrets come from environment variables only")]
    [InlineData("""{"clickhouse_url":"ftp://x"}""", "not an http(s) URL")]
    [InlineData("""[1]""", "must hold a JSON object")]
    public void Configuration_errors_name_the_setting_and_the_problem(string json, string expected)
    {
        var (code, _, err) = Verify(json);
        Assert.Equal(2, code);
        Assert.Contains(expected, err);
    }
}

/// <summary>Every command answers --help with its usage and exit code 0.</summary>
public class HelpTests
{
    [Theory]
    [InlineData("demo")]
    [InlineData("replay")]
    [InlineData("live")]
    [InlineData("shadow")]
    [InlineData("schema")]
    [InlineData("mode-verify")]
    [InlineData("hz-smoke")]
    [InlineData("venue-check")]
    [InlineData("soak")]
    [InlineData("simulator")]
    [InlineData("clickhouse")]
    public void Every_command_prints_its_usage_on_help(string command)
    {
        var stdout = new StringWriter();
        Assert.Equal(0, Pink.Shell.Cli.Run([command, "--help"], stdout, new StringWriter()));
        Assert.Contains("Usage:", stdout.ToString());
        Assert.Contains($"pink {command}", stdout.ToString());
    }

    [Fact]
    public void Help_lists_every_command()
    {
        var stdout = new StringWriter();
        Assert.Equal(0, Pink.Shell.Cli.Run(["--help"], stdout, new StringWriter()));
        foreach (var c in new[] { "demo", "soak", "replay", "live", "shadow", "schema", "mode-verify", "hz-smoke", "venue-check", "simulator", "clickhouse" }) Assert.Contains(c, stdout.ToString());
    }
}
