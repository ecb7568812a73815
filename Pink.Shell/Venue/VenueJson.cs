using System.Globalization;
using System.Text.Json;

namespace Pink.Shell.Venue;

/// <summary>
/// The few reads the client itself needs from an answer (an order id, a listenKey, the server time, a mark).
/// Ids are read as long from numbers or strings, never through double. Turning answers into kernel events is the
/// adapter's job (Pink.Shell.Bingx), not this file's.
/// </summary>
internal static class VenueJson
{
    public static JsonElement? Field(JsonElement obj, params string[] names)
    {
        if (obj.ValueKind != JsonValueKind.Object) return null;
        foreach (var name in names)
            if (obj.TryGetProperty(name, out var v) && v.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
                return v;
        return null;
    }

    public static long? Long(JsonElement obj, params string[] names) => Field(obj, names) is JsonElement v
        ? v.ValueKind switch
        {
            JsonValueKind.Number when v.TryGetInt64(out var l) => l,
            JsonValueKind.String when long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
            _ => null,
        }
        : null;

    public static decimal? Decimal(JsonElement obj, params string[] names) => Field(obj, names) is JsonElement v
        ? v.ValueKind switch
        {
            JsonValueKind.Number when v.TryGetDecimal(out var d) => d,
            JsonValueKind.String when decimal.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        }
        : null;

    public static string? Text(JsonElement obj, params string[] names) => Field(obj, names) is JsonElement v
        ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()
        : null;
}
