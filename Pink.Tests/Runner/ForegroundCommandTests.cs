using System.Diagnostics;
using System.Text.RegularExpressions;
using Pink.Shell;
using Pink.Shell.Venue;
using Pink.Tests.Venue;

namespace Pink.Tests.Runner;

/// <summary>
/// `pink simulator` and `pink clickhouse` run in the foreground until stopped; the README's commands run against them
/// as written.
/// </summary>
public class ForegroundCommandTests
{
    private static string TempDir() => Path.Combine(Path.GetTempPath(), $"pink-fg-{Guid.NewGuid():N}");

    // The command writes from its own task while the test reads.
    private sealed class Output
    {
        private readonly StringWriter _text = new();
        public Output() => Writer = TextWriter.Synchronized(_text);
        public TextWriter Writer { get; }
        public override string ToString() { lock (Writer) return _text.ToString(); }
    }

    private static string Field(Output output, string pattern) => Regex.Match(output.ToString(), pattern, RegexOptions.Multiline).Groups[1].Value;

    [Fact]
    public async Task Simulator_command_serves_venue_check_demo_and_shadow_until_cancelled()
    {
        var dir = TempDir();
        using var stop = new CancellationTokenSource();
        var output = new Output();
        var simulator = Cli.RunAsync(["simulator", "--port", "0", "--ws-port", "0"], output.Writer, new StringWriter(), _ => null, stop.Token);
        try
        {
            await Eventually.True(() => output.ToString().Contains("api secret"), "the simulator prints its URLs and keys", 30);
            var rest = Field(output, @"^\s+rest\s+(\S+)$");
            var ws = Field(output, @"^\s+ws\s+(\S+)$");
            var keys = new Dictionary<string, string?>
            {
                [BingxCredentials.ApiKeyVariable] = Field(output, @"^\s+api key\s+(\S+)$"),
                [BingxCredentials.ApiSecretVariable] = Field(output, @"^\s+api secret\s+(\S+)$"),
            };
            Assert.NotEqual(new Uri(rest).Port, new Uri(ws).Port); // --ws-port: the streams on a port of their own

            var check = new StringWriter();
            Assert.True(await Cli.RunAsync(["venue-check", "--venue-url", rest, "--ws-url", ws], check, check, keys.GetValueOrDefault) == 0, check.ToString());
            Assert.Contains("heartbeat ok", check.ToString());

            var demo = new StringWriter();
            var code = await Cli.RunAsync(["demo", "--venue-url", rest, "--ws-url", ws, "--resume", "--state-dir", dir, "--clickhouse", "http://127.0.0.1:1", "--quiet"],
                demo, demo, keys.GetValueOrDefault);
            Assert.True(code == 0, demo.ToString());
            Assert.Contains("demo-fet", demo.ToString());

            var shadow = new StringWriter();
            code = await Cli.RunAsync(["shadow", "--venue-url", rest, "--ws-url", ws, "--state-dir", dir, "--samples", "2", "--interval", "0.2"], shadow, shadow, keys.GetValueOrDefault);
            Assert.True(code == 0, shadow.ToString());
            Assert.Contains("worst idle |Δ| 0 ", shadow.ToString());

            stop.Cancel();
            Assert.Equal(0, await simulator.WaitAsync(TimeSpan.FromSeconds(30)));
            using var http = new HttpClient();
            await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync($"{rest}/openApi/swap/v2/server/time"));
        }
        finally
        {
            stop.Cancel();
            await simulator.WaitAsync(TimeSpan.FromSeconds(30));
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task ClickHouse_command_serves_schema_apply_until_cancelled_and_keeps_its_data()
    {
        var dir = TempDir();
        using var stop = new CancellationTokenSource();
        var output = new Output();
        var engine = Cli.RunAsync(["clickhouse", "--port", "0", "--path", dir], output.Writer, new StringWriter(), _ => null, stop.Token);
        try
        {
            await Eventually.True(() => output.ToString().Contains("clickhouse: http://"), "the engine prints its URL", 60);
            var url = Field(output, @"^clickhouse: (http://\S+) ");
            var schema = new StringWriter();
            Assert.True(await Cli.RunAsync(["schema", "apply", "--url", url], schema, schema) == 0, schema.ToString());
            Assert.Contains("3 applied", schema.ToString());

            stop.Cancel();
            Assert.Equal(0, await engine.WaitAsync(TimeSpan.FromSeconds(30)));
            using var http = new HttpClient();
            await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync($"{url}/ping"));
            Assert.NotEmpty(Directory.EnumerateFileSystemEntries(dir)); // the data stays for the next run
        }
        finally
        {
            stop.Cancel();
            await engine.WaitAsync(TimeSpan.FromSeconds(30));
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task Simulator_process_stops_cleanly_on_SIGTERM()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "pink.dll"), "simulator", "--port", "0" }) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start pink");
        try
        {
            var lines = new List<string>();
            while (await process.StandardOutput.ReadLineAsync() is string line)
            {
                lines.Add(line);
                if (line.Contains("api secret")) break;
            }
            Assert.Contains(lines, l => l.Contains("rest        http://127.0.0.1:"));
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
            var rest = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("simulator: stopped", rest);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }
}
