using System.Globalization;
using System.Text.Json;
using Pink.Core;

namespace Pink.Core.Bingx;

/// <summary>
/// Liberal readers for BingX JSON: decimals arrive as strings or numbers, order ids as 19-digit numbers or strings
/// (read as long, never through double), and field names vary in spelling (clientOrderID / clientOrderId, ...).
/// </summary>
internal static class Json
{
    public static JsonElement? Field(JsonElement obj, params string[] names)
    {
        if (obj.ValueKind != JsonValueKind.Object) return null;
        foreach (var name in names)
            if (obj.TryGetProperty(name, out var v) && v.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
                return v;
        return null;
    }

    public static string? Text(JsonElement obj, params string[] names) => Field(obj, names) is JsonElement v
        ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()
        : null;

    /// <summary>
    /// A decimal field, exactly as the venue wrote it (never through double), or null when absent, empty or unreadable.
    /// Trailing zeros are dropped ("0.37000000" is 0.37), so equal figures print alike wherever they came from.
    /// </summary>
    public static decimal? Number(JsonElement obj, params string[] names) => Field(obj, names) is JsonElement v ? NumberOf(v) : null;

    /// <summary>A value as a decimal figure (see <see cref="Number"/>), or null when it is none.</summary>
    public static decimal? NumberOf(JsonElement v)
    {
        decimal? read = v.ValueKind switch
        {
            JsonValueKind.Number when v.TryGetDecimal(out var d) => d,
            JsonValueKind.String when decimal.TryParse(StringOf(v), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        };
        // Beyond the kernel's bound a figure is no real one, and the adapter's own arithmetic on it (average × quantity)
        // could overflow: unreadable, like text.
        return read is decimal x && Pnl.InRange(x) ? Normal(x) : null;
    }

    /// <summary>
    /// The decimal places of a figure as the venue wrote it, trailing zeros included ("1.0500" has 4): how finely the
    /// venue rounds it. 0 when the field is absent or unreadable.
    /// </summary>
    public static int Scale(JsonElement obj, params string[] names)
    {
        if (Field(obj, names) is not JsonElement v) return 0;
        decimal? read = v.ValueKind switch
        {
            JsonValueKind.Number when v.TryGetDecimal(out var d) => d,
            JsonValueKind.String when decimal.TryParse(StringOf(v), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        };
        return read?.Scale ?? 0;
    }

    /// <summary>The same value with the least scale (no trailing zeros).</summary>
    public static decimal Normal(decimal x) => x / 1.0000000000000000000000000000m;

    /// <summary>An id field as long: from a JSON integer or an integer string; never rounded through double.</summary>
    public static long? Id(JsonElement obj, params string[] names) => Field(obj, names) is JsonElement v ? IdOf(v) : null;

    /// <summary>A value as a whole number (see <see cref="Id"/>), or null when it is none.</summary>
    public static long? IdOf(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number when v.TryGetInt64(out var l) => l,
        JsonValueKind.String when long.TryParse(StringOf(v), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
        _ => null,
    };

    // A string that cannot be decoded (a lone surrogate escape) is no number either.
    private static string? StringOf(JsonElement v)
    {
        try { return v.GetString(); }
        catch (InvalidOperationException) { return null; }
    }

    public static string Fmt(decimal x) => Normal(x).ToString(CultureInfo.InvariantCulture);
}
