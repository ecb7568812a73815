using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Pink.Shell.Config;
using Pink.Shell.Metrics;
using Pink.Shell.Venue;

namespace Pink.Shell.Runner;

/// <summary><c>pink live</c>: the loop against BingX (live or VST) with keys from the environment.</summary>
public static class LiveCommand
{
    public const string Usage = """
        usage: pink live --venue bingx|bingx-vst --symbols FET-USDT[,BTC-USDT...] [--state-dir DIR] [--config FILE]

        Runs the live loop against BingX: restores the checkpoint in DIR (default PINK_STATE_DIR, else the config's state_directory, else .pink/live), reconciles with the
        exchange (balance, positions, working orders), then applies the user stream and the marks of --symbols.
        Intents come from the embedding policy as JSON lines on standard input, e.g.
          {"op":"open","slot":0,"symbol":"FET-USDT","side":"SHORT","qty":100,"leverage":3,"client_order_id":"pk-0-1"}
          {"op":"close","slot":0,"client_order_id":"pk-0-2"}
        Keys come only from PINK_BINGX_API_KEY and PINK_BINGX_API_SECRET. Ctrl-C or SIGTERM drains and checkpoints.
        A status line goes to stderr every 10 s; every input is recorded in DIR/session.jsonl.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? venueName = null, configPath = null;
        string? stateDir = null;
        var symbols = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h": stdout.WriteLine(Usage); return 0;
                case "--venue" when i + 1 < args.Length: venueName = args[++i]; break;
                case "--symbols" when i + 1 < args.Length: symbols.AddRange(args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries)); break;
                case "--state-dir" when i + 1 < args.Length: stateDir = args[++i]; break;
                case "--config" when i + 1 < args.Length: configPath = args[++i]; break;
                case "--quiet" or "--verbose": break;
                default: stderr.WriteLine($"live: unknown argument '{args[i]}'"); stderr.WriteLine(Usage); return 2;
            }
        }
        if (venueName is not ("bingx" or "bingx-vst")) { stderr.WriteLine("live: --venue bingx|bingx-vst is required"); return 2; }
        if (symbols.Count == 0) { stderr.WriteLine("live: --symbols is required (the marks to follow)"); return 2; }
        if (BingxCredentials.FromEnvironment() is not BingxCredentials credentials)
        {
            stderr.WriteLine($"live: set {BingxCredentials.ApiKeyVariable} and {BingxCredentials.ApiSecretVariable} (keys are read from the environment only)");
            return 2;
        }
        PinkConfig config;
        try { config = ConfigLoader.Load(configPath, ConfigLoader.Environment()); }
        catch (ConfigException ex) { stderr.WriteLine($"live: {ex.Message}"); return 2; }
        stateDir = StateDirectory.Resolve(stateDir, config, StateDirectory.LiveDefault);
        foreach (var (kind, name, refusal) in config.WriteTargets())
            if (refusal is not null) { stderr.WriteLine($"live: refusing to run: {kind} {name}: {refusal}"); return 2; }

        using var logs = Logs.Create(Logs.LevelFrom(args));
        var log = logs.CreateLogger("pink.live");
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });

        await using var store = await RowStore.OpenAsync(config, stateDir, log, stop.Token);
        await using var publisher = SnapshotPublishers.Open(config, logs.CreateLogger("pink.publish"));
        var watch = new RunProbe();
        using var metrics = MetricsExport.Start(config.Metrics, watch, log);
        await using var session = await LiveSession.StartAsync(BingxVenueOptions.FromName(venueName) with { OneWay = config.OneWay }, credentials,
            new RunOptions(stateDir, config.Kernel, ReconcileInterval: TimeSpan.FromSeconds(config.ReconcileIntervalSeconds)), store.Sink, publisher, symbols, logs, stop.Token,
            (from, ct) => StoredRows.ProbeAsync(store, from, ct));
        watch.Attach(session.Loop, store.Sink, store.SpoolDirectory);
        var status = StatusDisplay.ForConsole(log);
        log.LogInformation("live on {Venue}: intents as JSON lines on stdin; Ctrl-C to stop", venueName);
        var intents = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested && await Console.In.ReadLineAsync(stop.Token) is string line)
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                if (session.IntendLine(line) is string refused) log.LogError("intent refused ({Reason}): {Line}", refused, line);
            }
        });
        while (!stop.IsCancellationRequested)
        {
            try { await Task.Delay(TimeSpan.FromSeconds(10), stop.Token); }
            catch (OperationCanceledException) { break; }
            if (watch.Take() is { } now) status.Show(now.Snapshot, now.Status);
        }
        log.LogInformation("stopping: draining inputs, flushing rows, checkpointing");
        await session.StopAsync();
        return 0;
    }
}
