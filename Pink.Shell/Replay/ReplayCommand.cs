using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Pink.Core;
using Pink.Shell.Recording;

namespace Pink.Shell.Replay;

/// <summary><c>pink replay FILE [--json]</c>: a recording in, the ledger out.</summary>
public static class ReplayCommand
{
    public const string Usage = """
        usage: pink replay FILE [--json] [--slots N] [--seed-capital X] [--clickhouse [URL]]

        Replays a session recording (JSON Lines: intent, rest, ws, restart records) through the BingX adapter and the
        kernel, and prints the ledger: a table, or with --json exactly the summary object of the recording contract.
        Logs and the events-per-second figure go to stderr.
        With --clickhouse the replayed rows are also persisted: to URL, else PINK_CLICKHOUSE_URL, else a local engine
        (data in .pink/replay); the rows stored per table are printed on stderr.
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? file = null;
        var json = false;
        var persist = false;
        string? clickhouse = null;
        var config = new KernelConfig();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json": json = true; break;
                case "--clickhouse":
                    persist = true;
                    if (i + 1 < args.Length && args[i + 1].StartsWith("http", StringComparison.Ordinal)) clickhouse = args[++i];
                    break;
                case "--help" or "-h": stdout.WriteLine(Usage); return 0;
                case "--slots" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n > 0:
                    config = config with { SlotCount = n }; i++; break;
                case "--seed-capital" when i + 1 < args.Length && decimal.TryParse(args[i + 1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var c):
                    config = config with { SeedCapital = c }; i++; break;
                case var a when a.StartsWith('-'):
                    stderr.WriteLine($"replay: unknown or incomplete option '{a}'");
                    stderr.WriteLine(Usage);
                    return 2;
                default: file ??= args[i]; break;
            }
        }
        if (file is null)
        {
            stderr.WriteLine(Usage);
            return 2;
        }
        if (!File.Exists(file))
        {
            stderr.WriteLine($"replay: no such file: {file}");
            return 2;
        }
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
        if (persist)
        {
            var code = Persist(session, clickhouse, stderr).GetAwaiter().GetResult();
            if (code != 0) return code;
        }
        stdout.Write(json ? SummaryFormat.Json(summary) + Environment.NewLine : SummaryFormat.Table(summary));
        return 0;
    }

    private static async Task<int> Persist(Session session, string? url, TextWriter stderr)
    {
        var config = Config.ConfigLoader.Load(null, Config.ConfigLoader.Environment());
        if (url is not null) config = config with { ClickHouseUrl = url };
        using var logs = Runner.Logs.Create(Microsoft.Extensions.Logging.LogLevel.Warning);
        var log = logs.CreateLogger("pink.replay");
        await using var store = await Runner.RowStore.OpenAsync(config, Path.Combine(".pink", "replay"), log, CancellationToken.None);
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
            stderr.WriteLine($"replay: the store has not taken every row ({store.Sink.Status}); they stay spooled in .pink/replay/spool");
            return 1;
        }
        var counts = await store.CountAsync(CancellationToken.None);
        stderr.WriteLine($"replay: rows stored in {store.Description}: " + string.Join("  ", counts.Select(c => $"{c.Key} {c.Value}")));
        return 0;
    }
}
