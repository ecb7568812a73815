using Pink.Core;
using Pink.Shell.ClickHouse;

namespace Pink.Tests.ClickHouse;

[Collection(ClickHouseCollection.Name)]
public sealed class PoisonTests(ClickHouseServerFixture ch)
{
    private static TradeEventRow Poison(long seq) =>
        new(new DateTime(2026, 6, 11, 12, 0, 0), seq, "T-poison", "open", 1, "POISON-USDT", "LONG", 1, 1, 0, 0, 0, "kernel_estimate", 0, 1, "");

    [Fact]
    public async Task A_poison_row_is_reported_with_the_servers_message_parked_and_the_others_are_delivered()
    {
        var target = await ch.MigratedDatabase("poison");
        // The server, not the sink, refuses the row: a constraint of this test's database.
        await ch.Execute($"ALTER TABLE {target.Qualify(Tables.TradeEvents)} ADD CONSTRAINT no_poison_symbol CHECK symbol != 'POISON-USDT'");
        var rows = KernelRows.RoundTrips(5);
        var poison = Poison(rows.Max(r => r.AccountEventSeq) + 1);
        rows.Insert(rows.Count / 2, poison); // in the middle of the batch, with good rows of its table on both sides
        var log = new List<string>();
        var spool = SinkHarness.NewSpoolDir();

        await using (var sink = ClickHouseRowSink.Start(target, SinkHarness.Options(spool, log, poisonRetry: TimeSpan.FromHours(1))))
        {
            foreach (var row in rows) sink.Write(row);
            Assert.True(await sink.DrainAsync(TimeSpan.FromMinutes(2)));

            var status = sink.Status;
            Assert.Equal(rows.Count - 1, status.Delivered);
            Assert.Equal(1, status.Poisoned);
            Assert.Equal(1, status.Refusals);
            Assert.Contains("no_poison_symbol", status.LastError);
            var parked = Assert.Single(sink.Poisoned);
            Assert.Equal(poison, Assert.Single(parked.Rows).Row);
            Assert.Contains("no_poison_symbol", parked.FirstError);
        }

        var report = Assert.Single(log, l => l.StartsWith("ERROR", StringComparison.Ordinal));
        Assert.Contains("no_poison_symbol", report); // the server's own words
        Assert.Contains("trade_events", report);
        var good = rows.Where(r => r != poison).ToList();
        Assert.Equal(SinkHarness.Expected(good), await SinkHarness.Counts(ch, target));
        Assert.Equal(0, await SinkHarness.Duplicates(ch, target));
        Assert.Single(Directory.EnumerateFiles(Path.Combine(spool, "poison"), "*.json")); // never dropped
        Assert.Empty(Directory.EnumerateFiles(spool, "seg-*"));
    }

    [Fact]
    public async Task A_parked_row_survives_a_restart_and_is_delivered_once_the_server_accepts_it()
    {
        var target = await ch.MigratedDatabase("heal");
        await ch.Execute($"ALTER TABLE {target.Qualify(Tables.TradeEvents)} ADD CONSTRAINT no_poison_symbol CHECK symbol != 'POISON-USDT'");
        var rows = KernelRows.RoundTrips(2);
        var poison = Poison(rows.Max(r => r.AccountEventSeq) + 1);
        rows.Add(poison);
        var spool = SinkHarness.NewSpoolDir();
        await using (var sink = ClickHouseRowSink.Start(target, SinkHarness.Options(spool, poisonRetry: TimeSpan.FromHours(1))))
        {
            foreach (var row in rows) sink.Write(row);
            Assert.True(await sink.DrainAsync(TimeSpan.FromMinutes(2)));
            Assert.Equal(1, sink.Status.Poisoned);
        }

        await ch.Execute($"ALTER TABLE {target.Qualify(Tables.TradeEvents)} DROP CONSTRAINT no_poison_symbol");
        var log = new List<string>();
        await using (var sink = ClickHouseRowSink.Start(target, SinkHarness.Options(spool, log)))
        {
            Assert.Equal(1, sink.Status.Poisoned);
            for (var i = 0; i < 600 && sink.Status.Poisoned > 0; i++) await Task.Delay(50);
            Assert.Equal(0, sink.Status.Poisoned);
            Assert.Equal(1, sink.Status.Delivered);
        }
        Assert.Contains(log, l => l.Contains("accepted after 1 refusal", StringComparison.Ordinal));
        Assert.Equal(SinkHarness.Expected(rows), await SinkHarness.Counts(ch, target));
        Assert.Equal(0, await SinkHarness.Duplicates(ch, target));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(spool, "poison"), "*.json"));
    }

    [Fact]
    public async Task Rows_of_a_missing_table_are_parked_as_a_group_while_the_other_tables_flow()
    {
        var target = await ch.MigratedDatabase("notable");
        await ch.Execute($"DROP TABLE {target.Qualify(Tables.AnomalyEvents)}");
        var rows = KernelRows.RoundTrips(2);
        rows.Add(new AnomalyEventRow(new DateTime(2026, 6, 11), 1, "INTENT_REJECTED", "WARNING", 0, "T0", "a"));
        rows.Add(new AnomalyEventRow(new DateTime(2026, 6, 11), 1, "INTENT_REJECTED", "WARNING", 0, "T0", "b"));
        var log = new List<string>();
        await using var sink = ClickHouseRowSink.Start(target, SinkHarness.Options(SinkHarness.NewSpoolDir(), log, TimeSpan.FromHours(1)));
        foreach (var row in rows) sink.Write(row);
        Assert.True(await sink.DrainAsync(TimeSpan.FromMinutes(2)));
        Assert.Equal(2, sink.Status.Poisoned);
        Assert.Equal(rows.Count - 2, sink.Status.Delivered);
        Assert.Equal(2, Assert.Single(sink.Poisoned).Rows.Count);
        Assert.Contains(log, l => l.StartsWith("ERROR", StringComparison.Ordinal) && l.Contains("anomaly_events", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, false)]
    [InlineData(100, false)]
    [InlineData(999, false)]
    [InlineData(1000, false)]
    [InlineData(1001, false)]
    [InlineData(1100, true)]
    [InlineData(1150, false)]
    [InlineData(1200, true)]
    [InlineData(25_000, true)]
    public void Refusals_are_reported_the_first_time_then_every_100th_attempt_after_1000(int attempt, bool reported) =>
        Assert.Equal(reported, ReportPolicy.ShouldReport(attempt));
}
