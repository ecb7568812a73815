using System.Text.Json;
using Pink.Core;
using Pink.Shell;
using Pink.Shell.Recording;
using Pink.Shell.Replay;

namespace Pink.Tests.Replay;

/// <summary>
/// A recording's first record names the kernel and the configuration the session folded with; `replay` folds with the
/// same, the command line's --slots and --seed-capital override it (and say so), and a recording without a header
/// replays as before, with the kernel's defaults.
/// </summary>
public class RecordingHeaderTests
{
    private static readonly KernelConfig Recorded = new(SlotCount: 3, SeedCapital: 500, DedupMemory: 77, AccountMode: AccountMode.Shared);

    private static string HeaderLine(KernelConfig config) => RecordingWriter.ToJson(new HeaderRecord(0, null, "0.0.1-recorder", config));

    [Fact]
    public void The_header_is_written_and_read_back_with_its_configuration()
    {
        var line = HeaderLine(Recorded);
        Assert.StartsWith("{\"k\":\"header\",\"kernel_version\":\"0.0.1-recorder\",\"config\":{\"slot_count\":3,", line);
        var header = Assert.IsType<HeaderRecord>(RecordingReader.Parse(line, 1));
        Assert.Equal(Recorded, header.Config);
        Assert.Equal("0.0.1-recorder", header.KernelVersion);
        Assert.Null(header.Problem);
    }

    [Theory]
    [InlineData("{\"k\":\"header\",\"kernel_version\":\"x\",\"config\":{\"slot_count\":3}}", "header: config.seed_capital is missing")]
    [InlineData("{\"k\":\"header\",\"kernel_version\":\"x\"}", "header: config is missing")]
    [InlineData("{\"k\":\"header\",\"config\":[]}", "header: config has the wrong type: expected an object, found []")]
    public void A_header_whose_config_cannot_be_read_is_reported_and_leaves_the_defaults(string line, string problem)
    {
        var header = Assert.IsType<HeaderRecord>(RecordingReader.Parse(line, 1));
        Assert.Null(header.Config);
        Assert.Equal(problem, header.Problem);
        var session = new Session(Pink.Core.Kernel.Initial(new KernelConfig()));
        session.Feed(header);
        Assert.Contains(session.Effects.OfType<Diagnostic>(), d => d.Kind == DiagnosticKinds.MalformedInput && d.Detail == $"recording: line 1: {problem}");
        var stderr = new StringWriter();
        Assert.Equal(new KernelConfig(), ReplayConfig.Of(header, new Overrides(null, null), stderr));
        Assert.Contains("the kernel's default configuration is used", stderr.ToString());
    }

    private static (int Code, JsonElement Summary, string Err) Replay(string recording, params string[] options)
    {
        var file = Path.Combine(Path.GetTempPath(), $"pink-header-{Guid.NewGuid():N}.jsonl");
        try
        {
            File.WriteAllText(file, recording);
            var (stdout, stderr) = (new StringWriter(), new StringWriter());
            var code = Cli.RunAsync(["replay", file, "--json", .. options], stdout, stderr, _ => null).GetAwaiter().GetResult();
            return (code, JsonDocument.Parse(stdout.ToString()).RootElement.Clone(), stderr.ToString());
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Replay_folds_with_the_recordings_configuration()
    {
        var sample = File.ReadAllText(ReplayTests.Sample);
        var (code, summary, stderr) = Replay(HeaderLine(Recorded) + "\n" + sample);
        Assert.Equal(0, code);
        Assert.Equal(3, summary.GetProperty("slots").GetArrayLength());
        Assert.Contains("replay: recorded by kernel 0.0.1-recorder, replayed by", stderr);
        Assert.DoesNotContain("overrides", stderr);
        // The ledger is the sample's: the header changes the settings, not the inputs.
        var (_, plain, _) = Replay(sample);
        Assert.Equal(new KernelConfig().SlotCount, plain.GetProperty("slots").GetArrayLength());
        Assert.Equal(plain.GetProperty("trades").GetRawText(), summary.GetProperty("trades").GetRawText());
    }

    [Fact]
    public void Slots_and_seed_capital_on_the_command_line_override_the_recording_and_say_so()
    {
        var recording = HeaderLine(Recorded) + "\n" + File.ReadAllText(ReplayTests.Sample);
        var (code, summary, stderr) = Replay(recording, "--slots", "4", "--seed-capital", "750");
        Assert.Equal(0, code);
        Assert.Equal(4, summary.GetProperty("slots").GetArrayLength());
        Assert.Contains("replay: --slots 4 overrides the recording's 3", stderr);
        Assert.Contains("replay: --seed-capital 750 overrides the recording's 500", stderr);
        // The same value as the recording's is no override.
        var (_, _, same) = Replay(recording, "--slots", "3");
        Assert.DoesNotContain("overrides", same);
    }

    [Fact]
    public void A_recording_without_a_header_replays_with_the_defaults_or_the_options()
    {
        var sample = File.ReadAllText(ReplayTests.Sample);
        var (code, summary, stderr) = Replay(sample, "--slots", "2");
        Assert.Equal(0, code);
        Assert.Equal(2, summary.GetProperty("slots").GetArrayLength());
        Assert.DoesNotContain("overrides", stderr);
    }
}
