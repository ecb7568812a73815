using System.Diagnostics;
using Pink.Core;
using Pink.Shell.ClickHouse;

namespace Pink.Tests.ClickHouse;

/// <summary>
/// The writer killed (SIGKILL, a real separate process) in the middle of delivering, then restarted on the same spool:
/// no row is lost and none is duplicated, checked by querying the server.
/// </summary>
[Collection(ClickHouseCollection.Name)]
public sealed class CrashTests(ClickHouseServerFixture ch)
{
    private const int Trades = 300;

    [Theory]
    [InlineData("acknowledged:3")] // the server stored a batch, the writer died before recording it
    [InlineData("marked:2")]       // recorded, died before trimming the spool
    public async Task Writer_killed_between_acknowledgement_and_trim_then_restarted_delivers_every_row_exactly_once(string fault)
    {
        var target = await ch.MigratedDatabase("crash");
        var spool = SinkHarness.NewSpoolDir();
        var rows = KernelRows.RoundTrips(Trades);

        var durable = await RunChildAndKill(target, spool, fault, killWhen: (lines, _) => lines.Contains("ALL-DURABLE") && lines.Any(l => l.StartsWith("PAUSED", StringComparison.Ordinal)));
        Assert.Equal(rows.Count, durable);
        Assert.NotEmpty(Directory.EnumerateFiles(spool, "seg-*.jsonl")); // the kill left work behind
        Assert.True(await ch.Long($"SELECT count() FROM {target.Qualify(Tables.StatusSnapshots)}") > 0); // and some was delivered

        await Restart(target, spool);
        Assert.Equal(SinkHarness.Expected(rows), await SinkHarness.Counts(ch, target));
        Assert.Equal(0, await SinkHarness.Duplicates(ch, target));
    }

    [Fact]
    public async Task Writer_killed_at_an_arbitrary_moment_mid_batch_loses_no_durable_row_and_duplicates_none()
    {
        var target = await ch.MigratedDatabase("kill");
        var spool = SinkHarness.NewSpoolDir();
        var rows = KernelRows.RoundTrips(Trades);

        // Killed while it is still writing and delivering, at whatever point that happens to be.
        var durable = await RunChildAndKill(target, spool, fault: "", killWhen: (_, durableSoFar) => durableSoFar >= rows.Count / 2);
        await Restart(target, spool);

        var stored = new HashSet<string>();
        foreach (var table in Tables.All)
            foreach (var id in await ch.Strings($"SELECT concat('{table}|', toString(account_event_seq), '|', event_key) FROM {target.Qualify(table)}"))
                Assert.True(stored.Add(id), $"duplicated: {id}");
        foreach (var row in rows.Take(durable)) Assert.Contains($"{row.Table}|{row.AccountEventSeq}|{row.Key}", stored); // none lost
        Assert.True(stored.IsSubsetOf(rows.Select(r => $"{r.Table}|{r.AccountEventSeq}|{r.Key}"))); // nothing invented
        Assert.Equal(0, await SinkHarness.Duplicates(ch, target));
    }

    private async Task Restart(ClickHouseTarget target, string spool)
    {
        await using var sink = ClickHouseRowSink.Start(target, SinkHarness.Options(spool));
        Assert.True(sink.Status.Spooled > 0); // the spool left by the killed writer is delivered first
        Assert.True(await sink.DrainAsync(TimeSpan.FromMinutes(3)));
        Assert.Equal(0, sink.Status.Poisoned);
        Assert.Empty(Directory.EnumerateFiles(spool, "seg-*"));
    }

    // Runs the writer in a child process and SIGKILLs it once killWhen holds; returns how many rows it had made durable.
    private async Task<int> RunChildAndKill(ClickHouseTarget target, string spool, string fault, Func<List<string>, int, bool> killWhen)
    {
        var assembly = typeof(ChildWriter).Assembly.Location;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(assembly);
        info.Environment["DOTNET_STARTUP_HOOKS"] = assembly;
        info.Environment["PINK_CH_CHILD_WRITER"] = "1";
        info.Environment["PINK_CH_URL"] = ch.Server.Url;
        info.Environment["PINK_CH_DATABASE"] = target.Database;
        info.Environment["PINK_CH_SPOOL"] = spool;
        info.Environment["PINK_CH_TRADES"] = Trades.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["PINK_CH_FAULT"] = fault;
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
            if (line.StartsWith("DURABLE ", StringComparison.Ordinal)) durable = int.Parse(line[8..], System.Globalization.CultureInfo.InvariantCulture);
        }
        child.Kill(entireProcessTree: true); // SIGKILL: no finally blocks, no flush, no cleanup
        await child.WaitForExitAsync();
        return durable;
    }
}
