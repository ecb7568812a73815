using System.Globalization;
using System.Text;

namespace Pink.Shell.Venue;

/// <summary>
/// Request parameters in the order they are signed and sent: keys sorted ascending (ordinal), `signature` last.
/// The signed string carries raw values; the URL carries the same values, percent-encoded only where a raw value
/// could not travel in a query (BingX verifies over the decoded string, so both agree).
/// </summary>
public sealed class BingxParameters
{
    private readonly SortedDictionary<string, string> _values = new(StringComparer.Ordinal);

    /// <summary>Adds or replaces a parameter; null values are left out.</summary>
    public BingxParameters Set(string key, string? value)
    {
        if (value is not null) _values[key] = value;
        return this;
    }

    /// <summary>Adds a number in invariant, non-exponent form.</summary>
    public BingxParameters Set(string key, decimal? value) =>
        Set(key, value?.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds an integer.</summary>
    public BingxParameters Set(string key, long? value) => Set(key, value?.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds a flag as BingX spells it.</summary>
    public BingxParameters Set(string key, bool? value) => Set(key, value is bool b ? (b ? "true" : "false") : null);

    /// <summary>The parameters, sorted.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Items => _values.ToList();

    /// <summary>The value of one parameter, or null.</summary>
    public string? this[string key] => _values.GetValueOrDefault(key);

    /// <summary>`k=v&amp;k=v` with raw values: the string that is signed.</summary>
    public string ToSignedString() => string.Join('&', _values.Select(kv => $"{kv.Key}={kv.Value}"));

    /// <summary>The query string for the URL, with `signature` appended last when given.</summary>
    public string ToQuery(string? signature = null)
    {
        var sb = new StringBuilder();
        foreach (var (k, v) in _values)
        {
            if (sb.Length > 0) sb.Append('&');
            sb.Append(k).Append('=').Append(Encode(v));
        }
        if (signature is not null) sb.Append(sb.Length > 0 ? "&" : "").Append("signature=").Append(signature);
        return sb.ToString();
    }

    /// <summary>A copy (so a retry can re-stamp the timestamp without touching the caller's set).</summary>
    public BingxParameters Clone()
    {
        var copy = new BingxParameters();
        foreach (var (k, v) in _values) copy.Set(k, v);
        return copy;
    }

    private static string Encode(string value) =>
        value.All(IsPlain) ? value : Uri.EscapeDataString(value);

    private static bool IsPlain(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~';
}
