using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Pink.Shell.Runner;

/// <summary>Structured console logs on stderr (stdout is for results: ledgers, summaries).</summary>
public static class Logs
{
    /// <param name="minimum">The least level logged at all.</param>
    /// <param name="also">A provider that sees every line too (e.g. a capture), whatever the console shows.</param>
    /// <param name="console">The least level the console shows (default: <paramref name="minimum"/>).</param>
    public static ILoggerFactory Create(LogLevel minimum = LogLevel.Information, ILoggerProvider? also = null, LogLevel? console = null) =>
        LoggerFactory.Create(builder => (also is null ? builder : builder.AddProvider(also))
            .SetMinimumLevel(minimum)
            .AddFilter<ConsoleLoggerProvider>(level => level >= (console ?? minimum))
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
                o.UseUtcTimestamp = true;
                o.ColorBehavior = LoggerColorBehavior.Disabled;
            })
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
}
