using Pink.Shell;
using Pink.Shell.Commands;
using Pink.Shell.Simulator;
using Pink.Shell.Venue;
using Pink.Tests.Hazelcast;

namespace Pink.Tests.Runner;

/// <summary>
/// A venue that cannot be used ends a command with one line on stderr and an exit code of its own — missing keys 3,
/// unreachable 4, key or signature refused 5 — never a stack trace.
/// </summary>
public class VenueFailureTests
{
    private static string TempDir() => Path.Combine(Path.GetTempPath(), $"pink-venue-{Guid.NewGuid():N}");

    private static async Task<(int Code, string Stderr)> Demo(string rest, string ws, Func<string, string?> environment)
    {
        var dir = TempDir();
        try
        {
            var stderr = new StringWriter();
            var code = await Cli.RunAsync(["demo", "--venue-url", rest, "--ws-url", ws, "--state-dir", dir, "--clickhouse", "http://127.0.0.1:1", "--quiet"],
                new StringWriter(), stderr, environment);
            return (code, stderr.ToString());
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    private static Func<string, string?> Keys(string key, string secret) =>
        name => name == BingxCredentials.ApiKeyVariable ? key : name == BingxCredentials.ApiSecretVariable ? secret : null;

    private static void OneLine(string stderr, string expected)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, stderr);
        Assert.StartsWith("pink demo: ", lines[0]);
        Assert.Contains(expected, lines[0]);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public async Task Demo_against_a_venue_without_keys_exits_3_naming_the_variables()
    {
        var (code, stderr) = await Demo("http://127.0.0.1:1", "ws://127.0.0.1:1/swap-market", _ => null);
        Assert.Equal(ExitCodes.MissingKeys, code);
        OneLine(stderr, "set PINK_BINGX_API_KEY and PINK_BINGX_API_SECRET");
    }

    [Fact]
    public async Task Demo_against_a_dead_venue_exits_4()
    {
        var port = ClientSocketTests.FreePort();
        var (code, stderr) = await Demo($"http://127.0.0.1:{port}", $"ws://127.0.0.1:{port}/swap-market", Keys("some-key-123456", "some-secret"));
        Assert.Equal(ExitCodes.VenueUnreachable, code);
        OneLine(stderr, "cannot be reached");
    }

    [Theory]
    [InlineData(false, "BadApiKey")]
    [InlineData(true, "SignatureFailed")]
    public async Task Demo_with_a_wrong_key_or_secret_exits_5(bool rightKey, string kind)
    {
        await using var sim = await BingxSimulator.StartAsync();
        var key = rightKey ? sim.Options.ApiKey : "not-the-key-0123456789";
        var (code, stderr) = await Demo(sim.RestBaseUrl.ToString(), sim.WsUrl.ToString(), Keys(key, "not-the-secret-0123456789"));
        Assert.Equal(ExitCodes.KeyRefused, code);
        OneLine(stderr, $"refused the key or signature ({kind}");
        Assert.DoesNotContain("not-the-secret", stderr);
    }

    [Fact]
    public async Task Shadow_against_a_dead_venue_exits_4_and_without_keys_exits_3()
    {
        var port = ClientSocketTests.FreePort();
        string[] args = ["shadow", "--venue-url", $"http://127.0.0.1:{port}", "--ws-url", $"ws://127.0.0.1:{port}/swap-market", "--samples", "1", "--verbose"];
        var stderr = new StringWriter();
        Assert.Equal(ExitCodes.VenueUnreachable, await Cli.RunAsync(args, new StringWriter(), stderr, Keys("some-key-123456", "some-secret")));
        Assert.Contains("cannot be reached", stderr.ToString());
        stderr = new StringWriter();
        Assert.Equal(ExitCodes.MissingKeys, await Cli.RunAsync(args, new StringWriter(), stderr, _ => null));
        Assert.Contains("PINK_BINGX_API_KEY", stderr.ToString());
    }

    [Fact]
    public async Task Venue_check_names_the_failed_step_and_exits_4_for_a_dead_venue_and_5_for_a_wrong_key()
    {
        var port = ClientSocketTests.FreePort();
        var stdout = new StringWriter();
        Assert.Equal(ExitCodes.VenueUnreachable, await Cli.RunAsync(["venue-check", "--venue-url", $"http://127.0.0.1:{port}", "--ws-url", $"ws://127.0.0.1:{port}/swap-market"],
            stdout, new StringWriter(), Keys("some-key-123456", "some-secret")));
        Assert.Contains("FAILED", stdout.ToString());

        await using var sim = await BingxSimulator.StartAsync();
        stdout = new StringWriter();
        Assert.Equal(ExitCodes.KeyRefused, await Cli.RunAsync(["venue-check", "--venue-url", sim.RestBaseUrl.ToString(), "--ws-url", sim.WsUrl.ToString()],
            stdout, new StringWriter(), Keys(sim.Options.ApiKey, "not-the-secret-0123456789")));
        Assert.Contains("FAILED", stdout.ToString());
    }
}
