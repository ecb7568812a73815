using System.Globalization;
using System.Text.Json;

namespace Pink.Shell.Recording;

/// <summary>
/// Reads a recording liberally and totally: blank lines and <c>//</c> lines are ignored; unknown kinds and unreadable
/// lines become <see cref="SkippedRecord"/>s, and an unreadable field of a usable record (a `t` that is no time) rides on
/// the record as its <see cref="Record.Problem"/> — both reported with the line number, never a crash. Unknown fields
/// are ignored.
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
        catch (Exception ex) when (ex is JsonException or ArgumentException) // ArgumentException: a lone surrogate char in the text itself
        {
            return new SkippedRecord(line, null, $"not JSON: {ex.Message}");
        }
        if (root.ValueKind != JsonValueKind.Object) return new SkippedRecord(line, null, "not a JSON object");
        if (UnreadableName(root) is string name) return new SkippedRecord(line, null, name);
        var (time, timeProblem) = Time(root);
        var record = Kind(root, line, time);
        return timeProblem is null ? record : record with { Problem = timeProblem };
    }

    private static Record Kind(JsonElement root, int line, long? time)
    {
        if (!root.TryGetProperty("k", out var k)) return new SkippedRecord(line, time, "record without kind 'k'");
        if (k.ValueKind != JsonValueKind.String) return new SkippedRecord(line, time, $"kind 'k' is a {k.ValueKind}, not a string");
        var (kind, unreadableKind) = Decode(k, "k");
        if (unreadableKind is not null) return new SkippedRecord(line, time, unreadableKind);
        switch (kind)
        {
            case "intent" when root.TryGetProperty("intent", out var intent) && intent.ValueKind == JsonValueKind.Object:
                return new IntentRecord(line, time, intent);
            case "rest" when root.TryGetProperty("response", out var response):
                var method = Optional(root, "method");
                var path = Optional(root, "path");
                if ((method.Problem ?? path.Problem) is string unreadable) return new SkippedRecord(line, time, unreadable);
                return new RestRecord(line, time, method.Value ?? "GET", path.Value ?? "",
                    root.TryGetProperty("params", out var p) && p.ValueKind == JsonValueKind.Object ? p : null, response);
            case "ws" when root.TryGetProperty("frame", out var frame) && frame.ValueKind == JsonValueKind.Object:
                return new WsRecord(line, time, frame, null);
            case "ws" when root.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String:
                return TextFrame(line, time, t, "text");
            case "ws" when root.TryGetProperty("frame", out var f) && f.ValueKind == JsonValueKind.String:
                return TextFrame(line, time, f, "frame");
            case "restart":
                return new RestartRecord(line, time);
            case "header":
                return Header(root, line, time);
            default:
                return new SkippedRecord(line, time, $"unknown or incomplete record kind '{Clip(kind ?? "")}'");
        }
    }

    // A header whose config cannot be read is still a header: the replay reports why and folds with the defaults.
    private static Record Header(JsonElement root, int line, long? time)
    {
        var version = Optional(root, "kernel_version");
        if (!root.TryGetProperty("config", out var c) || c.ValueKind == JsonValueKind.Null)
            return new HeaderRecord(line, time, version.Value, null) { Problem = "header: config is missing" };
        return Pink.Core.ConfigDocument.Read(c).Match(
            config => new HeaderRecord(line, time, version.Value, config),
            error => new HeaderRecord(line, time, version.Value, null) { Problem = $"header: {error}" });
    }

    private static Record TextFrame(int line, long? time, JsonElement text, string name) => Decode(text, name) switch
    {
        (string value, null) => new WsRecord(line, time, null, value),
        var (_, problem) => new SkippedRecord(line, time, problem ?? $"field '{name}' is empty"),
    };

    /// <summary>
    /// `t` as ISO-8601 UTC or epoch milliseconds (null when absent); a `t` that is present but no time is reported, and
    /// the record keeps its place in the order with the time before it.
    /// </summary>
    public static (long? Time, string? Problem) Time(JsonElement root)
    {
        if (!root.TryGetProperty("t", out var t) || t.ValueKind == JsonValueKind.Null) return (null, null);
        if (t.ValueKind == JsonValueKind.Number)
            return t.TryGetInt64(out var ms) && InRange(ms) ? (ms, null) : (null, $"field 't' is not a time in epoch milliseconds: {Clip(t.GetRawText())}");
        if (t.ValueKind != JsonValueKind.String) return (null, $"field 't' is a {t.ValueKind}, not a time");
        var (s, unreadable) = Decode(t, "t");
        if (s is null) return (null, unreadable);
        if (long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var m))
            return InRange(m) ? (m, null) : (null, $"field 't' is not a time in epoch milliseconds: {Clip(s)}");
        if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var dto))
            return (dto.ToUnixTimeMilliseconds(), null);
        return (null, $"field 't' is not a time: '{Clip(s)}'");
    }

    // Epoch milliseconds a DateTimeOffset can hold (years 1..9999); anything else is no time.
    private static bool InRange(long ms) => ms is >= -62_135_596_800_000L and <= 253_402_300_799_999L;

    /// <summary>
    /// Why a property name of the object cannot be read, or null. A lone surrogate escape in a name makes every lookup
    /// that passes it throw, so the names are checked before any field is looked up.
    /// </summary>
    public static string? UnreadableName(JsonElement obj)
    {
        foreach (var p in obj.EnumerateObject())
        {
            try { _ = p.Name; }
            catch (InvalidOperationException ex) { return $"a field name cannot be read: {ex.Message}"; }
        }
        return null;
    }

    private static (string? Value, string? Problem) Optional(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? Decode(v, name) : (null, null);

    // A JSON string escape can name a lone UTF-16 surrogate (`\ud800`), which no .NET string decodes: the one input the
    // parser accepts and GetString refuses.
    private static (string? Value, string? Problem) Decode(JsonElement s, string name)
    {
        try { return (s.GetString(), null); }
        catch (InvalidOperationException ex) { return (null, $"field '{name}' cannot be read: {ex.Message}"); }
    }

    private static string Clip(string s) => s.Length <= 60 ? s : s[..60] + "…";
}
