namespace Pink.Shell.Hazelcast;

// Map.yaml methods 1 (put), 2 (get), 15 (set). The codecs leave partition id -1, as Hazelcast's own codecs do;
// the client sets the key's partition before sending.

/// <summary>Map.put (0x010100 / 0x010101): returns the previous value.</summary>
public static class MapPutCodec
{
    private const int ThreadIdOffset = ClientMessage.RequestHeaderSize;
    private const int TtlOffset = ThreadIdOffset + FixSized.LongSize;

    /// <summary>The request.</summary>
    public static ClientMessage EncodeRequest(string name, HzData key, HzData value, long threadId, long ttl)
    {
        var message = ClientMessage.CreateRequest(MessageTypes.MapPut, 2 * FixSized.LongSize);
        FixSized.WriteLong(message.InitialFrame.Content, ThreadIdOffset, threadId);
        FixSized.WriteLong(message.InitialFrame.Content, TtlOffset, ttl);
        StringCodec.Encode(message, name);
        DataCodec.Encode(message, key);
        DataCodec.Encode(message, value);
        return message;
    }

    /// <summary>The previous value, or null.</summary>
    public static HzData? DecodeResponse(ClientMessage message)
    {
        ResponseCheck.Expect(message, MessageTypes.MapPutResponse);
        var cursor = message.Cursor();
        cursor.Next();
        return NullableCodec.Decode(cursor, DataCodec.Decode);
    }
}

/// <summary>Map.get (0x010200 / 0x010201).</summary>
public static class MapGetCodec
{
    private const int ThreadIdOffset = ClientMessage.RequestHeaderSize;

    /// <summary>The request.</summary>
    public static ClientMessage EncodeRequest(string name, HzData key, long threadId)
    {
        var message = ClientMessage.CreateRequest(MessageTypes.MapGet, FixSized.LongSize);
        FixSized.WriteLong(message.InitialFrame.Content, ThreadIdOffset, threadId);
        StringCodec.Encode(message, name);
        DataCodec.Encode(message, key);
        return message;
    }

    /// <summary>The value, or null when the key is absent.</summary>
    public static HzData? DecodeResponse(ClientMessage message)
    {
        ResponseCheck.Expect(message, MessageTypes.MapGetResponse);
        var cursor = message.Cursor();
        cursor.Next();
        return NullableCodec.Decode(cursor, DataCodec.Decode);
    }
}

/// <summary>Map.set (0x010F00 / 0x010F01): like put without returning the old value.</summary>
public static class MapSetCodec
{
    private const int ThreadIdOffset = ClientMessage.RequestHeaderSize;
    private const int TtlOffset = ThreadIdOffset + FixSized.LongSize;

    /// <summary>The request.</summary>
    public static ClientMessage EncodeRequest(string name, HzData key, HzData value, long threadId, long ttl)
    {
        var message = ClientMessage.CreateRequest(MessageTypes.MapSet, 2 * FixSized.LongSize);
        FixSized.WriteLong(message.InitialFrame.Content, ThreadIdOffset, threadId);
        FixSized.WriteLong(message.InitialFrame.Content, TtlOffset, ttl);
        StringCodec.Encode(message, name);
        DataCodec.Encode(message, key);
        DataCodec.Encode(message, value);
        return message;
    }

    /// <summary>Checks the (empty) response.</summary>
    public static void DecodeResponse(ClientMessage message) => ResponseCheck.Expect(message, MessageTypes.MapSetResponse);
}
