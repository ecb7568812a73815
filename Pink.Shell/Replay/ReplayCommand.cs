using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Pink.Core;
using Pink.Shell.Commands;
using Pink.Shell.Recording;

namespace Pink.Shell.Replay;

/// <summary><c>pink replay FILE [--json]</c>: a recording in, the ledger out.</summary>
public static class ReplayCommand
{
    public const string Description = """
        Replay a session recording and print its ledger (--clickhouse: persist its rows too).

        Replays a session recording (JSON Lines: intent, rest, ws, restart records) through the BingX adapter and the
        kernel, and prints the ledger: a table, or with --json exactly the summary object of the recording contract.
        Logs and the events-per-second figure go to stderr.
        With --clickhouse the replayed rows are also persisted (idempotently: rows the store holds are recognised by
        identity and not written again): to URL, else PINK_CLICKHOUSE_URL, else a local engine (data in DIR, default .pink/replay);
        the rows stored per table are printed on stderr. A ClickHouse that does not answer at start is not waited for:
        the rows are spooled in DIR/spool and the next `replay --clickhouse` delivers them first (exit 0).
        Exit code 1 for an unreadable recording or rows a reachable store did not take within 60 s.
        """ + "\n" + ExitCodes.Help;

    public static Command Create()
    {
        var file = new Argument<string?>("FILE") { Description = "The recording (JSON Lines)", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print the summary object instead of the table" };
        var slots = new Option<int>("--slots") { Description = "Slot count of the kernel (>= 1)", HelpName = "N", DefaultValueFactory = _ => new KernelConfig().SlotCount }
            .AtLeast(1, "at least 1");
        var seedCapital = new Option<decimal?>("--seed-capital") { Description = "Capital before the first anchor", HelpName = "X" };
        var clickhouse = new Option<string?>("--clickhouse")
        {
            Description = "Also persist the rows: to URL, else PINK_CLICKHOUSE_URL, else a local engine",
            HelpName = "URL",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var stateDir = CommonOptions.StateDir(Path.Combine(".pink", "replay"));
        stateDir.Description = "Spool (and local engine) directory of --clickhouse";
        var command = new Command("replay", Description) { file, json, slots, seedCapital, clickhouse, stateDir };
        command.SetAction(result =>
        {
            var overrides = new Overrides(result.GetResult(slots) is { Implicit: false } ? result.GetValue(slots) : null, result.GetValue(seedCapital));
            var persist = result.GetResult(clickhouse) is not null;
            var (path, url) = (result.GetValue(file), result.GetValue(clickhouse));
            // The URL is optional, so `--clickhouse FILE` gives the option the file: it is the file.
            if (path is null && url is not null && !url.StartsWith("http", StringComparison.OrdinalIgnoreCase)) (path, url) = (url, null);
            if (path is null) throw new CommandFailure(ExitCodes.Usage, "name the recording: pink replay FILE");
            return Run(path, result.GetValue(json), overrides, persist ? result.GetValue(stateDir) : null, url, result.Out(), result.Err());
        });
        return command;
    }

    // persistIn: the state directory of --clickhouse; null when the rows are not persisted.
    private static int Run(string file, bool json, Overrides overrides, string? persistIn, string? clickhouse, TextWriter stdout, TextWriter stderr)
    {
        if (!File.Exists(file))
        {
            stderr.WriteLine($"replay: no such file: {file}");
            return ExitCodes.Usage;
        }
        var config = ReplayConfig.Of(RecordingReader.ReadFile(file).FirstOrDefault() as HeaderRecord, overrides, stderr);
        var session = new Session(Kernel.Initial(config));
        var clock = Stopwatch.StartNew();
        try
        {
            // Long replays show progress on stderr (by bytes read), at most once a second.
            var size = new FileInfo(file).Length;
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read);
            using var reader = new StreamReader(stream);
            var next = TimeSpan.FromSeconds(1);
            foreach (var record in RecordingReader.Read(reader))
            {
                session.Feed(record);
                if (clock.Elapsed < next) continue;
                next = clock.Elapsed + TimeSpan.FromSeconds(1);
                stderr.WriteLine($"replay: {100.0 * stream.Position / Math.Max(1, size):0}%  {session.Records} records  {session.Events / clock.Elapsed.TotalSeconds:0} events/s");
            }
        }
        catch (InvalidOperationException ex)
        {
            stderr.WriteLine($"replay: {ex.Message}");
            return 1;
        }
        clock.Stop();
        var seconds = Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
        stderr.WriteLine($"replay: {session.Records} records, {session.Events} events, {session.Restarts} restarts in {clock.Elapsed.TotalMilliseconds:0.0} ms ({session.Events / seconds:0} events/s)");
        var summary = Summary.Of(session.State, session.Effects);
        if (persistIn is not null)
        {
            var code = Persist(session, clickhouse, persistIn, stderr).GetAwaiter().GetResult();
            if (code != 0) return code;
        }
        stdout.Write(json ? SummaryFormat.Json(summary) + Environment.NewLine : SummaryFormat.Table(summary));
        return 0;
    }

    private static async Task<int> Persist(Session session, string? url, string stateDir, TextWriter stderr)
    {
        var config = Config.ConfigLoader.Load(null, Config.ConfigLoader.Environment());
        if (url is not null) config = config with { ClickHouseUrl = url };
        using var logs = Runner.Logs.Create(Microsoft.Extensions.Logging.LogLevel.Warning);
        var log = logs.CreateLogger("pink.replay");
        await using var store = await Runner.RowStore.OpenAsync(config, stateDir, log, CancellationToken.None);
        if (!store.ReachableAtStart)
        {
            // Nothing to compare identities with: the rows wait in the spool, and the next run delivers them first.
            foreach (var effect in session.Effects)
                if (effect is PersistRow row) store.Sink.Write(row.Row);
            await store.Sink.FlushAsync();
            stderr.WriteLine($"replay: {store.Description} is unreachable: {store.Sink.Status.Spooled + store.Sink.Status.Pending} rows spooled in {store.SpoolDir}; the next `replay --clickhouse` delivers them first");
            return 0;
        }
        // Replaying the same recording again stores nothing twice: rows the store holds are recognised by identity.
        var held = await Runner.StoredRows.ProbeAsync(store, 0, CancellationToken.None);
        var skipped = 0;
        foreach (var effect in session.Effects)
            if (effect is PersistRow r)
            {
                if (held(r.Row)) skipped++;
                else store.Sink.Write(r.Row);
            }
        if (skipped > 0) stderr.WriteLine($"replay: {skipped} rows already stored (same identity) were not written again");
        if (!await store.Sink.DrainAsync(TimeSpan.FromSeconds(60)))
        {
            stderr.WriteLine($"replay: the store has not taken every row ({store.Sink.Status}); they stay spooled in {store.SpoolDir}");
            return 1;
        }
        var counts = await store.CountAsync(CancellationToken.None);
        stderr.WriteLine($"replay: rows stored in {store.Description}: " + string.Join("  ", counts.Select(c => $"{c.Key} {c.Value}")));
        return 0;
    }
}
