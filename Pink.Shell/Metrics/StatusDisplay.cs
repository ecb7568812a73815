using Microsoft.Extensions.Logging;
using Pink.Core;
using Pink.Shell.Runner;
using Spectre.Console;

namespace Pink.Shell.Metrics;

/// <summary>
/// Where the periodic status goes: a table on standard output when it is a terminal, otherwise the plain status line in
/// the log (redirected output — CI, tests, files — keeps the line exactly as it always was). The table is printed anew
/// each time rather than redrawn in place: log lines share the terminal and would tear an in-place display.
/// </summary>
public sealed class StatusDisplay(ILogger log, IAnsiConsole? terminal)
{
    /// <summary>A table on the process's console when standard output is a terminal that takes ANSI; the line otherwise.</summary>
    public static StatusDisplay ForConsole(ILogger log) =>
        new(log, !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Ansi ? AnsiConsole.Console : null);

    /// <summary>True when the status goes out as a table.</summary>
    public bool Table => terminal is not null;

    public void Show(AccountSnapshot snapshot, RunStatus status)
    {
        if (terminal is null) log.LogInformation("{Status}", StatusLine.Of(snapshot, status.RowsPending, status.Inputs));
        else terminal.Write(StatusTable.Of(status));
    }
}
