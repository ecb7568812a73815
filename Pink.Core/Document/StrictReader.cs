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
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Null || !Simple(item, info.ElementType!)) CheckValue(item, info.ElementType!, string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), options);
                    i++;
                }
                break;
            case JsonTypeInfoKind.Dictionary:
                if (value.ValueKind != JsonValueKind.Object) throw Wrong(path, "an object keyed by id", value);
                var keys = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
                foreach (var entry in value.EnumerateObject())
                {
                    var at = string.Create(CultureInfo.InvariantCulture, $"{path}[\"{entry.Name}\"]");
                    if (!keys.Add(entry.Name)) throw new DocumentError(string.Create(CultureInfo.InvariantCulture, $"{at} appears twice"));
                    if (info.KeyType == typeof(long) && !long.TryParse(entry.Name, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                        throw new DocumentError(string.Create(CultureInfo.InvariantCulture, $"{at}: the key is not a whole number"));
                    if (entry.Value.ValueKind == JsonValueKind.Null || !Simple(entry.Value, info.ElementType!)) CheckValue(entry.Value, info.ElementType!, at, options);
                }
                break;
            default:
                CheckLeaf(value, type, path, options);
                break;
        }
    }

    // A document of a long session holds tens of thousands of objects: each is read in one pass over its members, and
    // the path of a field is only spelled out when something is wrong with it.
    private static void CheckObject(JsonElement value, JsonTypeInfo info, string path, JsonSerializerOptions options)
    {
        if (value.ValueKind != JsonValueKind.Object) throw Wrong(path, "an object", value);
        var shape = Shapes.GetOrAdd(info.Type, static (_, i) => new Shape(i), info);
        Span<bool> present = stackalloc bool[shape.Fields.Length];
        foreach (var member in value.EnumerateObject())
        {
            if (!shape.Index.TryGetValue(member.Name, out var i)) throw new DocumentError(string.Create(CultureInfo.InvariantCulture, $"{Join(path, member.Name)} is not a field of the document"));
            if (present[i]) throw new DocumentError(string.Create(CultureInfo.InvariantCulture, $"{Join(path, member.Name)} appears twice"));
            present[i] = true;
            var field = shape.Fields[i];
            if (member.Value.ValueKind == JsonValueKind.Null)
            {
                if (!field.IsSetNullable) throw new DocumentError(string.Create(CultureInfo.InvariantCulture, $"{Join(path, field.Name)} is null where a value is required"));
                continue;
            }
            var type = Nullable.GetUnderlyingType(field.PropertyType) ?? field.PropertyType;
            if (!Simple(member.Value, type)) Check(member.Value, type, Join(path, field.Name), options);
        }
        for (var i = 0; i < present.Length; i++)
            if (!present[i]) throw new DocumentError(string.Create(CultureInfo.InvariantCulture, $"{Join(path, shape.Fields[i].Name)} is missing"));
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Shape> Shapes = new();

    private sealed class Shape(JsonTypeInfo info)
    {
        public readonly JsonPropertyInfo[] Fields = [.. info.Properties];
        public readonly Dictionary<string, int> Index = info.Properties.Select((p, i) => (p.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
    }

    // The common leaves, checked without a deserialisation each; false sends the value the long way (which also
    // explains what is wrong with it).
    private static bool Simple(JsonElement value, Type type) =>
        type == typeof(decimal) ? value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out _)
        : type == typeof(long) ? value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _)
        : type == typeof(int) ? value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _)
        : type == typeof(bool) ? value.ValueKind is JsonValueKind.True or JsonValueKind.False
        : type == typeof(string) ? value.ValueKind == JsonValueKind.String
        : type.IsEnum && value.ValueKind == JsonValueKind.String && NamedEnum(value.GetString()!, type);

    // An enumeration's value by its wire name (a [Flags] value as names joined by ", ", as the converter writes it).
    private static bool NamedEnum(string text, Type type)
    {
        var names = EnumNames.GetOrAdd(type, static t =>
            Enum.GetNames(t).Select(n => JsonNamingPolicy.SnakeCaseLower.ConvertName(n)).ToHashSet(StringComparer.Ordinal));
        if (names.Contains(text)) return true;
        return type.IsDefined(typeof(FlagsAttribute), false) && text.Split(", ").All(names.Contains);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, System.Collections.Generic.HashSet<string>> EnumNames = new();

    // Elements of arrays and maps are never null in a document: the state holds no null in its collections.
    private static void CheckValue(JsonElement value, Type type, string path, JsonSerializerOptions options)
    {
        if (value.ValueKind == JsonValueKind.Null) throw new DocumentError(string.Create(CultureInfo.InvariantCulture, $"{path} is null where a value is required"));
        Check(value, type, path, options);
    }

    // A single value: it must read as its type exactly (a decimal as a decimal, a whole number without a fraction, a
    // name the enumeration knows), which the serializer's own converter decides.
    private static void CheckLeaf(JsonElement value, Type type, string path, JsonSerializerOptions options)
    {
        try
        {
            if (value.Deserialize(type, options) is null) throw new DocumentError(string.Create(CultureInfo.InvariantCulture, $"{path} is null where a value is required"));
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
        return new DocumentError(string.Create(CultureInfo.InvariantCulture, $"{path} has the wrong type: expected {expected}, found {text}"));
    }

    private static string Describe(Type type) =>
        type == typeof(decimal) ? "a decimal number"
        : type == typeof(int) || type == typeof(long) ? "a whole number"
        : type == typeof(bool) ? "true or false"
        : type == typeof(string) ? "a string"
        : type.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(type).Select(n => JsonNamingPolicy.SnakeCaseLower.ConvertName(n)))
        : type.Name;

    public static string Join(string path, string name) => path.Length == 0 ? name : string.Create(CultureInfo.InvariantCulture, $"{path}.{name}");
}
