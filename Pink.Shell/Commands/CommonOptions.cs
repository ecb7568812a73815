using System.CommandLine;
using System.CommandLine.Parsing;
using Microsoft.Extensions.Logging;

namespace Pink.Shell.Commands;

/// <summary>
/// Options several commands share, built fresh for each parse (an option belongs to the tree it was added to), so that
/// the same name means the same thing everywhere: --state-dir DIR, --config FILE, --venue-url/--ws-url URL,
/// --clickhouse URL, --verbose/--quiet.
/// </summary>
public static class CommonOptions
{
    public const string VerboseName = "--verbose";
    public const string QuietName = "--quiet";

    /// <summary>--verbose and --quiet, on the root and inherited by every command.</summary>
    public static IEnumerable<Option> Logging() =>
    [
        new Option<bool>(VerboseName, "-v") { Description = "Log more (debug level)", Recursive = true },
        new Option<bool>(QuietName, "-q") { Description = "Log warnings and errors only", Recursive = true },
    ];

    /// <summary>The log level --verbose / --quiet ask for (information by default).</summary>
    public static LogLevel Level(ParseResult result) =>
        result.GetValue<bool>(QuietName) ? LogLevel.Warning : result.GetValue<bool>(VerboseName) ? LogLevel.Debug : LogLevel.Information;

    public static bool Verbose(ParseResult result) => result.GetValue<bool>(VerboseName);

    public static bool Quiet(ParseResult result) => result.GetValue<bool>(QuietName);

    /// <summary>--state-dir; without a fallback it has no default (the command resolves PINK_STATE_DIR and the config).</summary>
    public static Option<string?> StateDir(string? fallback)
    {
        var option = new Option<string?>("--state-dir") { Description = "Checkpoint, recording and spool directory", HelpName = "DIR" };
        if (fallback is not null) option.DefaultValueFactory = _ => fallback;
        return option;
    }

    public static Option<string?> Config() => new("--config")
    {
        Description = "JSON configuration file, overlaid by PINK_* environment variables",
        HelpName = "FILE",
    };

    public static Option<Uri?> VenueUrl(string what) => new("--venue-url")
    {
        Description = $"REST base URL of {what}, e.g. http://127.0.0.1:18080 (from `pink simulator`)",
        HelpName = "URL",
        CustomParser = AbsoluteUri,
    };

    public static Option<Uri?> WsUrl() => new("--ws-url")
    {
        Description = "WebSocket URL of the same venue's streams, e.g. ws://127.0.0.1:18080/swap-market",
        HelpName = "URL",
        CustomParser = AbsoluteUri,
    };

    public static Option<string?> ClickHouse(string fallback) => new("--clickhouse")
    {
        Description = $"ClickHouse HTTP URL for the rows (overrides PINK_CLICKHOUSE_URL; without either: {fallback})",
        HelpName = "URL",
    };

    /// <summary>Refuses values below <paramref name="minimum"/> with a message that names the option and the range.</summary>
    public static Option<T> AtLeast<T>(this Option<T> option, T minimum, string range) where T : IComparable<T>
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<T>() is { } value && value.CompareTo(minimum) < 0)
                result.AddError($"{option.Name} must be {range} (got {value})");
        });
        return option;
    }

    /// <summary>Refuses values that are not above <paramref name="bound"/>.</summary>
    public static Option<T> Above<T>(this Option<T> option, T bound, string range) where T : IComparable<T>
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<T>() is { } value && value.CompareTo(bound) <= 0)
                result.AddError($"{option.Name} must be {range} (got {value})");
        });
        return option;
    }

    /// <summary>The writer the invocation prints results to.</summary>
    public static TextWriter Out(this ParseResult result) => result.InvocationConfiguration.Output;

    /// <summary>The writer the invocation prints diagnostics to.</summary>
    public static TextWriter Err(this ParseResult result) => result.InvocationConfiguration.Error;

    private static Uri? AbsoluteUri(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri)) return uri;
        result.AddError($"'{text}' is not an absolute URL");
        return null;
    }
}
