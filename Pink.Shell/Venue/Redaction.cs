using System.Text.RegularExpressions;

namespace Pink.Shell.Venue;

/// <summary>
/// Scrubs what must not reach a log line: the `signature` (derived from the secret) and any api key or listenKey
/// in a URL or query string.
/// </summary>
public static partial class Redaction
{
    [GeneratedRegex(@"(?<name>signature|apiKey|api_key|X-BX-APIKEY|listenKey)=(?<value>[^&\s""]*)", RegexOptions.IgnoreCase)]
    private static partial Regex Sensitive();

    // A listenKey as a JSON member ("listenKey":"…"), its value with any escapes.
    [GeneratedRegex(@"(?<name>""listenKey""\s*:\s*"")(?<value>(?:[^""\\]|\\.)*)""", RegexOptions.IgnoreCase)]
    private static partial Regex ListenKeyMember();

    /// <summary>The text with every sensitive value replaced by `***` (listenKeys keep their first 4 characters).</summary>
    public static string Scrub(string text) => Sensitive().Replace(text, m =>
    {
        var name = m.Groups["name"].Value;
        var value = m.Groups["value"].Value;
        return $"{name}={(name.Equals("listenKey", StringComparison.OrdinalIgnoreCase) ? ListenKey(value) : "***")}";
    });

    /// <summary>
    /// JSON text with every listenKey member's value redacted like in logs (its first 4 characters kept, enough to tell
    /// keys apart): recordings are meant to be shared, and a live key opens the account's private stream.
    /// </summary>
    public static string ScrubJson(string json) => ListenKeyMember().Replace(json, m => m.Groups["name"].Value + ListenKey(m.Groups["value"].Value) + "\"");

    private static string ListenKey(string value) => value.Length > 8 ? value[..4] + "…" : "***";
}
