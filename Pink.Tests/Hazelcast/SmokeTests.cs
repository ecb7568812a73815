using Pink.Shell;
using Pink.Shell.Hazelcast;

namespace Pink.Tests.Hazelcast;

/// <summary>The hz-smoke entry point, run against a scripted peer (not a member).</summary>
public class SmokeTests
{
    [Fact]
    public async Task Smoke_passes_against_a_peer_that_stores_and_answers()
    {
        await using var peer = new ScriptedPeer(VectorReplies.Storing());
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await Cli.RunAsync(["hz-smoke", "--address", peer.Address.ToString(), "--cluster", "dev", "--map", "pink_smoke_test"], stdout, stderr);

        Assert.True(code == 0, stderr.ToString());
        var output = stdout.ToString();
        Assert.Contains("authenticated:", output);
        Assert.Contains("round-tripped byte-equal", output);
        Assert.Contains("ClientPing answered", output);
        Assert.Contains("publisher: event_seq", output);
        Assert.EndsWith("hz-smoke: OK" + Environment.NewLine, output);
        Assert.All(peer.OfType(MessageTypes.MapSet), r => Assert.Equal("pink_smoke_test", System.Text.Encoding.UTF8.GetString(r.Message.Frames[1].Content)));
        Assert.Equal(2, peer.OfType(MessageTypes.MapSet).Count());
    }

    [Fact]
    public async Task Smoke_fails_with_exit_1_when_nothing_listens()
    {
        var stderr = new StringWriter();
        var code = await Cli.RunAsync(["hz-smoke", "--address", $"127.0.0.1:{ClientSocketTests.FreePort()}", "--cluster", "dev"], new StringWriter(), stderr);
        Assert.Equal(1, code);
        Assert.Contains("hz-smoke: FAILED", stderr.ToString());
    }

    [Theory]
    [InlineData("--cluster", "dev")]
    [InlineData("--address", "h:1")]
    [InlineData("--address", "h:1", "--cluster", "dev", "--map", "pink_BLUE_snapshots")]
    [InlineData("--address", "h:1", "--cluster", "dev", "--map", "other_ns_map")]
    [InlineData("--address", "h:0", "--cluster", "dev")]
    [InlineData("--address", "h:1", "--cluster", "dev", "--timeout", "-3")]
    [InlineData("--address", "h:1", "--cluster", "dev", "--bogus", "x")]
    public async Task Bad_arguments_and_refused_maps_exit_2_with_usage(params string[] args)
    {
        var stderr = new StringWriter();
        Assert.Equal(2, await Cli.RunAsync(["hz-smoke", .. args], new StringWriter(), stderr));
        Assert.Contains("pink hz-smoke [options]", stderr.ToString());
    }
}
