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

    /// <summary>The text with every sensitive value replaced by `***` (listenKeys keep their first 4 characters).</summary>
    public static string Scrub(string text) => Sensitive().Replace(text, m =>
    {
        var name = m.Groups["name"].Value;
        var value = m.Groups["value"].Value;
        var kept = name.Equals("listenKey", StringComparison.OrdinalIgnoreCase) && value.Length > 8 ? value[..4] + "…" : "***";
        return $"{name}={kept}";
    });
}
