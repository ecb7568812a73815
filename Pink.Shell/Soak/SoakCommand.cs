using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Pink.Shell.Runner;

namespace Pink.Shell.Soak;

/// <summary><c>pink soak --hours H [--seed N] [--quiet]</c>: random trading against the simulator's every venue behaviour.</summary>
public static class SoakCommand
{
    public const string Usage = """
        usage: pink soak --hours H [--seed N] [--state-dir DIR] [--quiet|--verbose]

        H simulated hours (one step = one simulated minute on an accelerated venue clock) of random trading against the
        in-process BingX simulator through the real live loop (REST orders, the gzip user stream, the mark stream): the
        stream merged in a seeded random order, 1-3 partial fills, a MARKET protective bound in "p", and at random
        liquidations, ADL, exchange-side stops (some filling with no order update), web-UI closes, user-stream drops
        (some mid-order), funding every 8 simulated hours; marks are a random walk. Reconciles every 5 simulated minutes
        and polls the balance at every quiet moment. Prints the counts, the unexplained reconcile errors, the worst idle
        |capital - wallet| and each closed trade's realized and fees against the venue's income records.
        Exit code 0 when there is no unexplained error, the worst idle difference is <= 0.01 and no trade is flagged.
        The same seed gives the same decisions (default seed 20261203).
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct = default)
    {
        double? hours = null;
        var seed = SoakOptions.DefaultSeed;
        var stateDir = Path.Combine(".pink", "soak");
        var console = LogLevel.Warning;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h": stdout.WriteLine(Usage); return 0;
                case "--hours" when i + 1 < args.Length && double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var h) && h > 0:
                    hours = h; i++; break;
                case "--seed" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var s):
                    seed = s; i++; break;
                case "--state-dir" when i + 1 < args.Length: stateDir = args[++i]; break;
                case "--quiet": console = LogLevel.None; break;
                case "--verbose": console = LogLevel.Information; break;
                default: stderr.WriteLine($"soak: unknown or incomplete argument '{args[i]}'"); stderr.WriteLine(Usage); return 2;
            }
        }
        if (hours is null) { stderr.WriteLine("soak: --hours H is required"); stderr.WriteLine(Usage); return 2; }

        var capture = new DiagnosticCapture();
        using var logs = Logs.Create(LogLevel.Information, capture, console);
        var result = await SoakRun.ExecuteAsync(new SoakOptions(hours.Value, seed, stateDir), logs, capture, ct);
        var report = SoakReport.Of(result);
        stdout.Write(report.Text());
        return report.Passed ? 0 : 1;
    }
}
