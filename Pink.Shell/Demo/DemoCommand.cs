using System.CommandLine;
using Pink.Shell.Commands;
using Pink.Shell.Config;
using Pink.Shell.Replay;
using Pink.Shell.Runner;
using Pink.Shell.Venue;

namespace Pink.Shell.Demo;

/// <summary><c>pink demo</c>: the main job on embedded defaults — no keys, nothing set up by hand.</summary>
public static class DemoCommand
{
    public const string Description = """
        The main job on embedded defaults: simulator, live loop, a restart, the reconciled ledger.

        Starts the local BingX simulator on 127.0.0.1, runs the live loop against it
        through a scripted session (two entries filled in parts at a MARKET protective bound in "p", a mark move, a restart
        of the loop, the exits), persists the rows (--clickhouse, else PINK_CLICKHOUSE_URL, else a local engine on loopback,
        else files with a warning), publishes snapshots, and prints the reconciled ledger: kernel capital vs the simulator's
        wallet, each trade's realized, fees and pnl_source vs the simulator's own, and the rows per table queried back from
        the store. A ClickHouse that does not answer is not waited for: rows are spooled in DIR/spool and the demo says how
        many were delivered and how many wait (the next run on DIR delivers them, with the schema, once it answers).
        The session recording stays in DIR (default .pink/demo): `pink replay DIR/session.jsonl` reproduces the ledger.
        With --venue-url/--ws-url the script runs against an external BingX-compatible venue (e.g. `pink simulator`) with
        keys from PINK_BINGX_API_KEY / PINK_BINGX_API_SECRET; --resume keeps DIR and carries on from its checkpoint.
        Exit code 0 when the ledger agrees with the venue to the cent, 1 when it does not.
        """ + "\n" + ExitCodes.Help;

    public static Command Create(Func<string, string?> environment)
    {
        var stateDir = CommonOptions.StateDir(Path.Combine(".pink", "demo"));
        var config = CommonOptions.Config();
        var venueUrl = CommonOptions.VenueUrl("an external BingX-compatible venue");
        var wsUrl = CommonOptions.WsUrl();
        var clickhouse = CommonOptions.ClickHouse("a local engine, else files");
        var resume = new Option<bool>("--resume") { Description = "Keep the state directory and carry on from its checkpoint (after a crash)" };
        var command = new Command("demo", Description) { stateDir, config, venueUrl, wsUrl, resume, clickhouse };
        command.Validators.Add(r =>
        {
            if ((r.GetValue(venueUrl) is null) != (r.GetValue(wsUrl) is null)) r.AddError("--venue-url and --ws-url go together");
        });
        command.SetAction(async (result, ct) =>
        {
            var settings = Settings.Load("demo", result.GetValue(config), result.GetValue(clickhouse));
            var rest = result.GetValue(venueUrl);
            var venue = rest is null ? null : new BingxVenueOptions(rest, result.GetValue(wsUrl)!) with { OneWay = settings.OneWay };
            BingxCredentials? credentials = null;
            if (venue is not null && (credentials = BingxCredentials.FromEnvironment(environment)) is null)
                throw Settings.MissingKeys();

            using var logs = Logs.Create(CommonOptions.Level(result));
            var options = new DemoOptions(result.GetValue(stateDir)!, settings, venue, result.GetValue(resume), credentials);
            var run = () => DemoRun.ExecuteAsync(options, logs, ct);
            var outcome = venue is null ? await run() : await VenueFailures.Guard(venue.RestBaseUrl, run, ct);
            var stdout = result.Out();
            if (outcome.Ledger is DemoLedger ledger) stdout.Write(ledger.Table());
            else
            {
                stdout.Write(SummaryFormat.Table(Summary.Of(outcome.State, [])));
                stdout.WriteLine(outcome.Rows.Line(outcome.Store));
            }
            stdout.WriteLine($"recording: {outcome.RecordingPath}   (pink replay {outcome.RecordingPath})");
            return outcome.Ledger?.Agrees == false ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }
}
