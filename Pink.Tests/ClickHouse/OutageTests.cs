using Pink.Core;
using Pink.Shell.ClickHouse;

namespace Pink.Tests.ClickHouse;

/// <summary>
/// The server stopped for 30 s (PINK_CH_OUTAGE_SECONDS overrides) while rows keep coming: they are spooled durably,
/// and delivered exactly once when the server is back. The server is really stopped (SIGTERM) and started again on
/// the same port and data directory.
/// </summary>
[Collection(ClickHouseCollection.Name)]
public sealed class OutageTests(ClickHouseServerFixture ch)
{
    private static TimeSpan Outage =>
        TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("PINK_CH_OUTAGE_SECONDS"), out var s) ? s : 30);

    [Fact]
    public async Task Server_stopped_for_30_seconds_rows_are_spooled_then_delivered_exactly_once()
    {
        var target = await ch.MigratedDatabase("outage");
        var rows = KernelRows.RoundTrips(60);
        var before = rows.Take(rows.Count / 3).ToList();
        var during = rows.Skip(before.Count).ToList();
        var log = new List<string>();
        var spool = SinkHarness.NewSpoolDir();
        await using var sink = ClickHouseRowSink.Start(target, SinkHarness.Options(spool, log));

        foreach (var row in before) sink.Write(row);
        Assert.True(await sink.DrainAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal(before.Count, sink.Status.Delivered);

        await ch.Server.StopAsync();
        try
        {
            // Rows keep arriving all through the outage, one kernel event's worth at a time.
            var started = DateTime.UtcNow;
            var written = 0;
            while (DateTime.UtcNow - started < Outage)
            {
                foreach (var row in during.Skip(written).Take(10)) sink.Write(row);
                written = Math.Min(during.Count, written + 10);
                await sink.FlushAsync();
                await Task.Delay(Outage / 40);
            }
            foreach (var row in during.Skip(written)) sink.Write(row);
            await sink.FlushAsync();

            var status = sink.Status;
            Assert.False(status.Connected);
            Assert.Equal(before.Count, status.Delivered);
            Assert.Equal(during.Count, status.Spooled);
            Assert.Equal(0, status.Poisoned);
            Assert.Contains("unreachable", status.LastError);
            Assert.NotEmpty(Directory.EnumerateFiles(spool, "seg-*.jsonl"));
            Assert.False(await sink.DrainAsync(TimeSpan.FromMilliseconds(300)));
        }
        finally
        {
            await ch.Server.RestartAsync();
        }

        Assert.True(await sink.DrainAsync(TimeSpan.FromMinutes(3)));
        Assert.True(sink.Status.Connected);
        Assert.Equal(rows.Count, sink.Status.Delivered);
        Assert.Equal(SinkHarness.Expected(rows), await SinkHarness.Counts(ch, target));
        Assert.Equal(0, await SinkHarness.Duplicates(ch, target));
        Assert.Contains(log, l => l.StartsWith("WARN", StringComparison.Ordinal) && l.Contains("unreachable", StringComparison.Ordinal));
        Assert.Contains(log, l => l.Contains("reachable again", StringComparison.Ordinal));
        Assert.Empty(Directory.EnumerateFiles(spool, "seg-*"));
    }
}
