using System.Text.Json;

namespace Pink.Shell.Venue;

/// <summary>
/// Reads `{code,msg,data}`: `code ≠ 0` is an error whatever the HTTP status; extra fields are ignored. A body without
/// `code` (the listenKey answer) is taken whole when the HTTP status is 2xx.
/// </summary>
internal static class BingxEnvelope
{
    public static JsonElement Open(string method, string path, int status, string body)
    {
        try { return Read(method, path, status, body); }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // A lone surrogate (escaped, or a character of the body itself): an unreadable answer, like one that is no JSON.
            throw new BingxApiException(method, path, 0, status, $"unreadable body: {ex.Message} ({Clip(body)})", body);
        }
    }

    private static JsonElement Read(string method, string path, int status, string body)
    {
        JsonElement root;
        try
        {
            root = string.IsNullOrWhiteSpace(body) ? default : JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new BingxApiException(method, path, 0, status, $"unreadable body ({Clip(body)})", body);
        }
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("code", out var codeElement))
        {
            var code = ReadCode(codeElement);
            if (code != 0 || status >= 400)
                throw new BingxApiException(method, path, code, status, Message(root), body);
            return root.TryGetProperty("data", out var data) ? data : default;
        }
        if (status is < 200 or >= 300)
            throw new BingxApiException(method, path, 0, status, Clip(body), body);
        return root;
    }

    private static long ReadCode(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number when e.TryGetInt64(out var c) => c,
        JsonValueKind.String when long.TryParse(e.GetString(), out var c) => c,
        _ => -1,
    };

    private static string Message(JsonElement root) =>
        root.TryGetProperty("msg", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? "" : "";

    private static string Clip(string s) => s.Length <= 200 ? s : s[..200] + "…";
}
