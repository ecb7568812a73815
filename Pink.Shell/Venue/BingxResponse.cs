using System.Text.Json;

namespace Pink.Shell.Venue;

/// <summary>A successful answer: the raw body exactly as received and its parsed `data` (or the whole body when bare).</summary>
/// <param name="Exchange">The request and response, as the recorder stores them.</param>
/// <param name="Data">`data` of the envelope; for bare bodies (listenKey) the body itself.</param>
public sealed record BingxResponse(RestExchange Exchange, JsonElement Data)
{
    /// <summary>The raw body.</summary>
    public string Raw => Exchange.Response;
}

/// <summary>
/// One REST exchange as it happened: method, path, the request parameters (the signature left out) and the raw
/// response body. This is what the recorder writes as a `rest` record and what the adapter reads.
/// </summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path without query.</param>
/// <param name="Params">Request parameters as sent, without `signature`.</param>
/// <param name="HttpStatus">HTTP status (0 when no response arrived).</param>
/// <param name="Response">Raw response body ("" when none).</param>
/// <param name="ReceivedMs">Local receive time, epoch ms.</param>
public sealed record RestExchange(string Method, string Path, IReadOnlyList<KeyValuePair<string, string>> Params,
    int HttpStatus, string Response, long ReceivedMs)
{
    /// <summary>The parameters as a JSON object (the shape the adapter and the recording take).</summary>
    public JsonElement ParamsJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var (k, v) in Params) writer.WriteString(k, v);
            writer.WriteEndObject();
        }
        return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
    }

    /// <summary>The response parsed, or null when it is not JSON.</summary>
    public JsonElement? ResponseJson()
    {
        try { return JsonDocument.Parse(Response).RootElement.Clone(); }
        catch (Exception ex) when (ex is JsonException or ArgumentException) { return null; }
    }
}
