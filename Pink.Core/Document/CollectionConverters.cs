using System.Text.Json;
using System.Text.Json.Serialization;
using LanguageExt;

namespace Pink.Core;

/// <summary>
/// JSON forms of the LanguageExt collections in the state: <c>Arr&lt;T&gt;</c> as an array, <c>Map&lt;K,V&gt;</c> as an
/// array of [key, value] pairs in key order, and the de-duplication memory as its ids oldest first.
/// </summary>
internal sealed class CollectionConverters : JsonConverterFactory
{
    public override bool CanConvert(Type t) =>
        t == typeof(DedupMemory) || t.IsGenericType && (t.GetGenericTypeDefinition() == typeof(Arr<>) || t.GetGenericTypeDefinition() == typeof(Map<,>) || t.GetGenericTypeDefinition() == typeof(Map<,,>));

    public override JsonConverter CreateConverter(Type t, JsonSerializerOptions options)
    {
        if (t == typeof(DedupMemory)) return new DedupConverter();
        var args = t.GetGenericArguments();
        var definition = t.GetGenericTypeDefinition();
        var converter = definition == typeof(Arr<>) ? typeof(ArrConverter<>).MakeGenericType(args)
            : definition == typeof(Map<,>) ? typeof(MapConverter<,>).MakeGenericType(args)
            : typeof(OrdMapConverter<,,>).MakeGenericType(args);
        return (JsonConverter)Activator.CreateInstance(converter)!;
    }

    private sealed class ArrConverter<T> : JsonConverter<Arr<T>>
    {
        public override Arr<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(JsonSerializer.Deserialize<T[]>(ref reader, options) ?? []);

        public override void Write(Utf8JsonWriter writer, Arr<T> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.ToArray(), options);
    }

    private sealed class MapConverter<K, V> : JsonConverter<Map<K, V>>
    {
        public override Map<K, V> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var map = Map<K, V>.Empty;
            foreach (var (key, value) in ReadPairs<K, V>(ref reader, options)) map = map.Add(key, value);
            return map;
        }

        public override void Write(Utf8JsonWriter writer, Map<K, V> value, JsonSerializerOptions options) =>
            WritePairs(writer, value.Pairs, options);
    }

    private sealed class OrdMapConverter<OrdK, K, V> : JsonConverter<Map<OrdK, K, V>> where OrdK : struct, LanguageExt.TypeClasses.Ord<K>
    {
        public override Map<OrdK, K, V> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var map = Map<OrdK, K, V>.Empty;
            foreach (var (key, value) in ReadPairs<K, V>(ref reader, options)) map = map.Add(key, value);
            return map;
        }

        public override void Write(Utf8JsonWriter writer, Map<OrdK, K, V> value, JsonSerializerOptions options) =>
            WritePairs(writer, value.AsEnumerable(), options);
    }

    private sealed record Pair<K, V>(K Key, V Value);

    // A map is an array of [key, value] pairs in key order; a pair without a key, or a key twice, is refused.
    private static List<(K Key, V Value)> ReadPairs<K, V>(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        var pairs = JsonSerializer.Deserialize<Pair<K, V>[]>(ref reader, options) ?? [];
        var seen = new System.Collections.Generic.HashSet<K>();
        var result = new List<(K, V)>(pairs.Length);
        foreach (var p in pairs)
        {
            if (p.Key is null) throw new JsonException("map entry without key");
            if (!seen.Add(p.Key)) throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"duplicate map key {p.Key}"));
            result.Add((p.Key, p.Value));
        }
        return result;
    }

    private static void WritePairs<K, V>(Utf8JsonWriter writer, IEnumerable<(K Key, V Value)> pairs, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, pairs.Select(p => new Pair<K, V>(p.Key, p.Value)).ToArray(), options);

    private sealed class DedupConverter : JsonConverter<DedupMemory>
    {
        public override DedupMemory Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var ids = JsonSerializer.Deserialize<string[]>(ref reader, options) ?? [];
            return DedupMemory.Of(ids, out var repeated) ?? throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"duplicate de-duplication id {repeated}"));
        }

        public override void Write(Utf8JsonWriter writer, DedupMemory value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.Ids().ToArray(), options);
    }
}
