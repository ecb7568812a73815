using Pink.Shell;

namespace Pink.Tests.Runner;

/// <summary>`replay --clickhouse`: the replayed rows go to a real ClickHouse, and replaying again stores nothing twice.</summary>
public class ReplayPersistTests
{
    [Fact]
    public async Task Replay_with_clickhouse_persists_the_summary_rows_once_even_when_run_twice()
    {
        await using var engine = await Pink.Shell.ClickHouse.LocalClickHouse.StartAsync();
        var sample = Replay.ReplayTests.Sample;
        var first = new StringWriter();
        Assert.Equal(0, Cli.Run(["replay", sample, "--clickhouse", engine.Url], new StringWriter(), first));
        Assert.Contains("account_events 10  status_snapshots 14  trade_events 2  trade_exit_legs 2  anomaly_events 0", first.ToString());
        var second = new StringWriter();
        Assert.Equal(0, Cli.Run(["replay", sample, "--clickhouse", engine.Url], new StringWriter(), second));
        Assert.Contains("28 rows already stored", second.ToString());
        Assert.Contains("account_events 10  status_snapshots 14  trade_events 2  trade_exit_legs 2  anomaly_events 0", second.ToString());
    }
}
