namespace Pink.Shell.Hazelcast;

/// <summary>Which ClientAuthentication request layout to send.</summary>
public enum AuthenticationLayout
{
    /// <summary>Protocol 2.0: the nine original parameters.</summary>
    Protocol20,
    /// <summary>Protocol 2.8+: adds routingMode and cpDirectToLeaderRouting to the initial frame.</summary>
    Protocol28,
}

/// <summary>Routing modes a client declares (Client.yaml authentication.routingMode).</summary>
public static class RoutingModes
{
    /// <summary>One connection; every request goes through it. What Pink does.</summary>
    public const byte Unisocket = 0;
    /// <summary>A connection per member; requests go to the partition owner.</summary>
    public const byte Smart = 1;
    /// <summary>Connections to a subset of members.</summary>
    public const byte Subset = 2;
}

/// <summary>Authentication statuses (Client.yaml authentication response.status).</summary>
public static class AuthenticationStatus
{
    /// <summary>Accepted.</summary>
    public const byte Authenticated = 0;
    /// <summary>Wrong cluster name or credentials.</summary>
    public const byte CredentialsFailed = 1;
    /// <summary>The member speaks another serialization version.</summary>
    public const byte SerializationVersionMismatch = 2;
    /// <summary>The member refuses this client (blacklist, or failover cluster mismatch).</summary>
    public const byte NotAllowedInCluster = 3;

    /// <summary>A readable name.</summary>
    public static string Name(byte status) => status switch
    {
        Authenticated => "AUTHENTICATED",
        CredentialsFailed => "CREDENTIALS_FAILED",
        SerializationVersionMismatch => "SERIALIZATION_VERSION_MISMATCH",
        NotAllowedInCluster => "NOT_ALLOWED_IN_CLUSTER",
        _ => $"UNKNOWN_STATUS_{status}",
    };
}

/// <summary>The ClientAuthentication request's parameters (Client.yaml method 1).</summary>
public sealed record AuthenticationRequest(string ClusterName, string? Username, string? Password, HzUuid? ClientUuid, string ClientType,
    byte SerializationVersion, string ClientHazelcastVersion, string ClientName, IReadOnlyList<string> Labels,
    byte RoutingMode = RoutingModes.Unisocket, bool CpDirectToLeaderRouting = false);

/// <summary>
/// The ClientAuthentication response. Fields added after protocol 2.0 are null when the member's message does
/// not carry them.
/// </summary>
public sealed record AuthenticationResponse(byte Status, HzAddress? Address, HzUuid? MemberUuid, byte SerializationVersion,
    string ServerHazelcastVersion, int PartitionCount, HzUuid? ClusterId, bool FailoverSupported,
    IReadOnlyList<int>? TpcPorts, byte[]? TpcToken, int? MemberListVersion, IReadOnlyList<MemberInfo>? MemberInfos,
    int? PartitionListVersion, IReadOnlyList<KeyValuePair<HzUuid?, IReadOnlyList<int>>>? Partitions,
    IReadOnlyList<KeyValuePair<string, string>>? KeyValuePairs);

/// <summary>ClientAuthentication (0x000100 / 0x000101).</summary>
public static class ClientAuthenticationCodec
{
    private const int UuidOffset = ClientMessage.RequestHeaderSize;
    private const int SerializationVersionOffset = UuidOffset + FixSized.UuidSize;
    private const int RoutingModeOffset = SerializationVersionOffset + FixSized.ByteSize;
    private const int CpDirectToLeaderOffset = RoutingModeOffset + FixSized.ByteSize;
    private const int Fixed20 = FixSized.UuidSize + FixSized.ByteSize;
    private const int Fixed28 = Fixed20 + FixSized.ByteSize + FixSized.BoolSize;

    private const int StatusOffset = ClientMessage.ResponseHeaderSize;
    private const int MemberUuidOffset = StatusOffset + FixSized.ByteSize;
    private const int ResponseSerializationVersionOffset = MemberUuidOffset + FixSized.UuidSize;
    private const int PartitionCountOffset = ResponseSerializationVersionOffset + FixSized.ByteSize;
    private const int ClusterIdOffset = PartitionCountOffset + FixSized.IntSize;
    private const int FailoverSupportedOffset = ClusterIdOffset + FixSized.UuidSize;
    private const int MemberListVersionOffset = FailoverSupportedOffset + FixSized.BoolSize;
    private const int PartitionListVersionOffset = MemberListVersionOffset + FixSized.IntSize;

    /// <summary>The request, in the given layout (partition id -1, correlation id 0).</summary>
    public static ClientMessage EncodeRequest(AuthenticationRequest r, AuthenticationLayout layout = AuthenticationLayout.Protocol28)
    {
        var message = ClientMessage.CreateRequest(MessageTypes.ClientAuthentication, layout == AuthenticationLayout.Protocol20 ? Fixed20 : Fixed28);
        var initial = message.InitialFrame.Content;
        FixSized.WriteUuid(initial, UuidOffset, r.ClientUuid);
        FixSized.WriteByte(initial, SerializationVersionOffset, r.SerializationVersion);
        if (layout == AuthenticationLayout.Protocol28)
        {
            FixSized.WriteByte(initial, RoutingModeOffset, r.RoutingMode);
            FixSized.WriteBool(initial, CpDirectToLeaderOffset, r.CpDirectToLeaderRouting);
        }
        StringCodec.Encode(message, r.ClusterName);
        NullableCodec.Encode(message, r.Username, StringCodec.Encode);
        NullableCodec.Encode(message, r.Password, StringCodec.Encode);
        StringCodec.Encode(message, r.ClientType);
        StringCodec.Encode(message, r.ClientHazelcastVersion);
        StringCodec.Encode(message, r.ClientName);
        ListMultiFrameCodec.Encode(message, r.Labels, StringCodec.Encode);
        return message;
    }

    /// <summary>Decodes the response (an error response throws <see cref="HazelcastServerException"/>).</summary>
    public static AuthenticationResponse DecodeResponse(ClientMessage message)
    {
        ResponseCheck.Expect(message, MessageTypes.ClientAuthenticationResponse);
        var cursor = message.Cursor();
        var initial = cursor.Next().Content;
        int? memberListVersion = FixSized.Has(initial, MemberListVersionOffset, FixSized.IntSize) ? FixSized.ReadInt(initial, MemberListVersionOffset) : null;
        int? partitionListVersion = FixSized.Has(initial, PartitionListVersionOffset, FixSized.IntSize) ? FixSized.ReadInt(initial, PartitionListVersionOffset) : null;
        var address = NullableCodec.Decode(cursor, AddressCodec.Decode);
        var serverVersion = StringCodec.Decode(cursor);
        // Each later parameter is present only when the member's protocol has it (Java: iterator.hasNext()).
        var tpcPorts = cursor.HasNext ? NullableCodec.Decode(cursor, ListIntegerCodec.Decode) : null;
        var tpcToken = cursor.HasNext ? NullableCodec.Decode(cursor, ByteArrayCodec.Decode) : null;
        var members = cursor.HasNext ? ListMultiFrameCodec.Decode(cursor, MemberInfoCodec.Decode) : null;
        var partitions = cursor.HasNext ? EntryListUuidListIntegerCodec.Decode(cursor) : null;
        var keyValues = cursor.HasNext ? MapCodec.Decode(cursor, StringCodec.Decode, StringCodec.Decode) : null;
        return new AuthenticationResponse(
            FixSized.ReadByte(initial, StatusOffset),
            address,
            FixSized.ReadUuid(initial, MemberUuidOffset),
            FixSized.ReadByte(initial, ResponseSerializationVersionOffset),
            serverVersion,
            FixSized.ReadInt(initial, PartitionCountOffset),
            FixSized.ReadUuid(initial, ClusterIdOffset),
            FixSized.ReadBool(initial, FailoverSupportedOffset),
            tpcPorts, tpcToken, memberListVersion, members, partitionListVersion, partitions, keyValues);
    }
}
