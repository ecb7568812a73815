using System.Buffers.Binary;
using System.Text;

namespace Pink.Shell.Hazelcast;

/// <summary>
/// The serializers Pink needs, byte-compatible with Hazelcast's defaults: String (-11), byte[] (-12),
/// HazelcastJsonValue (-130). Lengths are int32 big-endian; a string's length counts its UTF-8 bytes.
/// </summary>
public static class HzSerializer
{
    /// <summary>Type id of String.</summary>
    public const int StringTypeId = -11;
    /// <summary>Type id of byte[].</summary>
    public const int ByteArrayTypeId = -12;
    /// <summary>Type id of HazelcastJsonValue.</summary>
    public const int JsonTypeId = -130;

    /// <summary>A String Data.</summary>
    public static HzData String(string value) => HzData.Create(StringTypeId, LengthPrefixed(StringCodec.Utf8Bytes(value)));

    /// <summary>A HazelcastJsonValue Data (members can query it; readers get the JSON text).</summary>
    public static HzData Json(string json) => HzData.Create(JsonTypeId, LengthPrefixed(StringCodec.Utf8Bytes(json)));

    /// <summary>A HazelcastJsonValue Data from JSON already encoded as UTF-8.</summary>
    public static HzData JsonUtf8(ReadOnlySpan<byte> utf8Json) => HzData.Create(JsonTypeId, LengthPrefixed(utf8Json));

    /// <summary>A byte[] Data.</summary>
    public static HzData Bytes(ReadOnlySpan<byte> value) => HzData.Create(ByteArrayTypeId, LengthPrefixed(value));

    /// <summary>The text of a String or HazelcastJsonValue Data.</summary>
    public static string ReadText(HzData data)
    {
        if (data.TypeId is not (StringTypeId or JsonTypeId))
            throw new InvalidDataException($"Data of type {data.TypeId} is neither String ({StringTypeId}) nor HazelcastJsonValue ({JsonTypeId})");
        return Encoding.UTF8.GetString(Body(data));
    }

    /// <summary>The bytes of a byte[] Data.</summary>
    public static byte[] ReadBytes(HzData data) =>
        data.TypeId == ByteArrayTypeId ? Body(data).ToArray() : throw new InvalidDataException($"Data of type {data.TypeId} is not byte[] ({ByteArrayTypeId})");

    private static byte[] LengthPrefixed(ReadOnlySpan<byte> body)
    {
        var payload = new byte[4 + body.Length];
        BinaryPrimitives.WriteInt32BigEndian(payload, body.Length);
        body.CopyTo(payload.AsSpan(4));
        return payload;
    }

    private static ReadOnlySpan<byte> Body(HzData data)
    {
        var payload = data.Payload;
        if (payload.Length < 4) throw new InvalidDataException("Data payload has no length");
        var length = BinaryPrimitives.ReadInt32BigEndian(payload);
        if (length < 0 || length > payload.Length - 4) throw new InvalidDataException($"Data length {length} does not fit its {payload.Length - 4} bytes");
        return payload.Slice(4, length);
    }
}
