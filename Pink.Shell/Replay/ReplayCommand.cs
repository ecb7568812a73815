using System.Diagnostics;
using Pink.Core;
using Pink.Shell.Recording;

namespace Pink.Shell.Replay;

/// <summary><c>pink replay FILE [--json]</c>: a recording in, the ledger out.</summary>
public static class ReplayCommand
{
    public const string Usage = """
        usage: pink replay FILE [--json] [--slots N] [--seed-capital X]

        Replays a session recording (JSON Lines: intent, rest, ws, restart records) through the BingX adapter and the
        kernel, and prints the ledger: a table, or with --json exactly the summary object of the recording contract.
        Logs and the events-per-second figure go to stderr.
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? file = null;
        var json = false;
        var config = new KernelConfig();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json": json = true; break;
                case "--help" or "-h": stdout.WriteLine(Usage); return 0;
                case "--slots" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n > 0:
                    config = config with { SlotCount = n }; i++; break;
                case "--seed-capital" when i + 1 < args.Length && double.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out var c):
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
            foreach (var record in RecordingReader.ReadFile(file)) session.Feed(record);
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
        stdout.Write(json ? SummaryFormat.Json(summary) + Environment.NewLine : SummaryFormat.Table(summary));
        return 0;
    }
}
