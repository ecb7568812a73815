using System.Diagnostics;
using System.Globalization;
using Pink.Core;
using Pink.Shell.ClickHouse;

namespace Pink.Tests.ClickHouse;

/// <summary>
/// The crash windows of coalesced delivery and group commit, each hit exactly with a SIGKILLed writer process (the
/// <see cref="ChildWriter"/> of <see cref="CrashTests"/>) that flushes every 3 rows, so every batch coalesces many
/// flushes; then restarted on the same spool with a different BatchRows (a restart that re-coalesced what was journaled
/// would send other sets, other tokens, and duplicate rows) — every durable row is stored exactly once, queried back.
/// </summary>
[Collection(ClickHouseCollection.Name)]
public sealed class CoalescingCrashTests(ClickHouseServerFixture ch)
{
    private const int Trades = 120;

    [Theory]
    [InlineData("journaled:2")]    // a coalesced batch's composition is durable; nothing of it was sent
    [InlineData("acknowledged:6")] // the server stored some tables of a coalesced batch; not recorded
    [InlineData("marked:2")]       // the batch's completion is durable; its spool files are not trimmed
    [InlineData("sealed:30")]      // a flush's rows are durable; the flush has not returned to the writer
    public async Task Writer_killed_in_a_coalescing_window_then_restarted_delivers_every_row_exactly_once(string fault)
    {
        var target = await ch.MigratedDatabase("coal");
        var spool = SinkHarness.NewSpoolDir();
        var rows = KernelRows.RoundTrips(Trades);

        var (durable, lines) = await RunChildAndKill(target, spool, fault, chunk: 3, batch: 400, inFlight: 1,
            killWhen: (l, _) => l.Any(x => x.StartsWith("PAUSED", StringComparison.Ordinal))
                && (fault.StartsWith("sealed", StringComparison.Ordinal) || l.Contains("ALL-DURABLE")));
        if (!fault.StartsWith("sealed", StringComparison.Ordinal))
        {
            Assert.Equal(rows.Count, durable);
            Assert.NotEmpty(Directory.EnumerateFiles(spool, "seg-*.jsonl")); // the kill left work behind
        }
        // At "sealed" only the flushing thread is parked: the delivery loop goes on, and on a slow host it may have sent
        // and trimmed everything durable before the kill lands. What the case proves is below: nothing lost or doubled.
        Assert.Contains(lines, l => l == $"PAUSED {fault.Split(':')[0]}");

        await Restart(target, spool, batchRows: 1_000);
        await AssertExactlyOnce(target, rows, durable);
    }

    [Fact]
    public async Task Writer_with_flushes_in_flight_killed_at_an_arbitrary_moment_loses_no_durable_row_and_duplicates_none()
    {
        var target = await ch.MigratedDatabase("gc");
        var spool = SinkHarness.NewSpoolDir();
        var rows = KernelRows.RoundTrips(Trades);

        // Group commit: 16 flushes of 3 rows outstanding; "DURABLE n" only once the flush covering row n completed.
        var (durable, _) = await RunChildAndKill(target, spool, fault: "", chunk: 3, batch: 400, inFlight: 16,
            killWhen: (_, d) => d >= rows.Count / 2);
        await Restart(target, spool, batchRows: 1_000);
        await AssertExactlyOnce(target, rows, durable);
    }

    [Fact]
    public async Task Writer_killed_after_a_refused_set_was_split_then_restarted_sends_only_the_same_halves()
    {
        var target = await ch.MigratedDatabase("split");
        await ch.Execute($"ALTER TABLE {target.Qualify(Tables.TradeEvents)} ADD CONSTRAINT no_poison_symbol CHECK symbol != 'POISON-USDT'");
        var spool = SinkHarness.NewSpoolDir();
        Environment.SetEnvironmentVariable("PINK_CH_POISON", "1"); // read by ChildWriter.Rows, in this process too
        List<Row> rows;
        try
        {
            rows = ChildWriter.Rows(Trades);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PINK_CH_POISON", null);
        }
        var poison = rows.Single(r => r is TradeEventRow { Symbol: "POISON-USDT" });

        // One batch holds everything (written before delivery may start); the kill lands after the third split.
        var (durable, _) = await RunChildAndKill(target, spool, "split:3", chunk: 5_000, batch: 5_000, inFlight: 1, poison: true,
            killWhen: (l, _) => l.Contains("ALL-DURABLE") && l.Any(x => x.StartsWith("PAUSED", StringComparison.Ordinal)));
        Assert.Equal(rows.Count, durable);

        var parked = await Restart(target, spool, batchRows: 1_000, expectPoisoned: 1);
        var good = rows.Where(r => r != poison).ToList();
        await AssertExactlyOnce(target, good, good.Count);
        Assert.Equal(0, await ch.Long($"SELECT count() FROM {target.Qualify(Tables.TradeEvents)} WHERE symbol = 'POISON-USDT'"));
        Assert.Equal(poison, Assert.Single(Assert.Single(parked).Rows).Row);
    }

    private async Task AssertExactlyOnce(ClickHouseTarget target, List<Row> rows, int durable)
    {
        var stored = new HashSet<string>();
        foreach (var table in Tables.All)
            foreach (var id in await ch.Strings($"SELECT concat('{table}|', toString(account_event_seq), '|', event_key) FROM {target.Qualify(table)}"))
                Assert.True(stored.Add(id), $"duplicated: {id}");
        foreach (var row in rows.Take(durable)) Assert.Contains($"{row.Table}|{row.AccountEventSeq}|{row.Key}", stored); // none lost
        Assert.True(stored.IsSubsetOf(rows.Select(r => $"{r.Table}|{r.AccountEventSeq}|{r.Key}"))); // nothing invented
        Assert.Equal(0, await SinkHarness.Duplicates(ch, target));
    }

    // Restarted with another BatchRows than the killed writer's: the journaled batch must still go exactly as it was.
    private static async Task<IReadOnlyList<PoisonGroup>> Restart(ClickHouseTarget target, string spool, int batchRows, int expectPoisoned = 0)
    {
        var options = SinkHarness.Options(spool, poisonRetry: TimeSpan.FromHours(1)) with { BatchRows = batchRows };
        await using var sink = ClickHouseRowSink.Start(target, options);
        Assert.True(sink.Status.Spooled > 0);
        Assert.True(await sink.DrainAsync(TimeSpan.FromMinutes(3)));
        Assert.Equal(expectPoisoned, sink.Status.Poisoned);
        Assert.Empty(Directory.EnumerateFiles(spool, "seg-*"));
        return sink.Poisoned;
    }

    private async Task<(int Durable, List<string> Lines)> RunChildAndKill(ClickHouseTarget target, string spool, string fault,
        int chunk, int batch, int inFlight, Func<List<string>, int, bool> killWhen, bool poison = false)
    {
        var assembly = typeof(ChildWriter).Assembly.Location;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(assembly);
        info.Environment["DOTNET_STARTUP_HOOKS"] = assembly;
        info.Environment["PINK_CH_CHILD_WRITER"] = "1";
        info.Environment["PINK_CH_URL"] = ch.Server.Url;
        info.Environment["PINK_CH_DATABASE"] = target.Database;
        info.Environment["PINK_CH_SPOOL"] = spool;
        info.Environment["PINK_CH_TRADES"] = Trades.ToString(CultureInfo.InvariantCulture);
        info.Environment["PINK_CH_FAULT"] = fault;
        info.Environment["PINK_CH_CHUNK"] = chunk.ToString(CultureInfo.InvariantCulture);
        info.Environment["PINK_CH_BATCH"] = batch.ToString(CultureInfo.InvariantCulture);
        info.Environment["PINK_CH_IN_FLIGHT"] = inFlight.ToString(CultureInfo.InvariantCulture);
        info.Environment["PINK_CH_POISON"] = poison ? "1" : "";
        using var child = Process.Start(info)!;
        var lines = new List<string>();
        var durable = 0;
        var stderr = child.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (!killWhen(lines, durable))
        {
            var line = await child.StandardOutput.ReadLineAsync(deadline.Token)
                ?? throw new Xunit.Sdk.XunitException($"writer ended early: {string.Join(" / ", lines)} {await stderr}");
            lines.Add(line);
            if (line.StartsWith("DURABLE ", StringComparison.Ordinal)) durable = int.Parse(line[8..], CultureInfo.InvariantCulture);
        }
        child.Kill(entireProcessTree: true); // SIGKILL: no finally blocks, no flush, no cleanup
        await child.WaitForExitAsync();
        return (durable, lines);
    }
}
