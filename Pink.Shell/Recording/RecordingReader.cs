using System.Globalization;
using System.Text.Json;

namespace Pink.Shell.Recording;

/// <summary>
/// Reads a recording liberally: blank lines and <c>//</c> lines are ignored; unknown kinds and unreadable lines become
/// <see cref="SkippedRecord"/>s (reported, never a crash); unknown fields are ignored.
/// </summary>
public static class RecordingReader
{
    public static IEnumerable<Record> Read(TextReader reader)
    {
        var line = 0;
        while (reader.ReadLine() is string text)
        {
            line++;
            var trimmed = text.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith("//", StringComparison.Ordinal)) continue;
            yield return Parse(trimmed, line);
        }
    }

    public static IEnumerable<Record> ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        foreach (var r in Read(reader)) yield return r;
    }

    public static Record Parse(string text, int line)
    {
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(text);
            root = doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return new SkippedRecord(line, null, $"not JSON: {ex.Message}");
        }
        if (root.ValueKind != JsonValueKind.Object) return new SkippedRecord(line, null, "not a JSON object");
        var time = Time(root);
        var kind = root.TryGetProperty("k", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
        switch (kind)
        {
            case "intent" when root.TryGetProperty("intent", out var intent) && intent.ValueKind == JsonValueKind.Object:
                return new IntentRecord(line, time, intent);
            case "rest" when root.TryGetProperty("response", out var response):
                return new RestRecord(line, time, Str(root, "method") ?? "GET", Str(root, "path") ?? "",
                    root.TryGetProperty("params", out var p) && p.ValueKind == JsonValueKind.Object ? p : null, response);
            case "ws" when root.TryGetProperty("frame", out var frame) && frame.ValueKind == JsonValueKind.Object:
                return new WsRecord(line, time, frame, null);
            case "ws" when Str(root, "text") is string t:
                return new WsRecord(line, time, null, t);
            case "ws" when root.TryGetProperty("frame", out var f) && f.ValueKind == JsonValueKind.String:
                return new WsRecord(line, time, null, f.GetString());
            case "restart":
                return new RestartRecord(line, time);
            case null:
                return new SkippedRecord(line, time, "record without kind 'k'");
            default:
                return new SkippedRecord(line, time, $"unknown or incomplete record kind '{kind}'");
        }
    }

    /// <summary>`t` as ISO-8601 UTC or epoch milliseconds.</summary>
    public static long? Time(JsonElement root)
    {
        if (!root.TryGetProperty("t", out var t)) return null;
        if (t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out var ms)) return ms;
        if (t.ValueKind == JsonValueKind.String)
        {
            var s = t.GetString()!;
            if (long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var m)) return m;
            if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var dto))
                return dto.ToUnixTimeMilliseconds();
        }
        return null;
    }

    private static string? Str(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
