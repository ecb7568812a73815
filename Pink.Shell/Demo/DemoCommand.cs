using Microsoft.Extensions.Logging;
using Pink.Core;
using Pink.Shell.Config;
using Pink.Shell.Runner;
using Pink.Shell.Simulator;
using Pink.Shell.Venue;

namespace Pink.Shell.Demo;

/// <summary><c>pink demo</c>: the main job on embedded defaults — no keys, nothing set up by hand.</summary>
public static class DemoCommand
{
    public const string Usage = """
        usage: pink demo [--state-dir DIR] [--config FILE] [--quiet|--verbose]

        Starts the local BingX simulator on 127.0.0.1, runs the live loop against it through a scripted session
        (two entries filled in parts at a MARKET protective bound in "p", a mark move, a restart of the loop, the
        exits), persists the rows, publishes snapshots, and prints the reconciled ledger: kernel capital vs the
        simulator's wallet, each trade's realized, fees and pnl_source vs the simulator's own, rows per table.
        Exit code 0 when the ledger agrees with the venue to the cent, 1 when it does not.
        The session recording is left in DIR (default .pink/demo) for `pink replay DIR/session.jsonl`.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct = default)
    {
        var stateDir = Path.Combine(".pink", "demo");
        string? configPath = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h": stdout.WriteLine(Usage); return 0;
                case "--state-dir" when i + 1 < args.Length: stateDir = args[++i]; break;
                case "--config" when i + 1 < args.Length: configPath = args[++i]; break;
                case "--quiet" or "--verbose": break;
                default: stderr.WriteLine($"demo: unknown argument '{args[i]}'"); stderr.WriteLine(Usage); return 2;
            }
        }
        PinkConfig config;
        try { config = ConfigLoader.Load(configPath, ConfigLoader.Environment()); }
        catch (ConfigException ex) { stderr.WriteLine($"demo: {ex.Message}"); return 2; }
        foreach (var (kind, name, refusal) in config.WriteTargets())
            if (refusal is not null) { stderr.WriteLine($"demo: refusing to run: {kind} {name}: {refusal}"); return 2; }

        using var logs = Logs.Create(Logs.LevelFrom(args));
        var log = logs.CreateLogger("pink.demo");
        if (Directory.Exists(stateDir)) Directory.Delete(stateDir, recursive: true);
        var run = new RunOptions(stateDir, config.Kernel with { SeedCapital = 0 });

        await using var sim = await BingxSimulator.StartAsync(new SimulatorOptions(InitialWallet: 50_000m));
        DemoScript.Prepare(sim);
        log.LogInformation("demo: simulator on {Url}; state, recording and checkpoint in {Dir}", sim.RestBaseUrl, Path.GetFullPath(stateDir));
        var venue = new BingxVenueOptions(sim.RestBaseUrl, sim.WsUrl);
        // The simulator's own demo credentials: not secrets, nothing real can be reached with them.
        var credentials = new BingxCredentials(sim.Options.ApiKey, sim.Options.ApiSecret);
        var counted = new MemoryRowWriter();
        var outlet = new LatestSnapshotOutlet();
        var rows = new TeeRowWriter(counted);
        var store = "memory";

        var diagnostics = 0;
        await using (var first = await LiveSession.StartAsync(venue, credentials, run, rows, outlet, DemoScript.Symbols, logs, ct))
        {
            await DemoScript.EntriesAsync(first, sim, log, ct);
            log.LogInformation("demo: restarting the loop (checkpoint, stop, restore, reconcile)");
            await first.StopAsync();
            diagnostics += first.Loop.Diagnostics;
        }
        await using (var second = await LiveSession.StartAsync(venue, credentials, run, rows, outlet, DemoScript.Symbols, logs, ct))
        {
            if (!second.Loop.Restored) throw new InvalidOperationException("demo: the restarted loop did not resume from its checkpoint");
            await DemoScript.ExitsAsync(second, sim, log, ct);
            await second.StopAsync();
            diagnostics += second.Loop.Diagnostics;
            var ledger = DemoLedger.Of(second.Loop.State, sim, counted.Counts(), store, diagnostics);
            stdout.Write(ledger.Table());
            stdout.WriteLine($"recording: {Path.Combine(stateDir, "session.jsonl")}   (pink replay {Path.Combine(stateDir, "session.jsonl")})");
            return ledger.Agrees ? 0 : 1;
        }
    }
}
