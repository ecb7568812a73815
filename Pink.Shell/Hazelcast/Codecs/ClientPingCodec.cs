namespace Pink.Shell.Hazelcast;

/// <summary>ClientPing (0x000B00 / 0x000B01): no parameters; keeps an idle connection alive.</summary>
public static class ClientPingCodec
{
    /// <summary>The request (partition id -1).</summary>
    public static ClientMessage EncodeRequest() => ClientMessage.CreateRequest(MessageTypes.ClientPing, 0);

    /// <summary>Checks the response.</summary>
    public static void DecodeResponse(ClientMessage message) => ResponseCheck.Expect(message, MessageTypes.ClientPingResponse);
}
