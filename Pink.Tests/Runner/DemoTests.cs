using Pink.Shell;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Pink.Core;
using Pink.Shell.ClickHouse;
using Pink.Shell.Config;
using Pink.Shell.Demo;
using Pink.Shell.Recording;
using Pink.Shell.Replay;
using Pink.Shell.Runner;
using Pink.Shell.Simulator;
using Xunit.Abstractions;

namespace Pink.Tests.Runner;

/// <summary>The demo end to end: local simulator, live loop, a real ClickHouse engine, restarts and a kill -9.</summary>
public class DemoTests(ITestOutputHelper output)
{
    private static string TempDir() => Path.Combine(Path.GetTempPath(), $"pink-demo-{Guid.NewGuid():N}");

    private static Summary ReplayOf(string recording)
    {
        var session = new Session(Pink.Core.Kernel.Initial(new PinkConfig().Kernel));
        foreach (var r in RecordingReader.ReadFile(recording)) session.Feed(r);
        return Summary.Of(session.State, session.Effects);
    }

    [Fact]
    public async Task Demo_ledger_equals_the_simulators_wallet_and_rp_and_clickhouse_holds_exactly_the_replayed_rows()
    {
        var dir = TempDir();
        try
        {
            using var logs = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning));
            var result = await DemoRun.ExecuteAsync(new DemoOptions(dir, new PinkConfig()), logs, CancellationToken.None);
            Assert.Contains("ClickHouse", result.Store); // the real engine, not the file fallback
            var ledger = Assert.IsType<DemoLedger>(result.Ledger);
            output.WriteLine(ledger.Table());
            Assert.True(ledger.Agrees, ledger.Table());
            Assert.Equal(2, ledger.Trades.Count);
            Assert.All(ledger.Trades, t => Assert.Equal(("exchange", true), (t.PnlSource, t.Closed)));
            Assert.Equal(ledger.VenueWallet, result.State.Account.Capital, 6);

            var replay = ReplayOf(result.RecordingPath);
            foreach (var table in Tables.All) Assert.Equal(replay.Rows[table], result.StoredRows[table]);
            Assert.Equal(result.State.Account.Capital, replay.Account.Capital, 9);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Fact]
    public async Task Demo_killed_with_SIGKILL_at_a_random_point_then_resumed_ends_with_the_same_ledger_and_exactly_the_replayed_rows()
    {
        // Killed at a point guaranteed to be mid-run: once the recording holds a random number of lines (a whole first
        // run records about 50), then after a random few milliseconds. A wall-clock delay missed the run most times.
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var (lines, jitter) = (random.Next(3, 36), random.Next(0, 40));
        output.WriteLine($"kill at {lines} recorded lines + {jitter} ms (seed {seed})");
        var dir = TempDir();
        await using var sim = await BingxSimulator.StartAsync(new SimulatorOptions(InitialWallet: 50_000m));
        DemoScript.Prepare(sim);
        await using var engine = await LocalClickHouse.StartAsync();
        try
        {
            var first = Start(sim, engine, dir);
            var recording0 = Path.Combine(dir, "session.jsonl");
            while (!first.HasExited && Recorded(recording0) < lines) await Task.Delay(10);
            if (!first.HasExited) await Task.Delay(jitter);
            var killed = !first.HasExited;
            if (killed) first.Kill(entireProcessTree: true); // SIGKILL: no drain, no checkpoint
            await first.WaitForExitAsync();
            Assert.True(killed, $"the first run ended (exit {first.ExitCode}) before it recorded {lines} lines: nothing was killed");
            output.WriteLine($"first run killed with {Recorded(recording0)} lines recorded");

            var second = Start(sim, engine, dir);
            var stdout = await second.StandardOutput.ReadToEndAsync();
            var stderr = await second.StandardError.ReadToEndAsync();
            await second.WaitForExitAsync();
            output.WriteLine(stdout);
            Assert.True(second.ExitCode == 0, $"resumed demo failed ({second.ExitCode}):\n{stdout}\n{stderr}");

            var recording = Path.Combine(dir, "session.jsonl");
            var replay = ReplayOf(recording);
            Assert.Equal((decimal)sim.Account.WalletBalance, replay.Account.Capital, 6);
            foreach (var trade in replay.Trades)
            {
                var venueRp = sim.Orders.Where(o => o.ClientOrderId.StartsWith(trade.TradeId == "demo-fet" ? "demo-0" : "demo-1")).Sum(o => o.RealizedPnl);
                Assert.Equal((decimal)venueRp, trade.RealizedPnl, 6);
                Assert.True(trade.Closed);
            }
            Assert.Empty(sim.Positions); // nothing left open at the venue, nothing doubled
            var target = ClickHouseTarget.Of(engine.Url, "dolphin_pink");
            using var client = target.CreateClient();
            foreach (var table in Tables.All)
            {
                var stored = Convert.ToInt64(await client.ExecuteScalarAsync($"SELECT count() FROM {target.Qualify(table)}"));
                var distinct = Convert.ToInt64(await client.ExecuteScalarAsync($"SELECT count(DISTINCT (account_event_seq, event_key)) FROM {target.Qualify(table)}"));
                Assert.Equal(replay.Rows[table], stored);
                Assert.Equal(stored, distinct); // no identity twice
            }

            // The §3.3 shadow check against the same venue: idle, published capital = wallet within a cent.
            var shadowOut = new StringWriter();
            var keys = new Dictionary<string, string?> { ["PINK_BINGX_API_KEY"] = sim.Options.ApiKey, ["PINK_BINGX_API_SECRET"] = sim.Options.ApiSecret };
            var code = await Cli.RunAsync(["shadow", "--venue-url", sim.RestBaseUrl.ToString(), sim.WsUrl.ToString(), "--state-dir", dir, "--samples", "2", "--interval", "0.2"],
                shadowOut, new StringWriter(), k => keys.GetValueOrDefault(k));
            output.WriteLine(shadowOut.ToString());
            Assert.Equal(0, code);
            Assert.Contains("worst idle |Δ| 0 ", shadowOut.ToString());
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    private static Process Start(BingxSimulator sim, LocalClickHouse engine, string dir)
    {
        var pink = Path.Combine(AppContext.BaseDirectory, "pink.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { pink, "demo", "--venue-url", sim.RestBaseUrl.ToString(), "--ws-url", sim.WsUrl.ToString(), "--state-dir", dir, "--resume", "--quiet" })
            info.ArgumentList.Add(a);
        info.Environment["PINK_CLICKHOUSE_URL"] = engine.Url;
        info.Environment["PINK_BINGX_API_KEY"] = sim.Options.ApiKey;
        info.Environment["PINK_BINGX_API_SECRET"] = sim.Options.ApiSecret;
        return Process.Start(info) ?? throw new InvalidOperationException("could not start the runner");
    }

    // Lines the recording holds so far (shared read: the running process keeps it open for writing).
    private static int Recorded(string path)
    {
        if (!File.Exists(path)) return 0;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var n = 0;
            while (reader.ReadLine() is not null) n++;
            return n;
        }
        catch (IOException) { return 0; }
    }
}
