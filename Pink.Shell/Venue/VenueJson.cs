using System.Globalization;
using System.Text.Json;
using Pink.Core.Bingx;

namespace Pink.Shell.Venue;

/// <summary>
/// The few reads the client itself needs from an answer (an order id, a listenKey, the server time, a mark), with the
/// adapter's liberal readers (<see cref="Json"/>): ids as long from numbers or strings, never through double. Turning
/// answers into kernel events is the adapter's job (Pink.Core.Bingx), not this file's. Total: a value (or a field name)
/// that cannot be read — a lone surrogate escape, a number beyond range — is absent, so the caller's "no such field"
/// path handles it instead of an exception escaping from a venue call.
/// </summary>
internal static class VenueJson
{
    public static JsonElement? Field(JsonElement obj, params string[] names) => Total(() => Json.Field(obj, names));

    public static long? Long(JsonElement obj, params string[] names) => Total(() => Json.Id(obj, names));

    public static string? Text(JsonElement obj, params string[] names) => Total(() => Json.Text(obj, names));

    /// <summary>A price the client hands on as decimal (the simulator and the venue check keep exchange precision).</summary>
    public static decimal? Decimal(JsonElement obj, params string[] names) => Total(() => Field(obj, names) is JsonElement v
        ? v.ValueKind switch
        {
            JsonValueKind.Number when v.TryGetDecimal(out var d) => d,
            JsonValueKind.String when decimal.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => (decimal?)d,
            _ => null,
        }
        : null);

    private static T? Total<T>(Func<T?> read)
    {
        try { return read(); }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException) { return default; }
    }
}
