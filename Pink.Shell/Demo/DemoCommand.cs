using Pink.Shell.Config;
using Pink.Shell.Replay;
using Pink.Shell.Runner;
using Pink.Shell.Venue;

namespace Pink.Shell.Demo;

/// <summary><c>pink demo</c>: the main job on embedded defaults — no keys, nothing set up by hand.</summary>
public static class DemoCommand
{
    public const string Usage = """
        usage: pink demo [--state-dir DIR] [--config FILE] [--quiet|--verbose]
               pink demo --venue-url URL --ws-url URL [--resume] [--state-dir DIR]   (an external BingX-compatible venue)

        Starts the local BingX simulator on 127.0.0.1, runs the live loop against it through a scripted session
        (two entries filled in parts at a MARKET protective bound in "p", a mark move, a restart of the loop, the
        exits), persists the rows (the configured ClickHouse, else a local engine on loopback, else files with a
        warning), publishes snapshots, and prints the reconciled ledger: kernel capital vs the simulator's wallet, each
        trade's realized, fees and pnl_source vs the simulator's own, and the rows per table queried back from the store.
        Exit code 0 when the ledger agrees with the venue to the cent, 1 when it does not.
        The session recording stays in DIR (default .pink/demo): `pink replay DIR/session.jsonl` reproduces the ledger.
        With --resume the state directory is kept and the script carries on from the checkpoint (after a crash).
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct = default)
    {
        var stateDir = Path.Combine(".pink", "demo");
        string? configPath = null, restUrl = null, wsUrl = null;
        var resume = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h": stdout.WriteLine(Usage); return 0;
                case "--state-dir" when i + 1 < args.Length: stateDir = args[++i]; break;
                case "--config" when i + 1 < args.Length: configPath = args[++i]; break;
                case "--venue-url" when i + 1 < args.Length: restUrl = args[++i]; break;
                case "--ws-url" when i + 1 < args.Length: wsUrl = args[++i]; break;
                case "--resume": resume = true; break;
                case "--quiet" or "--verbose": break;
                default: stderr.WriteLine($"demo: unknown argument '{args[i]}'"); stderr.WriteLine(Usage); return 2;
            }
        }
        if ((restUrl is null) != (wsUrl is null)) { stderr.WriteLine("demo: --venue-url and --ws-url go together"); return 2; }
        PinkConfig config;
        try { config = ConfigLoader.Load(configPath, ConfigLoader.Environment()); }
        catch (ConfigException ex) { stderr.WriteLine($"demo: {ex.Message}"); return 2; }
        foreach (var (kind, name, refusal) in config.WriteTargets())
            if (refusal is not null) { stderr.WriteLine($"demo: refusing to run: {kind} {name}: {refusal}"); return 2; }

        using var logs = Logs.Create(Logs.LevelFrom(args));
        var venue = restUrl is null ? null : new BingxVenueOptions(new Uri(restUrl), new Uri(wsUrl!));
        var result = await DemoRun.ExecuteAsync(new DemoOptions(stateDir, config, venue, resume), logs, ct);
        if (result.Ledger is DemoLedger ledger) stdout.Write(ledger.Table());
        else
        {
            stdout.Write(SummaryFormat.Table(Summary.Of(result.State, [])));
            stdout.WriteLine($"rows stored ({result.Store}): " + string.Join("  ", result.StoredRows.Select(r => $"{r.Key} {r.Value}")));
        }
        stdout.WriteLine($"recording: {result.RecordingPath}   (pink replay {result.RecordingPath})");
        return result.Ledger?.Agrees == false ? 1 : 0;
    }
}
