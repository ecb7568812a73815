using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using LanguageExt;

namespace Pink.Core;

/// <summary>
/// The state document: versioned JSON of the whole kernel state, settlement baselines and de-duplication memory
/// included, so a process can stop and resume without settling anything twice (rule 8).
/// Invariants: <c>Restore(Save(s)) == s</c>; the same state always gives the same bytes (maps are written in key order,
/// numbers in shortest round-trip form); a document of an unknown version is refused with a clear error, never guessed.
/// </summary>
public static class StateDocument
{
    /// <summary>The version this build writes and the only one it reads.</summary>
    public const int Version = 1;

    private static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>The document of a state (UTF-8 JSON text).</summary>
    public static string Save(KernelState state)
    {
        var envelope = new Envelope(Version, "pink.kernel-state", state);
        return JsonSerializer.Serialize(envelope, Options);
    }

    /// <summary>The document as UTF-8 bytes.</summary>
    public static byte[] SaveBytes(KernelState state) => Encoding.UTF8.GetBytes(Save(state));

    /// <summary>The state of a document, or why it cannot be restored.</summary>
    public static Either<string, KernelState> Restore(string document)
    {
        if (string.IsNullOrWhiteSpace(document)) return "state document is empty";
        try
        {
            using var doc = JsonDocument.Parse(document);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("version", out var v) || v.ValueKind != JsonValueKind.Number)
                return "state document has no numeric 'version': not a Pink state document";
            if (!v.TryGetInt32(out var version) || version != Version)
                return string.Create(CultureInfo.InvariantCulture, $"state document version {v.GetRawText()} is not supported: this build reads version {Version} only");
            var envelope = root.Deserialize<Envelope>(Options);
            if (envelope?.State is not KernelState state) return "state document has no 'state'";
            return Validate(state);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            return string.Create(CultureInfo.InvariantCulture, $"state document is unreadable: {ex.Message}");
        }
    }

    private static Either<string, KernelState> Validate(KernelState s)
    {
        if (s.Config is null || s.Account is null) return "state document lacks config or account";
        if (s.Slots.Count != s.Config.SlotCount) return string.Create(CultureInfo.InvariantCulture, $"state document has {s.Slots.Count} slots, its config says {s.Config.SlotCount}");
        for (var i = 0; i < s.Slots.Count; i++)
            if (s.Slots[i].Index != i) return string.Create(CultureInfo.InvariantCulture, $"state document slot {i} carries index {s.Slots[i].Index}");
        if (s.EventSeq < 0) return "state document has a negative event_seq";
        return s;
    }

    private sealed record Envelope(int Version, string Kind, KernelState State);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            WriteIndented = false,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.Converters.Add(new CollectionConverters());
        return options;
    }
}
