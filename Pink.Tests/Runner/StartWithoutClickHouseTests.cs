using Microsoft.Extensions.Logging.Abstractions;
using Pink.Core;
using Pink.Shell;
using Pink.Shell.ClickHouse;
using Pink.Shell.Config;
using Pink.Shell.Recording;
using Pink.Shell.Replay;
using Pink.Shell.Simulator;
using Pink.Shell.Runner;
using Pink.Tests.ClickHouse;
using Pink.Tests.Hazelcast;

namespace Pink.Tests.Runner;

/// <summary>
/// ClickHouse down when a command starts: the command runs to its end, its rows wait durably in the spool, and they
/// reach ClickHouse — with the schema migrations applied first — once it answers.
/// </summary>
[Collection(ClickHouseCollection.Name)]
public class StartWithoutClickHouseTests(ClickHouseServerFixture ch)
{
    private static string Dead() => $"http://127.0.0.1:{ClientSocketTests.FreePort()}";

    private static string TempDir() => Path.Combine(Path.GetTempPath(), $"pink-noch-{Guid.NewGuid():N}");

    private static Summary ReplayOf(string recording)
    {
        var session = new Session(Pink.Core.Kernel.Initial(new PinkConfig().Kernel));
        foreach (var r in RecordingReader.ReadFile(recording)) session.Feed(r);
        return Summary.Of(session.State, session.Effects);
    }

    [Fact]
    public async Task Demo_with_clickhouse_down_finishes_says_so_and_its_spooled_rows_are_delivered_when_clickhouse_answers()
    {
        var dir = TempDir();
        try
        {
            var (stdout, stderr) = (new StringWriter(), new StringWriter());
            var code = await Cli.RunAsync(["demo", "--clickhouse", Dead(), "--state-dir", dir, "--quiet"], stdout, stderr);
            Assert.True(code == 0, $"{code}\n{stdout}\n{stderr}");
            Assert.Contains("ledger agrees with the venue", stdout.ToString());
            Assert.Matches(@"rows: ClickHouse http://127\.0\.0\.1:\d+/dolphin_pink is unreachable: 0 delivered, \d+ spooled in ", stdout.ToString());

            // ClickHouse answers now: the next store on this state directory applies the schema and delivers the spool.
            var expected = ReplayOf(Path.Combine(dir, "session.jsonl"));
            var config = new PinkConfig { ClickHouseUrl = ch.Server.Url, Database = ClickHouseServerFixture.NewDatabaseName("demo_nock") };
            await using var store = await RowStore.OpenAsync(config, dir, NullLogger.Instance, CancellationToken.None);
            Assert.True(await store.Sink.DrainAsync(TimeSpan.FromSeconds(60)), store.Sink.Status.ToString());
            var stored = await store.CountAsync(CancellationToken.None);
            foreach (var table in Tables.All) Assert.Equal(expected.Rows[table], stored[table]);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Fact]
    public async Task A_store_opened_while_clickhouse_is_down_spools_then_migrates_and_delivers_when_it_comes_up_on_that_port()
    {
        var dir = TempDir();
        var port = ClientSocketTests.FreePort();
        var database = ClickHouseServerFixture.NewDatabaseName("late");
        try
        {
            var config = new PinkConfig { ClickHouseUrl = $"http://127.0.0.1:{port}", Database = database };
            await using var store = await RowStore.OpenAsync(config, dir, NullLogger.Instance, CancellationToken.None);
            Assert.False(store.ReachableAtStart);
            var rows = KernelRows.RoundTrips(3);
            foreach (var row in rows) store.Sink.Write(row);
            await store.Sink.FlushAsync();
            Assert.Equal(rows.Count, store.Sink.Status.Spooled);
            Assert.Null(await store.TryCountAsync(CancellationToken.None));

            await using var late = await LocalClickHouse.StartAsync(new LocalClickHouseOptions(Port: port));
            Assert.True(await store.Sink.DrainAsync(TimeSpan.FromSeconds(60)), store.Sink.Status.ToString());
            var stored = await store.CountAsync(CancellationToken.None);
            Assert.Equal(rows.Count, stored.Values.Sum());
            using var client = store.Target!.CreateClient();
            var migrations = Convert.ToInt64(await client.ExecuteScalarAsync($"SELECT count() FROM {store.Target.Qualify(Migrator.Table)}"));
            Assert.Equal(Migration.Shipped().Count, migrations);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Fact]
    public async Task Replay_with_clickhouse_down_spools_its_rows_and_the_next_replay_delivers_them_once()
    {
        var dir = TempDir();
        try
        {
            await ch.Execute("DROP DATABASE IF EXISTS dolphin_pink");
            var first = new StringWriter();
            Assert.Equal(0, await Cli.RunAsync(["replay", Replay.ReplayTests.Sample, "--clickhouse", Dead(), "--state-dir", dir], new StringWriter(), first));
            Assert.Contains("is unreachable: 28 rows spooled in", first.ToString());

            var second = new StringWriter();
            Assert.Equal(0, await Cli.RunAsync(["replay", Replay.ReplayTests.Sample, "--clickhouse", ch.Server.Url, "--state-dir", dir], new StringWriter(), second));
            Assert.Contains("28 rows already stored", second.ToString());
            Assert.Contains("account_events 10  status_snapshots 14  trade_events 2  trade_exit_legs 2  anomaly_events 0", second.ToString());
        }
        finally
        {
            await ch.Execute("DROP DATABASE IF EXISTS dolphin_pink");
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task Live_with_clickhouse_down_trades_on_and_stops_cleanly_with_its_rows_spooled()
    {
        var dir = TempDir();
        await using var sim = await BingxSimulator.StartAsync();
        sim.SetMark("FET-USDT", 0.1878m);
        var keys = new Dictionary<string, string?> { ["PINK_BINGX_API_KEY"] = sim.Options.ApiKey, ["PINK_BINGX_API_SECRET"] = sim.Options.ApiSecret };
        using var stop = new CancellationTokenSource();
        var stderr = new StringWriter();
        var live = Cli.RunAsync(["live", "--venue-url", sim.RestBaseUrl.ToString(), "--ws-url", sim.WsUrl.ToString(), "--symbols", "FET-USDT",
            "--state-dir", dir, "--clickhouse", Dead(), "--quiet"], new StringWriter(), TextWriter.Synchronized(stderr), keys.GetValueOrDefault, stop.Token);
        try
        {
            // Running: it reconciled with the venue and checkpointed, ClickHouse or not.
            await Venue.Eventually.True(() => File.Exists(Path.Combine(dir, "checkpoint.json")) || live.IsCompleted, "live started", 60);
            Assert.False(live.IsCompleted, stderr.ToString());
        }
        finally { stop.Cancel(); }
        try
        {
            Assert.Equal(0, await live.WaitAsync(TimeSpan.FromSeconds(60)));
            var expected = ReplayOf(Path.Combine(dir, "session.jsonl"));
            Assert.True(expected.Rows.Values.Sum() > 0);
            var config = new PinkConfig { ClickHouseUrl = ch.Server.Url, Database = ClickHouseServerFixture.NewDatabaseName("live_nock") };
            await using var store = await RowStore.OpenAsync(config, dir, NullLogger.Instance, CancellationToken.None);
            Assert.True(await store.Sink.DrainAsync(TimeSpan.FromSeconds(60)), store.Sink.Status.ToString());
            var stored = await store.CountAsync(CancellationToken.None);
            foreach (var table in Tables.All) Assert.Equal(expected.Rows[table], stored[table]);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }
}
