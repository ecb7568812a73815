using System.Net;

namespace Pink.Shell.Simulator.Http;

/// <summary>
/// A REST request as the venue sees it: parameters decoded but kept in the order sent (the signature is verified over
/// that exact string), the signature and the API key header apart.
/// </summary>
internal sealed record SimRequest(string Method, string Path, IReadOnlyList<KeyValuePair<string, string>> Params, string? Signature, string? ApiKey)
{
    public string? this[string key] => Params.LastOrDefault(kv => kv.Key == key).Value;

    /// <summary>`k=v&amp;k=v` of every parameter but the signature, in the order received, values decoded.</summary>
    public string SignedString => string.Join('&', Params.Select(kv => $"{kv.Key}={kv.Value}"));

    public static async Task<SimRequest> ReadAsync(HttpListenerRequest request)
    {
        var raw = request.RawUrl ?? "/";
        var q = raw.IndexOf('?');
        var path = q < 0 ? raw : raw[..q];
        var pairs = Split(q < 0 ? "" : raw[(q + 1)..]).ToList();
        if (request.HasEntityBody)
        {
            using var reader = new StreamReader(request.InputStream, request.ContentEncoding);
            var body = await reader.ReadToEndAsync().ConfigureAwait(false);
            if (!body.TrimStart().StartsWith('{')) pairs.AddRange(Split(body.Trim()));
        }
        var signature = pairs.LastOrDefault(kv => kv.Key == "signature").Value;
        var rest = pairs.Where(kv => kv.Key != "signature").ToList();
        return new SimRequest(request.HttpMethod.ToUpperInvariant(), path, rest, signature, request.Headers["X-BX-APIKEY"]);
    }

    private static IEnumerable<KeyValuePair<string, string>> Split(string query)
    {
        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var key = Uri.UnescapeDataString(eq < 0 ? part : part[..eq]);
            var value = eq < 0 ? "" : Uri.UnescapeDataString(part[(eq + 1)..]);
            yield return new(key, value);
        }
    }
}
