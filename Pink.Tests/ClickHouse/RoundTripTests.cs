using Pink.Core;
using Pink.Shell.ClickHouse;

namespace Pink.Tests.ClickHouse;

[Collection(ClickHouseCollection.Name)]
public sealed class RoundTripTests(ClickHouseServerFixture ch)
{
    [Fact]
    public async Task One_simulated_round_trip_gives_exactly_one_row_per_logical_event_per_table()
    {
        var rows = KernelRows.RoundTrips(1);
        var target = await ch.MigratedDatabase("rt");
        var spool = SinkHarness.NewSpoolDir();
        await using (var sink = ClickHouseRowSink.Start(target, SinkHarness.Options(spool)))
        {
            foreach (var row in rows) sink.Write(row);
            Assert.True(await sink.DrainAsync(TimeSpan.FromMinutes(2)));
            Assert.Equal(rows.Count, sink.Status.Delivered);
            Assert.Equal(0, sink.Status.Spooled);
        }

        // The kernel's own rows are distinct logical events, and every one arrives exactly once.
        Assert.Equal(rows.Count, rows.Select(r => (r.Table, r.AccountEventSeq, r.Key)).Distinct().Count());
        var expected = SinkHarness.Expected(rows);
        Assert.Equal(expected, await SinkHarness.Counts(ch, target));
        Assert.Equal(0, await SinkHarness.Duplicates(ch, target));
        Assert.Equal(2, expected[Tables.TradeExitLegs]);
        Assert.True(expected[Tables.TradeEvents] >= 2);
        Assert.True(expected[Tables.AccountEvents] >= 2);
        Assert.True(expected[Tables.StatusSnapshots] >= 2);
        foreach (var row in rows)
            Assert.Equal(1, await ch.Long(
                $"SELECT count() FROM {target.Qualify(row.Table)} WHERE account_event_seq = {row.AccountEventSeq} AND event_key = '{row.Key.Replace("'", "\\'")}'"));
        Assert.Empty(Directory.EnumerateFiles(spool, "seg-*"));
    }

    [Fact]
    public async Task Values_arrive_as_the_kernel_built_them_with_microsecond_naive_utc_timestamps_and_provenance()
    {
        var target = await ch.MigratedDatabase("vals");
        var ts = new DateTime(2026, 6, 11, 14, 3, 1, DateTimeKind.Unspecified).AddTicks(1_234_560); // .123456
        var rows = new Row[]
        {
            new TradeEventRow(ts, 7, "T1", "close", 0, "FET-USDT", "SHORT", 202_276, 0.1878m, 0.1866m, 242.7312m, 1.5m, "exchange", -3, 3, "a,b"),
            new AccountEventRow(ts, 7, "bridge", "T1", 10_241.2m, "k_bridged", 10_000, 0, 242.7312m, 1.5m, 10_241.2m, 0, 0, "T1"),
        };
        await using (var sink = ClickHouseRowSink.Start(target, SinkHarness.Options(SinkHarness.NewSpoolDir())))
        {
            foreach (var row in rows) sink.Write(row);
            Assert.True(await sink.DrainAsync(TimeSpan.FromMinutes(2)));
        }
        Assert.Equal(["2026-06-11 14:03:01.123456"], await ch.Strings($"SELECT toString(ts) FROM {target.Qualify(Tables.TradeEvents)}"));
        Assert.Equal(0, await ch.Long($"SELECT bars_held FROM {target.Qualify(Tables.TradeEvents)}")); // -3 clamped at 0
        Assert.Equal(["exchange"], await ch.Strings($"SELECT pnl_source FROM {target.Qualify(Tables.TradeEvents)}"));
        Assert.Equal(["k_bridged"], await ch.Strings($"SELECT capital_source FROM {target.Qualify(Tables.AccountEvents)}"));
        Assert.Equal(["0"], await ch.Strings($"SELECT toString(available_margin) FROM {target.Qualify(Tables.AccountEvents)}"));
        Assert.Equal(["242.7312"], await ch.Strings($"SELECT toString(realized_pnl) FROM {target.Qualify(Tables.TradeEvents)}"));
        // V003: the exact columns hold the kernel's decimals digit for digit.
        Assert.Equal(["242.7312|0.1878|0.1866|202276|1.5"], await ch.Strings(
            $"SELECT concat(toString(realized_pnl_dec), '|', toString(entry_price_dec), '|', toString(exit_price_dec), '|', toString(qty_dec), '|', toString(fees_dec)) FROM {target.Qualify(Tables.TradeEvents)}"));
        Assert.Equal(["10241.2|10000|242.7312"], await ch.Strings(
            $"SELECT concat(toString(capital_dec), '|', toString(e_wallet_balance_dec), '|', toString(realized_increment_dec)) FROM {target.Qualify(Tables.AccountEvents)}"));
    }

    [Fact]
    public async Task Exact_columns_sum_to_the_cent_where_float_columns_drift_and_round_beyond_18_decimals_half_to_even()
    {
        var target = await ch.MigratedDatabase("exact");
        var ts = new DateTime(2026, 6, 11, 14, 3, 1, DateTimeKind.Unspecified);
        // 0.1 + 0.2 + ... as the venue reports them: decimals sum exactly, binary floats do not.
        var rows = Enumerable.Range(0, 10).Select(i => (Row)new TradeExitLegRow(ts, 100 + i, "T1", i, 0, "FET-USDT", "SHORT", 0.1m, 0.2m, 0.1m, "exchange", "", 1))
            .Append(new TradeExitLegRow(ts, 200, "T2", 0, 0, "FET-USDT", "SHORT", 1m / 3, 2m / 3, -1m / 3, "exchange", "", 2)).ToList();
        await using (var sink = ClickHouseRowSink.Start(target, SinkHarness.Options(SinkHarness.NewSpoolDir())))
        {
            foreach (var row in rows) sink.Write(row);
            Assert.True(await sink.DrainAsync(TimeSpan.FromMinutes(2)));
        }
        Assert.Equal(["1"], await ch.Strings($"SELECT toString(sum(realized_pnl_dec)) FROM {target.Qualify(Tables.TradeExitLegs)} WHERE trade_id = 'T1'"));
        Assert.NotEqual(["1"], await ch.Strings($"SELECT toString(sum(realized_pnl)) FROM {target.Qualify(Tables.TradeExitLegs)} WHERE trade_id = 'T1'"));
        Assert.Equal(["0.333333333333333333|0.666666666666666667|-0.333333333333333333"], await ch.Strings(
            $"SELECT concat(toString(qty_dec), '|', toString(price_dec), '|', toString(realized_pnl_dec)) FROM {target.Qualify(Tables.TradeExitLegs)} WHERE trade_id = 'T2'"));
    }

    [Fact]
    public async Task A_retried_batch_is_recognised_by_the_server_and_not_duplicated()
    {
        var target = await ch.MigratedDatabase("retry");
        var rows = KernelRows.RoundTrips(3).Where(r => r.Table == Tables.StatusSnapshots)
            .Select((r, i) => new SpooledRow(1_000 + i, r)).ToList();
        using var writer = new ClickHouseWriter(target, TimeSpan.FromSeconds(30));
        for (var attempt = 0; attempt < 3; attempt++)
            Assert.Equal(InsertResult.Acknowledged, (await writer.InsertAsync(Tables.StatusSnapshots, rows, CancellationToken.None)).Result);
        Assert.Equal(rows.Count, await ch.Long($"SELECT count() FROM {target.Qualify(Tables.StatusSnapshots)}"));

        // Not de-duplication by content: the same rows at other spool positions are a different delivery and stay.
        var again = rows.Select((r, i) => r with { Position = 5_000 + i }).ToList();
        await writer.InsertAsync(Tables.StatusSnapshots, again, CancellationToken.None);
        Assert.Equal(2 * rows.Count, await ch.Long($"SELECT count() FROM {target.Qualify(Tables.StatusSnapshots)}"));
    }

    [Fact]
    public async Task The_file_sink_writes_one_json_line_per_row_under_the_table_columns()
    {
        var rows = KernelRows.RoundTrips(2);
        var dir = Directory.CreateTempSubdirectory("pink-files-").FullName;
        var sink = new FileRowSink(dir);
        foreach (var row in rows) sink.Write(row);
        Assert.True(await sink.DrainAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(rows.Count, sink.Status.Delivered);
        await sink.DisposeAsync();
        foreach (var table in Tables.All)
        {
            var lines = File.Exists(Path.Combine(dir, table + ".jsonl")) ? File.ReadAllLines(Path.Combine(dir, table + ".jsonl")) : [];
            Assert.Equal(rows.Count(r => r.Table == table), lines.Length);
            foreach (var line in lines)
            {
                using var doc = System.Text.Json.JsonDocument.Parse(line);
                Assert.Equal(RowColumns.For(table).Columns, doc.RootElement.EnumerateObject().Select(p => p.Name));
            }
        }
        Directory.Delete(dir, true);
        await Task.CompletedTask;
    }
}
