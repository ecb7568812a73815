using System.Text;

namespace Pink.Shell.Hazelcast;

/// <summary>Strings travel as one frame of UTF-8 bytes.</summary>
public static class StringCodec
{
    // Strict on the way out: a string with a lone surrogate has no single UTF-8 form (Java writes '?', Node
    // U+FFFD), so it could hash to different partitions in different clients. Refuse it instead.
    internal static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Appends the string's frame.</summary>
    public static void Encode(ClientMessage message, string value) => message.Add(new Frame(Utf8Bytes(value)));

    /// <summary>Reads a string frame.</summary>
    public static string Decode(FrameCursor cursor) => Encoding.UTF8.GetString(cursor.Next().Content);

    /// <summary>UTF-8 bytes of a well-formed string; <see cref="ArgumentException"/> for a lone surrogate.</summary>
    public static byte[] Utf8Bytes(string value)
    {
        try
        {
            return StrictUtf8.GetBytes(value);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException("string contains a lone UTF-16 surrogate and has no well-defined UTF-8 form", nameof(value), e);
        }
    }
}

/// <summary>A serialized value (Data) travels as one frame holding its bytes.</summary>
public static class DataCodec
{
    /// <summary>Appends the Data frame.</summary>
    public static void Encode(ClientMessage message, HzData data) => message.Add(new Frame(data.ToArray()));

    /// <summary>Reads a Data frame.</summary>
    public static HzData Decode(FrameCursor cursor) => HzData.FromWire(cursor.Next().Content);
}

/// <summary>A byte[] parameter: one frame.</summary>
public static class ByteArrayCodec
{
    /// <summary>Appends the bytes' frame.</summary>
    public static void Encode(ClientMessage message, byte[] value) => message.Add(new Frame([.. value]));

    /// <summary>Reads a byte[] frame.</summary>
    public static byte[] Decode(FrameCursor cursor) => [.. cursor.Next().Content];
}

/// <summary>List_Integer: one frame of int32 LE values.</summary>
public static class ListIntegerCodec
{
    /// <summary>Appends the list's frame.</summary>
    public static void Encode(ClientMessage message, IReadOnlyList<int> values)
    {
        var content = new byte[values.Count * FixSized.IntSize];
        for (var i = 0; i < values.Count; i++) FixSized.WriteInt(content, i * FixSized.IntSize, values[i]);
        message.Add(new Frame(content));
    }

    /// <summary>Reads the list's frame.</summary>
    public static IReadOnlyList<int> Decode(FrameCursor cursor)
    {
        var content = cursor.Next().Content;
        if (content.Length % FixSized.IntSize != 0) throw new HazelcastProtocolException($"List_Integer frame of {content.Length} bytes");
        var values = new int[content.Length / FixSized.IntSize];
        for (var i = 0; i < values.Length; i++) values[i] = FixSized.ReadInt(content, i * FixSized.IntSize);
        return values;
    }
}

/// <summary>List_UUID: one frame of 17-byte UUIDs.</summary>
public static class ListUuidCodec
{
    /// <summary>Reads the list's frame.</summary>
    public static IReadOnlyList<HzUuid?> Decode(FrameCursor cursor)
    {
        var content = cursor.Next().Content;
        if (content.Length % FixSized.UuidSize != 0) throw new HazelcastProtocolException($"List_UUID frame of {content.Length} bytes");
        var values = new HzUuid?[content.Length / FixSized.UuidSize];
        for (var i = 0; i < values.Length; i++) values[i] = FixSized.ReadUuid(content, i * FixSized.UuidSize);
        return values;
    }
}

/// <summary>A list of variable-size items: BEGIN, one encoding per item, END.</summary>
public static class ListMultiFrameCodec
{
    /// <summary>Appends the list.</summary>
    public static void Encode<T>(ClientMessage message, IReadOnlyList<T> items, Action<ClientMessage, T> encode)
    {
        message.Add(Frame.Begin());
        foreach (var item in items) encode(message, item);
        message.Add(Frame.End());
    }

    /// <summary>Reads the list.</summary>
    public static IReadOnlyList<T> Decode<T>(FrameCursor cursor, Func<FrameCursor, T> decode)
    {
        ExpectBegin(cursor, "list");
        var items = new List<T>();
        while (!cursor.NextIsEnd()) items.Add(decode(cursor));
        cursor.Next();
        return items;
    }

    internal static void ExpectBegin(FrameCursor cursor, string what)
    {
        if (!cursor.Next().IsBeginStructure) throw new HazelcastProtocolException($"{what} does not start with a BEGIN_DATA_STRUCTURE frame");
    }
}

/// <summary>A map (or entry list) of variable-size keys and values: BEGIN, key, value, key, value, ..., END.</summary>
public static class MapCodec
{
    /// <summary>Appends the entries.</summary>
    public static void Encode<TK, TV>(ClientMessage message, IReadOnlyList<KeyValuePair<TK, TV>> entries,
        Action<ClientMessage, TK> encodeKey, Action<ClientMessage, TV> encodeValue)
    {
        message.Add(Frame.Begin());
        foreach (var (k, v) in entries)
        {
            encodeKey(message, k);
            encodeValue(message, v);
        }
        message.Add(Frame.End());
    }

    /// <summary>Reads the entries in wire order.</summary>
    public static IReadOnlyList<KeyValuePair<TK, TV>> Decode<TK, TV>(FrameCursor cursor, Func<FrameCursor, TK> decodeKey, Func<FrameCursor, TV> decodeValue)
    {
        ListMultiFrameCodec.ExpectBegin(cursor, "map");
        var entries = new List<KeyValuePair<TK, TV>>();
        while (!cursor.NextIsEnd())
        {
            var k = decodeKey(cursor);
            entries.Add(new(k, decodeValue(cursor)));
        }
        cursor.Next();
        return entries;
    }
}

/// <summary>EntryList_UUID_List_Integer (the partition table): the value lists first, then one frame of keys.</summary>
public static class EntryListUuidListIntegerCodec
{
    /// <summary>Reads the entries.</summary>
    public static IReadOnlyList<KeyValuePair<HzUuid?, IReadOnlyList<int>>> Decode(FrameCursor cursor)
    {
        var values = ListMultiFrameCodec.Decode(cursor, ListIntegerCodec.Decode);
        var keys = ListUuidCodec.Decode(cursor);
        if (keys.Count != values.Count) throw new HazelcastProtocolException($"partition table has {keys.Count} members but {values.Count} partition lists");
        return [.. keys.Select((k, i) => new KeyValuePair<HzUuid?, IReadOnlyList<int>>(k, values[i]))];
    }
}

/// <summary>Nullable parameters: a null travels as a single IS_NULL frame.</summary>
public static class NullableCodec
{
    /// <summary>Appends the value, or a null frame.</summary>
    public static void Encode<T>(ClientMessage message, T? value, Action<ClientMessage, T> encode) where T : class
    {
        if (value is null) message.Add(Frame.Null());
        else encode(message, value);
    }

    /// <summary>Reads the value, or null for a null frame.</summary>
    public static T? Decode<T>(FrameCursor cursor, Func<FrameCursor, T> decode) where T : class =>
        cursor.NextIsNull() ? null : decode(cursor);
}
