namespace Pink.Shell.Hazelcast;

/// <summary>
/// The error response (message type 0): an initial frame, then a list of <see cref="ErrorHolder"/>, the
/// exception first and its causes after it.
/// </summary>
public static class ErrorsCodec
{
    /// <summary>Reads the errors of an error response.</summary>
    public static IReadOnlyList<ErrorHolder> Decode(ClientMessage message)
    {
        var cursor = message.Cursor();
        cursor.Next();
        return ListMultiFrameCodec.Decode(cursor, ErrorHolderCodec.Decode);
    }

    /// <summary>An error response as a member would send it (scripted peers and tests).</summary>
    public static ClientMessage Encode(IReadOnlyList<ErrorHolder> errors, long correlationId)
    {
        var message = ClientMessage.CreateResponse(MessageTypes.Error, 0);
        message.CorrelationId = correlationId;
        ListMultiFrameCodec.Encode(message, errors, ErrorHolderCodec.Encode);
        return message;
    }
}

/// <summary>Checks a response before decoding: an error response becomes a <see cref="HazelcastServerException"/>.</summary>
public static class ResponseCheck
{
    /// <summary>Throws unless <paramref name="message"/> is a response of <paramref name="expectedType"/>.</summary>
    public static void Expect(ClientMessage message, int expectedType)
    {
        var type = message.MessageType;
        if (type == MessageTypes.Error) throw new HazelcastServerException(ErrorsCodec.Decode(message));
        if (type != expectedType)
            throw new HazelcastProtocolException($"expected a {MessageTypes.Name(expectedType)} but got {MessageTypes.Name(type)}");
    }
}
