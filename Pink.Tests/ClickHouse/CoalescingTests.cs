using System.Collections.Concurrent;
using System.Text;
using ClickHouse.Driver;
using Pink.Core;
using Pink.Shell.ClickHouse;

namespace Pink.Tests.ClickHouse;

/// <summary>
/// Group commit of flushes, coalesced delivery, halving of refused sets, the spool's log format and journal, and the
/// RowBinary encoding — against the real server where the server is involved.
/// </summary>
[Collection(ClickHouseCollection.Name)]
public sealed class CoalescingTests(ClickHouseServerFixture ch)
{
    [Fact]
    public async Task Many_small_flushes_go_as_few_coalesced_inserts_and_every_row_arrives_exactly_once()
    {
        var target = await ch.MigratedDatabase("few");
        var rows = KernelRows.RoundTrips(100);
        var points = new ConcurrentDictionary<string, int>();
        var options = SinkHarness.Options(SinkHarness.NewSpoolDir()) with
        {
            BatchRows = 100_000,
            FlushInterval = TimeSpan.FromMilliseconds(300),
            FaultPoint = p => points.AddOrUpdate(p, 1, (_, n) => n + 1),
        };
        await using (var sink = ClickHouseRowSink.Start(target, options))
        {
            // The run loop's pattern: a flush (durability point) every couple of rows.
            for (var i = 0; i < rows.Count; i++)
            {
                sink.Write(rows[i]);
                if (i % 2 == 1) await sink.FlushAsync();
            }
            Assert.True(await sink.DrainAsync(TimeSpan.FromMinutes(2)));
            Assert.Equal(rows.Count, sink.Status.Delivered);
        }
        var flushes = rows.Count / 2;
        Assert.True(points["sealed"] <= flushes + 1);
        // Each batch is one insert per table: far fewer batches than flushes (rows wait up to FlushInterval).
        Assert.True(points["journaled"] * 10 < flushes, $"{points["journaled"]} batches for {flushes} flushes");
        Assert.Equal(SinkHarness.Expected(rows), await SinkHarness.Counts(ch, target));
        Assert.Equal(0, await SinkHarness.Duplicates(ch, target));
    }

    [Fact]
    public async Task Flushes_that_arrive_during_a_sync_share_the_next_one_and_each_returns_only_once_its_rows_are_durable()
    {
        var spool = SinkHarness.NewSpoolDir();
        using var hold = new ManualResetEventSlim(false);
        var seals = 0;
        var options = SinkHarness.Options(spool) with
        {
            FlushInterval = TimeSpan.FromHours(1), // only flushes seal
            FaultPoint = p =>
            {
                if (p != "sealed") return;
                if (Interlocked.Increment(ref seals) == 1) hold.Wait(); // the first seal is durable, and stays unfinished
            },
        };
        // No server: this is about the spool only.
        var sink = ClickHouseRowSink.Start(ClickHouseTarget.Of("http://127.0.0.1:9"), options);
        try
        {
            var rows = KernelRows.RoundTrips(10);
            sink.Write(rows[0]);
            var first = sink.FlushAsync();
            while (Volatile.Read(ref seals) == 0) await Task.Delay(5);

            var waiting = new List<Task>();
            for (var i = 1; i <= 20; i++)
            {
                sink.Write(rows[i]);
                waiting.Add(sink.FlushAsync());
            }
            // The writer is parked inside the first seal (the fault point holds it): nothing can have made these rows
            // durable, so no flush may have returned — a flush that completes without the writer would show here.
            Assert.Equal(1, Volatile.Read(ref seals));
            Assert.False(first.IsCompleted);
            Assert.All(waiting, t => Assert.False(t.IsCompleted)); // none returns before its rows are durable
            Assert.Equal(20, sink.Status.Pending);

            hold.Set();
            await Task.WhenAll(waiting.Append(first)).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(2, Volatile.Read(ref seals)); // twenty flushes, one sync
            Assert.Equal(0, sink.Status.Pending);
            Assert.Equal(21, sink.Status.Spooled);
            Assert.Equal(21, SpooledRowLines(spool));
        }
        finally
        {
            hold.Set();
            await sink.DisposeAsync();
            Directory.Delete(spool, recursive: true); // never delivered: its preallocated file would stay in /tmp
        }
    }

    [Fact]
    public async Task A_poison_row_in_a_large_coalesced_batch_is_found_by_halving_not_row_by_row()
    {
        var target = await ch.MigratedDatabase("halve");
        await ch.Execute($"ALTER TABLE {target.Qualify(Tables.TradeEvents)} ADD CONSTRAINT no_poison_symbol CHECK symbol != 'POISON-USDT'");
        var rows = KernelRows.RoundTrips(200);
        var poison = ChildWriter.PoisonRow(rows.Max(r => r.AccountEventSeq) + 1);
        rows.Insert(rows.Count / 3, poison);
        var spool = SinkHarness.NewSpoolDir();
        var log = new List<string>();
        await using (var sink = ClickHouseRowSink.Start(target, SinkHarness.Options(spool, log, TimeSpan.FromHours(1)) with { BatchRows = 100_000 }))
        {
            foreach (var row in rows) sink.Write(row);
            Assert.True(await sink.DrainAsync(TimeSpan.FromMinutes(2)));
            Assert.Equal(rows.Count - 1, sink.Status.Delivered);
            Assert.Equal(1, sink.Status.Poisoned);
            Assert.Equal(1, sink.Status.Refusals);
            Assert.Equal(poison, Assert.Single(Assert.Single(sink.Poisoned).Rows).Row);
        }
        var tradeRows = rows.Count(r => r.Table == Tables.TradeEvents);
        var splits = File.ReadAllLines(Path.Combine(spool, SendJournal.FileName)).Count(l => l.StartsWith("split ", StringComparison.Ordinal));
        Assert.InRange(splits, 1, 2 * (int)Math.Ceiling(Math.Log2(tradeRows))); // not one insert per row
        Assert.Single(log, l => l.StartsWith("ERROR", StringComparison.Ordinal));
        Assert.Equal(SinkHarness.Expected(rows.Where(r => r != poison)), await SinkHarness.Counts(ch, target));
        Assert.Equal(0, await SinkHarness.Duplicates(ch, target));
    }

    [Fact]
    public async Task A_torn_append_is_ignored_and_a_damaged_group_is_reported_and_set_aside_while_the_intact_rows_flow()
    {
        var target = await ch.MigratedDatabase("torn");
        var rows = KernelRows.RoundTrips(6);
        var spool = SinkHarness.NewSpoolDir();
        // Three durable groups, written while no server is there.
        await using (var offline = ClickHouseRowSink.Start(ClickHouseTarget.Of("http://127.0.0.1:9", target.Database), SinkHarness.Options(spool) with { FlushInterval = TimeSpan.FromHours(1) }))
        {
            var third = rows.Count / 3;
            foreach (var group in new[] { rows.Take(third), rows.Skip(third).Take(third), rows.Skip(2 * third) })
            {
                foreach (var row in group) offline.Write(row);
                await offline.FlushAsync();
            }
        }
        var file = Assert.Single(Directory.EnumerateFiles(spool, "seg-*.jsonl"));
        var bytes = File.ReadAllBytes(file);
        var used = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        var lines = Encoding.UTF8.GetString(bytes, 0, used).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var commits = lines.Select((l, i) => (l, i)).Where(x => x.l.StartsWith("{\"commit\"", StringComparison.Ordinal)).Select(x => x.i).ToList();
        Assert.Equal(3, commits.Count);

        // Damage one row of the middle group (a flipped digit keeps it valid JSON: only the CRC sees it), then
        // add what a crash mid-append leaves: complete row lines of a group without its commit line, and half a line.
        var second = lines[commits[0] + 1];
        lines[commits[0] + 1] = second.Replace("\"AccountEventSeq\":", "\"AccountEventSeq\":9", StringComparison.Ordinal);
        Assert.NotEqual(second, lines[commits[0] + 1]);
        var torn = lines.Take(2).Select(l => l.Replace("{\"p\":", "{\"p\":9", StringComparison.Ordinal)).ToList();
        var text = string.Join('\n', lines) + "\n" + string.Join('\n', torn) + "\n" + torn[0][..(torn[0].Length / 2)];
        File.WriteAllText(file, text);

        var log = new List<string>();
        await using (var sink = ClickHouseRowSink.Start(target, SinkHarness.Options(spool, log)))
        {
            Assert.True(await sink.DrainAsync(TimeSpan.FromMinutes(2)));
        }
        var secondGroup = commits[1] - commits[0] - 1;
        var delivered = rows.Take(commits[0]).Concat(rows.Skip(commits[0]).Skip(secondGroup)).ToList();
        Assert.Equal(SinkHarness.Expected(delivered), await SinkHarness.Counts(ch, target));
        Assert.Equal(0, await SinkHarness.Duplicates(ch, target));
        Assert.Contains(log, l => l.StartsWith("ERROR", StringComparison.Ordinal) && l.Contains("damaged", StringComparison.Ordinal));
        Assert.Contains(log, l => l.StartsWith("INFO", StringComparison.Ordinal) && l.Contains("never completed", StringComparison.Ordinal));
        Assert.Single(Directory.EnumerateFiles(Path.Combine(spool, "unreadable"))); // a copy, for a human
    }

    [Fact]
    public async Task A_spool_left_by_the_previous_version_is_delivered_with_its_old_tokens_and_marks()
    {
        var target = await ch.MigratedDatabase("legacy");
        var rows = KernelRows.RoundTrips(4);
        var spool = SinkHarness.NewSpoolDir();
        const long first = 1_000_000;
        var spooled = rows.Select((r, i) => new SpooledRow(first + i, r)).ToList();
        // The old format: one immutable segment, rows as JSON lines, and a progress file of marks.
        var path = Path.Combine(spool, $"seg-{first:D19}-{first + rows.Count - 1:D19}.jsonl");
        using (var stream = File.Create(path))
            foreach (var row in spooled)
            {
                using (var writer = new System.Text.Json.Utf8JsonWriter(stream))
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("p", row.Position);
                    writer.WriteString("t", row.Row.Table);
                    writer.WritePropertyName("r");
                    RowJson.Write(writer, row.Row);
                    writer.WriteEndObject();
                }
                stream.WriteByte((byte)'\n');
            }
        // The old writer had delivered status_snapshots (with the old token) and recorded it, and had delivered
        // trade_events without recording it: the first is not sent again, the second is recognised by its token.
        var snapshots = spooled.Where(r => r.Row.Table == Tables.StatusSnapshots).ToList();
        var trades = spooled.Where(r => r.Row.Table == Tables.TradeEvents).ToList();
        using (var writer = new ClickHouseWriter(target, TimeSpan.FromSeconds(30)))
        {
            Assert.Equal(InsertResult.Acknowledged, (await writer.InsertAsync(Tables.StatusSnapshots, snapshots, CancellationToken.None)).Result);
            Assert.Equal(InsertResult.Acknowledged, (await writer.InsertAsync(Tables.TradeEvents, trades, CancellationToken.None)).Result);
        }
        File.WriteAllText(path + ".progress", $"Done {Tables.StatusSnapshots}\n");

        await using (var sink = ClickHouseRowSink.Start(target, SinkHarness.Options(spool)))
        {
            Assert.Equal(rows.Count - snapshots.Count, sink.Status.Spooled);
            Assert.True(await sink.DrainAsync(TimeSpan.FromMinutes(2)));
        }
        Assert.Equal(SinkHarness.Expected(rows), await SinkHarness.Counts(ch, target));
        Assert.Equal(0, await SinkHarness.Duplicates(ch, target));
        Assert.Empty(Directory.EnumerateFiles(spool, "seg-*"));
    }

    [Fact]
    public void The_token_is_the_same_function_of_the_rows_as_before()
    {
        var rows = KernelRows.RoundTrips(80).Select((r, i) => new SpooledRow(1_749_650_000_000_000 + i, r)).ToList(); // sets of several hash chunks
        foreach (var table in Tables.All)
        {
            var set = rows.Where(r => r.Row.Table == table).ToList();
            if (set.Count == 0) continue;
            // The previous version's definition, spelled out: parked rows and old spools keep their tokens.
            var text = new StringBuilder();
            foreach (var r in set) text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{r.Position}|{r.Row.AccountEventSeq}|{r.Row.Key}\n");
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
            Assert.Equal($"pink:{table}:{set[0].Position}-{set[^1].Position}:{set.Count}:{hash}", Tokens.For(table, set));
        }
    }

    [Fact]
    public void Rows_are_spooled_as_exactly_the_json_the_serializer_writes()
    {
        var ts = new DateTime(2026, 6, 11, 14, 3, 1).AddTicks(1_234_567);
        var rows = KernelRows.RoundTrips(2).Concat(EdgeRows(ts)).ToList();
        foreach (var row in rows)
        {
            var fast = new System.Buffers.ArrayBufferWriter<byte>();
            using (var writer = new System.Text.Json.Utf8JsonWriter(fast)) RowJson.Write(writer, row);
            var reference = new System.Buffers.ArrayBufferWriter<byte>();
            using (var writer = new System.Text.Json.Utf8JsonWriter(reference))
                System.Text.Json.JsonSerializer.Serialize(writer, row, row.GetType(), RowJson.Options);
            Assert.Equal(Encoding.UTF8.GetString(reference.WrittenSpan), Encoding.UTF8.GetString(fast.WrittenSpan));
            using var doc = System.Text.Json.JsonDocument.Parse(fast.WrittenMemory);
            Assert.Equal(row, RowJson.Read(row.Table, doc.RootElement));
        }
    }

    [Fact]
    public async Task RowBinary_rows_are_stored_exactly_as_the_drivers_own_encoding_stores_them()
    {
        var viaDriver = await ch.MigratedDatabase("drv");
        var viaSink = await ch.MigratedDatabase("rb");
        var ts = new DateTime(2026, 6, 11, 14, 3, 1).AddTicks(1_234_567);
        var rows = KernelRows.RoundTrips(3).Concat(StorableEdgeRows(ts)).Select((r, i) => new SpooledRow(10 + i, r)).ToList();
        using var client = viaDriver.CreateClient();
        using var writer = new ClickHouseWriter(viaSink, TimeSpan.FromSeconds(30));
        foreach (var table in Tables.All)
        {
            var shape = RowColumns.For(table);
            var set = rows.Where(r => r.Row.Table == table).ToList();
            // The driver's generic path: object[] per row, its own type converters.
            await client.InsertBinaryAsync(viaDriver.Qualify(table), shape.Columns, set.Select(r => shape.Values(r.Row)).ToList(),
                new InsertOptions { ColumnTypes = new Dictionary<string, string>(shape.Types), Compressor = null });
            Assert.Equal(InsertResult.Acknowledged, (await writer.InsertAsync(table, set, CancellationToken.None)).Result);

            var query = $"SELECT concat({string.Join(", '|', ", shape.Columns.Select(c => $"toString({c})"))}) FROM {{0}} ORDER BY account_event_seq, event_key";
            var expected = await ch.Strings(string.Format(System.Globalization.CultureInfo.InvariantCulture, query, viaDriver.Qualify(table)));
            var actual = await ch.Strings(string.Format(System.Globalization.CultureInfo.InvariantCulture, query, viaSink.Qualify(table)));
            Assert.Equal(set.Count, expected.Count);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void The_send_journal_survives_a_torn_line_and_compaction_keeps_what_it_says()
    {
        var dir = SinkHarness.NewSpoolDir();
        var journal = SendJournal.Load(dir, _ => { });
        journal.Begin(10, 19);
        journal.Mark(10, SegmentMark.Done, Tables.StatusSnapshots);
        journal.Done(10, 19);
        journal.Begin(20, 29);
        journal.Mark(20, SegmentMark.Parked, Tables.AnomalyEvents);
        journal.Split(20, Tables.TradeEvents, 21, 28);
        journal.Sync();
        journal.Dispose();
        File.AppendAllText(Path.Combine(dir, SendJournal.FileName), "batch 30 3"); // a torn append

        var problems = new List<string>();
        journal = SendJournal.Load(dir, problems.Add);
        Assert.Empty(problems);
        Assert.Equal(19, journal.Watermark);
        var open = Assert.Single(journal.Open);
        Assert.Equal((20L, 29L), (open.First, open.Last));
        Assert.Equal([(SegmentMark.Parked, Tables.AnomalyEvents)], open.Marks);
        Assert.Equal([(Tables.TradeEvents, 21L, 28L)], open.Splits);
        journal.Begin(30, 39); // starts on a line of its own
        journal.Sync();
        journal.Dispose();
        journal = SendJournal.Load(dir, _ => { });
        Assert.Equal(2, journal.Open.Count);

        // Grown past its limit, the journal is rewritten as the watermark and the open batches with their marks.
        for (long b = 40; b < 400_000; b += 10)
        {
            journal.Begin(b, b + 9);
            journal.Done(b, b + 9);
        }
        var openBatch = new Batch(400_000, 400_009, KernelRows.RoundTrips(1).Take(10).Select((r, i) => new SpooledRow(400_000 + i, r)).ToList());
        journal.Begin(openBatch.First, openBatch.Last);
        journal.Mark(openBatch.First, SegmentMark.Done, Tables.AccountEvents);
        openBatch.Apply(SegmentMark.Done, Tables.AccountEvents);
        journal.Split(openBatch.First, Tables.TradeEvents, 400_002, 400_008);
        openBatch.Split(Tables.TradeEvents, 400_002, 400_008);
        journal.Sync();
        var path = Path.Combine(dir, SendJournal.FileName);
        Assert.True(new FileInfo(path).Length > 1 << 20);
        journal.CompactIfLarge([openBatch]);
        Assert.True(new FileInfo(path).Length < 1_000);
        journal.Begin(400_010, 400_019); // appends go to the compacted file
        journal.Sync();
        journal.Dispose();

        journal = SendJournal.Load(dir, _ => { });
        Assert.Equal(399_999, journal.Watermark);
        Assert.Equal([(400_000L, 400_009L), (400_010L, 400_019L)], journal.Open.Select(o => (o.First, o.Last)));
        Assert.Equal([(SegmentMark.Done, Tables.AccountEvents)], journal.Open[0].Marks);
        Assert.Equal([(Tables.TradeEvents, 400_002L, 400_008L)], journal.Open[0].Splits);
        journal.Dispose();
    }

    private static int SpooledRowLines(string spool) =>
        Directory.EnumerateFiles(spool, "seg-*.jsonl")
            .SelectMany(f => Encoding.UTF8.GetString(File.ReadAllBytes(f)).Split('\n'))
            .Count(l => l.StartsWith("{\"p\":", StringComparison.Ordinal));

    // Values at the edges of what the Decimal(38, 18) columns hold (20 integer digits, 18 decimals, decimal's longest
    // mantissa at scale 18), and every DateTime kind.
    private static Row[] StorableEdgeRows(DateTime ts) =>
    [
        new TradeEventRow(ts, 900, "T-edge", "close", -1, "FET-USDT", "SHORT", 202_276, 99_999_999_999_999_999_999m, -99_999_999_999_999_999_999m,
            0.000000000000000001m, -0.0m, "exchange", -3, 3, "a,b\"é\u0001<>&' ünïcödé ✓"),
        new TradeEventRow(ts, 901, "T-edge", "open", int.MaxValue, "X", "LONG", 79_228_162_514.264337593543950335m, -0.000000000000000001m, 0, 0, 0, "kernel_estimate", 70_000, int.MinValue, ""),
        .. EdgeRows(ts).Skip(2),
    ];

    // Values at the edges of what a row holds (the spool's JSON takes any decimal), and every DateTime kind.
    private static Row[] EdgeRows(DateTime ts) =>
    [
        new TradeEventRow(ts, 900, "T-edge", "close", -1, "FET-USDT", "SHORT", 202_276, decimal.MaxValue, decimal.MinValue,
            0.0000000000000000000000000001m, -0.0m, "exchange", -3, 3, "a,b\"é\u0001<>&' ünïcödé ✓"),
        new TradeEventRow(ts, 901, "T-edge", "open", int.MaxValue, "X", "LONG", 79_228_162_514_264.337593543950335m, -0.0000000000000000000000000001m, 0, 0, 0, "kernel_estimate", 70_000, int.MinValue, ""),
        new AccountEventRow(DateTime.SpecifyKind(ts, DateTimeKind.Utc), 902, "bridge", "T1", 10_241.2m, "k_bridged", 10_000, 0, 242.7312m, 1.5m, 10_241.2m, 0, -0.0m, "T1"),
        new StatusSnapshotRow(DateTime.SpecifyKind(ts, DateTimeKind.Local), 903, 1, 2, "x", 1, 2, 3, 4, -5, true),
        new StatusSnapshotRow(ts, 904, 1, 2, "x", 1, 2, 3, 4, 70_000, false),
        new TradeExitLegRow(ts, 905, "T", -4, 2, "S", "L", 1, 2, 3, "p", "f", long.MaxValue),
        new TradeExitLegRow(ts, 906, "T", 7, 2, "S", "L", 1, 2, 3, "p", "f", long.MinValue),
        new AnomalyEventRow(ts, -907, "K", "W", 0, "T", "d\ttab\nnewline"),
    ];
}
