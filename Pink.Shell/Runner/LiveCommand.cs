using System.CommandLine;
using Microsoft.Extensions.Logging;
using Pink.Shell.Commands;
using Pink.Shell.Config;
using Pink.Shell.Metrics;
using Pink.Shell.Venue;

namespace Pink.Shell.Runner;

/// <summary><c>pink live</c>: the loop against BingX (live or VST) with keys from the environment.</summary>
public static class LiveCommand
{
    public const string Description = """
        The live loop against BingX or a compatible venue; intents as JSON lines on stdin.

        The loop against BingX: restores the checkpoint in DIR (--state-dir, else PINK_STATE_DIR, else the config's
        state_directory, else .pink/live), reconciles with the exchange (balance,
        positions, working orders), then applies the user stream and the marks of --symbols. The venue is --venue
        bingx|bingx-vst, or --venue-url/--ws-url for a BingX-compatible one (e.g. `pink simulator`).
        Intents come from the embedding policy as JSON lines on standard input, e.g.
          {"op":"open","slot":0,"symbol":"FET-USDT","side":"SHORT","qty":100,"leverage":3,"client_order_id":"pk-0-1"}
          {"op":"close","slot":0,"client_order_id":"pk-0-2"}
        Keys come only from PINK_BINGX_API_KEY and PINK_BINGX_API_SECRET. Ctrl-C or SIGTERM drains and checkpoints.
        A status line goes to stderr every 10 s; every input is recorded in DIR/session.jsonl. A ClickHouse that does not
        answer (at start or later) is not waited for: rows are spooled in DIR/spool and delivered, after the schema
        migrations, when it answers.
        """ + "\n" + ExitCodes.Help;

    public static Command Create(Func<string, string?> environment)
    {
        var venueName = new Option<string?>("--venue") { Description = "bingx (live) or bingx-vst (the demo venue)", HelpName = "bingx|bingx-vst" };
        venueName.AcceptOnlyFromAmong("bingx", "bingx-vst");
        var venueUrl = CommonOptions.VenueUrl("a BingX-compatible venue (instead of --venue)");
        var wsUrl = CommonOptions.WsUrl();
        var symbols = new Option<string[]>("--symbols")
        {
            Description = "The marks to follow, comma-separated (FET-USDT,BTC-USDT)",
            HelpName = "SYMBOL[,SYMBOL...]",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
            CustomParser = r => [.. r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
        };
        var stateDir = CommonOptions.StateDir(null);
        var config = CommonOptions.Config();
        var clickhouse = CommonOptions.ClickHouse("a local engine, else files");
        var command = new Command("live", Description) { venueName, venueUrl, wsUrl, symbols, stateDir, config, clickhouse };
        command.Validators.Add(r =>
        {
            var named = r.GetValue(venueName) is not null;
            var urls = (r.GetValue(venueUrl) is not null, r.GetValue(wsUrl) is not null);
            if (urls.Item1 != urls.Item2) r.AddError("--venue-url and --ws-url go together");
            else if (named == urls.Item1) r.AddError("name the venue: --venue bingx|bingx-vst, or --venue-url URL --ws-url URL");
        });
        command.SetAction(async (result, ct) =>
        {
            var settings = Settings.Load("live", result.GetValue(config), result.GetValue(clickhouse));
            var venue = (result.GetValue(venueName) is string name
                ? BingxVenueOptions.FromName(name == "bingx" ? "live" : "vst")
                : new BingxVenueOptions(result.GetValue(venueUrl)!, result.GetValue(wsUrl)!)) with { OneWay = settings.OneWay };
            var credentials = BingxCredentials.FromEnvironment(environment) ?? throw Settings.MissingKeys();
            var dir = StateDirectory.Resolve(result.GetValue(stateDir), settings, StateDirectory.LiveDefault);

            using var logs = Logs.Create(CommonOptions.Level(result));
            var log = logs.CreateLogger("pink.live");
            using var shutdown = new Shutdown(ct);
            var stop = shutdown.Token;

            await using var store = await RowStore.OpenAsync(settings, dir, log, stop);
            await using var publisher = SnapshotPublishers.Open(settings, logs.CreateLogger("pink.publish"));
            var watch = new RunProbe();
            using var metrics = MetricsExport.Start(settings.Metrics, watch, log);
            await using var session = await VenueFailures.Guard(venue.RestBaseUrl, () => LiveSession.StartAsync(venue, credentials,
                new RunOptions(dir, settings.Kernel, ReconcileInterval: TimeSpan.FromSeconds(settings.ReconcileIntervalSeconds)), store.Sink, publisher,
                result.GetValue(symbols)!, logs, stop, (from, token) => StoredRows.ProbeAsync(store, from, token)), stop);
            watch.Attach(session.Loop, store.Sink, store.SpoolDir);
            var status = StatusDisplay.ForConsole(log);
            log.LogInformation("live on {Venue}: intents as JSON lines on stdin; Ctrl-C to stop", venue.RestBaseUrl);
            _ = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested && await Console.In.ReadLineAsync(stop) is string line)
                {
                    if (string.IsNullOrWhiteSpace(line)) continue;
                    if (session.IntendLine(line) is string refused) log.LogError("intent refused ({Reason}): {Line}", refused, line);
                }
            }, CancellationToken.None);
            while (!stop.IsCancellationRequested)
            {
                try { await Task.Delay(TimeSpan.FromSeconds(10), stop); }
                catch (OperationCanceledException) { break; }
                if (watch.Take() is { } now) status.Show(now.Snapshot, now.Status);
            }
            log.LogInformation("stopping: draining inputs, flushing rows, checkpointing");
            await session.StopAsync();
            return ExitCodes.Ok;
        });
        return command;
    }
}
