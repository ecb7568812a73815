using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Pink.Core;

/// <summary>
/// Checks a JSON value against the shape of a document type before it is deserialised, so that nothing defaults
/// silently: every field of the type must be present, no other field may be, a null only where the field is nullable,
/// and every value must read as its type. The shape is the serializer's own contract for the type (the same one that
/// writes it), so a field added to a document record is required at once, with no second list to keep in step.
/// A defect is a <see cref="DocumentError"/> naming the field's path, e.g. <c>trades["T1"].settled_realized is missing</c>.
/// </summary>
internal static class StrictReader
{
    public static void Check(JsonElement value, Type type, string path, JsonSerializerOptions options)
    {
        var info = options.GetTypeInfo(type);
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                CheckObject(value, info, path, options);
                break;
            case JsonTypeInfoKind.Enumerable:
                if (value.ValueKind != JsonValueKind.Array) throw Wrong(path, "an array", value);
                var i = 0;
                foreach (var item in value.EnumerateArray()) CheckValue(item, info.ElementType!, $"{path}[{i++}]", options);
                break;
            case JsonTypeInfoKind.Dictionary:
                if (value.ValueKind != JsonValueKind.Object) throw Wrong(path, "an object keyed by id", value);
                var keys = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
                foreach (var entry in value.EnumerateObject())
                {
                    var at = $"{path}[\"{entry.Name}\"]";
                    if (!keys.Add(entry.Name)) throw new DocumentError($"{at} appears twice");
                    if (info.KeyType == typeof(long) && !long.TryParse(entry.Name, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                        throw new DocumentError($"{at}: the key is not a whole number");
                    CheckValue(entry.Value, info.ElementType!, at, options);
                }
                break;
            default:
                CheckLeaf(value, type, path, options);
                break;
        }
    }

    private static void CheckObject(JsonElement value, JsonTypeInfo info, string path, JsonSerializerOptions options)
    {
        if (value.ValueKind != JsonValueKind.Object) throw Wrong(path, "an object", value);
        var fields = info.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var seen = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
        foreach (var member in value.EnumerateObject())
        {
            if (!fields.ContainsKey(member.Name)) throw new DocumentError($"{Join(path, member.Name)} is not a field of the document");
            if (!seen.Add(member.Name)) throw new DocumentError($"{Join(path, member.Name)} appears twice");
        }
        foreach (var field in info.Properties)
        {
            var at = Join(path, field.Name);
            if (!value.TryGetProperty(field.Name, out var member)) throw new DocumentError($"{at} is missing");
            if (member.ValueKind == JsonValueKind.Null)
            {
                if (!field.IsSetNullable) throw new DocumentError($"{at} is null where a value is required");
                continue;
            }
            Check(member, Nullable.GetUnderlyingType(field.PropertyType) ?? field.PropertyType, at, options);
        }
    }

    // Elements of arrays and maps are never null in a document: the state holds no null in its collections.
    private static void CheckValue(JsonElement value, Type type, string path, JsonSerializerOptions options)
    {
        if (value.ValueKind == JsonValueKind.Null) throw new DocumentError($"{path} is null where a value is required");
        Check(value, type, path, options);
    }

    // A single value: it must read as its type exactly (a decimal as a decimal, a whole number without a fraction, a
    // name the enumeration knows), which the serializer's own converter decides.
    private static void CheckLeaf(JsonElement value, Type type, string path, JsonSerializerOptions options)
    {
        try
        {
            if (value.Deserialize(type, options) is null) throw new DocumentError($"{path} is null where a value is required");
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or FormatException or OverflowException)
        {
            throw Wrong(path, Describe(type), value);
        }
    }

    private static DocumentError Wrong(string path, string expected, JsonElement found)
    {
        var text = found.GetRawText();
        if (text.Length > 40) text = text[..40] + "…";
        return new DocumentError($"{path} has the wrong type: expected {expected}, found {text}");
    }

    private static string Describe(Type type) =>
        type == typeof(decimal) ? "a decimal number"
        : type == typeof(int) || type == typeof(long) ? "a whole number"
        : type == typeof(bool) ? "true or false"
        : type == typeof(string) ? "a string"
        : type.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(type).Select(n => JsonNamingPolicy.SnakeCaseLower.ConvertName(n)))
        : type.Name;

    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
