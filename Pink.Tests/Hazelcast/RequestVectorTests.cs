using Pink.Shell.Hazelcast;

namespace Pink.Tests.Hazelcast;

/// <summary>Requests built from the reference objects equal Hazelcast's vector messages byte for byte.</summary>
public class RequestVectorTests
{
    private static readonly HzData ReferenceData = HzData.FromBytes(Reference.Data);

    private static AuthenticationRequest ReferenceAuthentication(bool nulls) =>
        new(Reference.String, nulls ? null : Reference.String, nulls ? null : Reference.String, nulls ? null : Reference.Uuid, Reference.String,
            Reference.Byte, Reference.String, Reference.String, [Reference.String], RoutingMode: Reference.Byte, CpDirectToLeaderRouting: Reference.Boolean);

    [Theory]
    [MemberData(nameof(Vectors.AllFiles), MemberType = typeof(Vectors))]
    public void ClientAuthentication_request_equals_the_vector(string file)
    {
        var layout = Vectors.Is29(file) ? AuthenticationLayout.Protocol28 : AuthenticationLayout.Protocol20;
        var request = ClientAuthenticationCodec.EncodeRequest(ReferenceAuthentication(Vectors.IsNullFile(file)), layout);
        Assert.Equal(Convert.ToHexString(Vectors.Message(file, MessageTypes.ClientAuthentication)), Convert.ToHexString(WireFormat.ToBytes(request)));
    }

    [Theory]
    [MemberData(nameof(Vectors.AllFiles), MemberType = typeof(Vectors))]
    public void ClientPing_request_equals_the_vector(string file) =>
        Assert.Equal(Convert.ToHexString(Vectors.Message(file, MessageTypes.ClientPing)), Convert.ToHexString(WireFormat.ToBytes(ClientPingCodec.EncodeRequest())));

    [Theory]
    [MemberData(nameof(Vectors.AllFiles), MemberType = typeof(Vectors))]
    public void MapPut_request_equals_the_vector(string file)
    {
        var request = MapPutCodec.EncodeRequest(Reference.String, ReferenceData, ReferenceData, Reference.Long, Reference.Long);
        Assert.Equal(Convert.ToHexString(Vectors.Message(file, MessageTypes.MapPut)), Convert.ToHexString(WireFormat.ToBytes(request)));
    }

    [Theory]
    [MemberData(nameof(Vectors.AllFiles), MemberType = typeof(Vectors))]
    public void MapGet_request_equals_the_vector(string file)
    {
        var request = MapGetCodec.EncodeRequest(Reference.String, ReferenceData, Reference.Long);
        Assert.Equal(Convert.ToHexString(Vectors.Message(file, MessageTypes.MapGet)), Convert.ToHexString(WireFormat.ToBytes(request)));
    }

    [Theory]
    [MemberData(nameof(Vectors.AllFiles), MemberType = typeof(Vectors))]
    public void MapSet_request_equals_the_vector(string file)
    {
        var request = MapSetCodec.EncodeRequest(Reference.String, ReferenceData, ReferenceData, Reference.Long, Reference.Long);
        Assert.Equal(Convert.ToHexString(Vectors.Message(file, MessageTypes.MapSet)), Convert.ToHexString(WireFormat.ToBytes(request)));
    }

    [Fact]
    public void Request_types_match_the_yaml_ids_service_shl_16_or_method_shl_8()
    {
        // Client.yaml: service 0, authentication 1, ping 11. Map.yaml: service 1, put 1, get 2, set 15.
        Assert.Equal(0 << 16 | 1 << 8, MessageTypes.ClientAuthentication);
        Assert.Equal(0 << 16 | 11 << 8, MessageTypes.ClientPing);
        Assert.Equal(1 << 16 | 1 << 8, MessageTypes.MapPut);
        Assert.Equal(1 << 16 | 2 << 8, MessageTypes.MapGet);
        Assert.Equal(1 << 16 | 15 << 8, MessageTypes.MapSet);
        foreach (var request in new[] { MessageTypes.ClientAuthentication, MessageTypes.ClientPing, MessageTypes.MapPut, MessageTypes.MapGet, MessageTypes.MapSet })
            Assert.Contains(request + 1, new[] { MessageTypes.ClientAuthenticationResponse, MessageTypes.ClientPingResponse, MessageTypes.MapPutResponse, MessageTypes.MapGetResponse, MessageTypes.MapSetResponse });
    }
}
