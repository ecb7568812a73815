using System.CommandLine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Pink.Shell.Commands;
using Pink.Shell.Runner;

namespace Pink.Shell.Soak;

/// <summary><c>pink soak --hours H [--seed N] [--quiet]</c>: random trading against the simulator's every venue behaviour.</summary>
public static class SoakCommand
{
    public const string Description = """
        Random trading for H simulated hours against every venue behaviour of the simulator.

        H simulated hours (one step = one simulated minute on an
        accelerated venue clock) against the in-process BingX simulator through the real live loop (REST orders, the gzip
        user stream, the mark stream): the stream merged in a seeded random order, 1-3 partial fills, a MARKET protective
        bound in "p", and at random liquidations, ADL, exchange-side stops (some filling with no order update), web-UI
        closes, user-stream drops (some mid-order), funding every 8 simulated hours; marks are a random walk. Reconciles
        every 5 simulated minutes and polls the balance at every quiet moment. Prints the counts, the unexplained
        reconcile errors, the worst idle |capital - wallet| and each closed trade's realized and fees against the venue's
        income records. The same seed gives the same decisions.
        Exit code 0 when there is no unexplained error, the worst idle difference is <= 0.01 and no trade is flagged; 1 otherwise.
        """ + "\n" + ExitCodes.Help;

    public static Command Create()
    {
        var hours = new Option<double>("--hours") { Description = "Simulated hours to trade (> 0)", HelpName = "H", Required = true }
            .Above(0, "a positive number of hours");
        var seed = new Option<int>("--seed") { Description = "Seed of the decisions", HelpName = "N", DefaultValueFactory = _ => SoakOptions.DefaultSeed };
        var stateDir = CommonOptions.StateDir(Path.Combine(".pink", "soak"));
        var command = new Command("soak", Description) { hours, seed, stateDir };
        command.SetAction(async (result, ct) =>
        {
            // The soak's console default is warnings: its report is the output; --verbose shows the loop's log.
            var console = CommonOptions.Quiet(result) ? LogLevel.None : CommonOptions.Verbose(result) ? LogLevel.Information : LogLevel.Warning;
            var capture = new DiagnosticCapture();
            using var logs = Logs.Create(LogLevel.Information, capture, console);
            var run = await SoakRun.ExecuteAsync(new SoakOptions(result.GetValue(hours), result.GetValue(seed), result.GetValue(stateDir)!), logs, capture, ct);
            var report = SoakReport.Of(run);
            result.Out().Write(report.Text());
            return report.Passed ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }
}
