namespace Pink.Shell.Hazelcast;

/// <summary>
/// Message types of the subset Pink speaks: service id &lt;&lt; 16 | method id &lt;&lt; 8 | 0 for a request, 1 for its
/// response (Client.yaml service 0, Map.yaml service 1). Type 0 is the error response.
/// </summary>
public static class MessageTypes
{
    /// <summary>An error response (ErrorsCodec).</summary>
    public const int Error = 0x000000;
    /// <summary>Client.authentication request (method 1).</summary>
    public const int ClientAuthentication = 0x000100;
    /// <summary>Client.authentication response.</summary>
    public const int ClientAuthenticationResponse = 0x000101;
    /// <summary>Client.ping request (method 11).</summary>
    public const int ClientPing = 0x000B00;
    /// <summary>Client.ping response.</summary>
    public const int ClientPingResponse = 0x000B01;
    /// <summary>Map.put request (method 1).</summary>
    public const int MapPut = 0x010100;
    /// <summary>Map.put response.</summary>
    public const int MapPutResponse = 0x010101;
    /// <summary>Map.get request (method 2).</summary>
    public const int MapGet = 0x010200;
    /// <summary>Map.get response.</summary>
    public const int MapGetResponse = 0x010201;
    /// <summary>Map.set request (method 15).</summary>
    public const int MapSet = 0x010F00;
    /// <summary>Map.set response.</summary>
    public const int MapSetResponse = 0x010F01;

    /// <summary>A readable name for logs and exceptions.</summary>
    public static string Name(int type) => type switch
    {
        Error => "Error",
        ClientAuthentication => "ClientAuthentication",
        ClientAuthenticationResponse => "ClientAuthentication response",
        ClientPing => "ClientPing",
        ClientPingResponse => "ClientPing response",
        MapPut => "MapPut",
        MapPutResponse => "MapPut response",
        MapGet => "MapGet",
        MapGetResponse => "MapGet response",
        MapSet => "MapSet",
        MapSetResponse => "MapSet response",
        _ => $"0x{type:X6}",
    };
}
