using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using LanguageExt;

namespace Pink.Core;

/// <summary>
/// The state document: versioned JSON of the whole kernel state, settlement baselines and de-duplication memory
/// included, so a process can stop and resume without settling anything twice (rule 8).
/// Invariants: <c>Restore(Save(s)) == s</c>; the same state always gives the same bytes (maps are written in key order,
/// numbers as the decimals they are). Reading is strict: a missing, unknown, mistyped or null field, or a version this
/// build does not know, is refused with an error naming the field — a field restored as 0 would settle a trade again.
/// Version 1 and 2 documents (the previous builds') are converted to the version 3 model and read as strictly.
/// </summary>
public static class StateDocument
{
    /// <summary>The version this build writes. It reads this one and versions 1 and 2.</summary>
    public const int Version = 3;

    private const string Kind = "pink.kernel-state";

    internal static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>The document of a state (UTF-8 JSON text).</summary>
    public static string Save(KernelState state) =>
        JsonSerializer.Serialize(new DocumentV2(Version, Kind, StateV2.From(state)), Options);

    /// <summary>The document as UTF-8 bytes.</summary>
    public static byte[] SaveBytes(KernelState state) => Encoding.UTF8.GetBytes(Save(state));

    /// <summary>The state of a document, or why it cannot be restored (<c>state document: …</c>, naming the field).</summary>
    public static Either<string, KernelState> Restore(string document)
    {
        if (string.IsNullOrWhiteSpace(document)) return "state document is empty";
        var version = 0;
        try
        {
            using var parsed = JsonDocument.Parse(document, new JsonDocumentOptions { AllowDuplicateProperties = false });
            var element = parsed.RootElement;
            if (element.ValueKind != JsonValueKind.Object) return "state document is not a JSON object: not a Pink state document";
            if (!element.TryGetProperty("version", out var v) || v.ValueKind == JsonValueKind.Null) return "state document: version is missing";
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out version) || version is not (1 or 2 or 3))
                return string.Create(CultureInfo.InvariantCulture, $"state document: version {v.GetRawText()} is not supported: this build reads versions 1, 2 and 3");
            if (version < Version) element = Upgraded(element, version);
            StrictReader.Check(element, typeof(DocumentV2), "", Options);
            var read = element.Deserialize<DocumentV2>(Options)!;
            if (read.Kind != Kind) return string.Create(CultureInfo.InvariantCulture, $"state document: kind \"{read.Kind}\" is not \"{Kind}\"");
            return Validate(read.State.ToState());
        }
        catch (DocumentError ex)
        {
            return string.Create(CultureInfo.InvariantCulture, $"state document{(version == 1 ? " (version 1)" : "")}: {Unprefixed(ex.Message)}");
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException or InvalidOperationException or FormatException or OverflowException)
        {
            return string.Create(CultureInfo.InvariantCulture, $"state document is unreadable: {ex.Message}");
        }
    }

    // Only older versions go through a mutable tree: version 1's maps are reshaped, and versions 1 and 2 get what version 3
    // added as those builds meant it (they forgot nothing), before the strict reader sees the document.
    private static JsonElement Upgraded(JsonElement old, int version)
    {
        var envelope = JsonObject.Create(old)!;
        if (envelope["state"] is JsonNode state)
        {
            if (version == 1) state = V1Converter.ToV2(state);
            envelope["state"] = V2Converter.ToV3(state);
        }
        envelope["version"] = Version;
        return JsonSerializer.SerializeToElement(envelope, Options);
    }

    // The envelope's own fields are named as they are; the state's fields by their path inside the state.
    private static string Unprefixed(string message) => message.StartsWith("state.", StringComparison.Ordinal) ? message["state.".Length..] : message;

    private static Either<string, KernelState> Validate(KernelState s)
    {
        if (s.Slots.Count != s.Config.SlotCount) return string.Create(CultureInfo.InvariantCulture, $"state document has {s.Slots.Count} slots, its config says {s.Config.SlotCount}");
        for (var i = 0; i < s.Slots.Count; i++)
            if (s.Slots[i].Index != i) return string.Create(CultureInfo.InvariantCulture, $"state document: slots[{i}].index is {s.Slots[i].Index}");
        if (s.EventSeq < 0) return "state document: event_seq is negative";
        return s;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            AllowDuplicateProperties = false,
            WriteIndented = false,
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
        };
        // Names on the wire; a value no name stands for (which only a defect or hostile input can put in the state) is
        // written as its number and read back as the same, so that saving stays total and restoring gives the same state.
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: true));
        options.MakeReadOnly();
        return options;
    }
}
