using System.Text.Json.Nodes;

namespace Pink.Core;

/// <summary>
/// Version 1 documents (the kernel's records serialised with the serializer's defaults, numbers written from doubles)
/// into the version 2 model. Version 1 wrote the same fields under the same names; what differs is the shape of the
/// maps (arrays of {"key","value"} pairs; version 2 writes objects keyed by id) and two fields early version 1 builds
/// did not have yet. The result is read by the same strict reader as a version 2 document, so a field missing from a
/// version 1 document — a trade's settled_realized above all — is refused exactly as in version 2, never defaulted.
/// </summary>
internal static class V1Converter
{
    /// <summary>The version 2 form of a version 1 document's "state" (converted in place).</summary>
    public static JsonNode ToV2(JsonNode state)
    {
        if (state is not JsonObject s) return state; // the strict reader reports it
        foreach (var name in new[] { "trades", "orders", "venue_orders", "marks" })
            if (s[name] is JsonArray pairs) s[name] = Keyed(pairs, name);
        // Instrument rules came with exact quantities: a version 1 document knew none (nothing was checked).
        if (s["config"] is JsonObject config && !config.ContainsKey("instruments")) config["instruments"] = new JsonObject();
        if (s["account"] is JsonObject account)
        {
            // Funding flows came after the first version 1 builds: a document without them predates funding
            // tracking, so none was pending.
            if (!account.ContainsKey("funding_flows")) account["funding_flows"] = new JsonArray();
            if (account["ahead"] is JsonArray ahead)
                foreach (var lead in ahead.OfType<JsonObject>())
                    // Likewise a lead's wallet_delta: without it the builds that wrote it took leads out pro rata (null).
                    if (!lead.ContainsKey("wallet_delta")) lead["wallet_delta"] = null;
        }
        return s;
    }

    private static JsonObject Keyed(JsonArray pairs, string name)
    {
        var keyed = new JsonObject();
        for (var i = 0; i < pairs.Count; i++)
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"{name}[{i}]");
            if (pairs[i] is not JsonObject pair) throw new DocumentError(string.Create(CultureInfo.InvariantCulture, $"{at} has the wrong type: expected a {{\"key\",\"value\"}} pair"));
            if (pair.Count != 2 || !pair.ContainsKey("value")) throw new DocumentError(string.Create(CultureInfo.InvariantCulture, $"{at}.value is missing or the pair has other fields"));
            var key = pair["key"] switch
            {
                JsonValue v when v.TryGetValue<string>(out var text) => text,
                JsonValue v when v.TryGetValue<long>(out var number) => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => throw new DocumentError(string.Create(CultureInfo.InvariantCulture, $"{at}.key is missing or not an id")),
            };
            if (keyed.ContainsKey(key)) throw new DocumentError(string.Create(CultureInfo.InvariantCulture, $"{name}[\"{key}\"] appears twice"));
            var value = pair["value"];
            pair.Remove("value");
            keyed[key] = value;
        }
        return keyed;
    }
}
