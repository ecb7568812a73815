using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Pink.Shell.Runner;

/// <summary>Structured console logs on stderr (stdout is for results: ledgers, summaries).</summary>
public static class Logs
{
    public static ILoggerFactory Create(LogLevel minimum = LogLevel.Information) =>
        LoggerFactory.Create(builder => builder
            .SetMinimumLevel(minimum)
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
                o.UseUtcTimestamp = true;
                o.ColorBehavior = LoggerColorBehavior.Disabled;
            })
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));

    public static LogLevel LevelFrom(IReadOnlyList<string> args) =>
        args.Contains("--quiet") ? LogLevel.Warning : args.Contains("--verbose") ? LogLevel.Debug : LogLevel.Information;
}
