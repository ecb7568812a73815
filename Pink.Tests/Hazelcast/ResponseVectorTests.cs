using Pink.Shell.Hazelcast;

namespace Pink.Tests.Hazelcast;

/// <summary>The vector responses decode to the reference objects (null files: nullable fields are null).</summary>
public class ResponseVectorTests
{
    [Theory]
    [MemberData(nameof(Vectors.AllFiles), MemberType = typeof(Vectors))]
    public void ClientAuthentication_response_decodes_to_the_reference_objects(string file)
    {
        var nulls = Vectors.IsNullFile(file);
        var r = ClientAuthenticationCodec.DecodeResponse(Vectors.Parsed(file, MessageTypes.ClientAuthenticationResponse));

        Assert.Equal(Reference.Byte, r.Status);
        Assert.Equal(nulls ? null : new HzAddress(Reference.String, Reference.Int), r.Address);
        Assert.Equal(nulls ? null : Reference.Uuid, r.MemberUuid);
        Assert.Equal(Reference.Byte, r.SerializationVersion);
        Assert.Equal(Reference.String, r.ServerHazelcastVersion);
        Assert.Equal(Reference.Int, r.PartitionCount);
        Assert.Equal(Reference.Uuid, r.ClusterId);
        Assert.Equal(Reference.Boolean, r.FailoverSupported);
        if (Vectors.Is29(file)) AssertProtocol27And28Fields(r, nulls);
        else AssertNoLaterFields(r);
    }

    private static void AssertProtocol27And28Fields(AuthenticationResponse r, bool nulls)
    {
        if (nulls)
        {
            Assert.Null(r.TpcPorts);
            Assert.Null(r.TpcToken);
        }
        else
        {
            Assert.Equal([Reference.Int], r.TpcPorts!);
            Assert.Equal(Reference.ByteArray, r.TpcToken);
        }
        Assert.Equal(Reference.Int, r.MemberListVersion);
        Assert.Equal(Reference.Int, r.PartitionListVersion);

        var member = Assert.Single(r.MemberInfos!);
        Assert.Equal(new HzAddress(Reference.String, Reference.Int), member.Address);
        Assert.Equal(Reference.Uuid, member.Uuid);
        Assert.Equal([new(Reference.String, Reference.String)], member.Attributes);
        Assert.Equal(Reference.Boolean, member.LiteMember);
        Assert.Equal(new MemberVersion(Reference.Byte, Reference.Byte, Reference.Byte), member.Version);
        var endpoint = Assert.Single(member.AddressMap!);
        Assert.Equal(new EndpointQualifier(Reference.EndpointQualifierType, Reference.String), endpoint.Key);
        Assert.Equal(new HzAddress(Reference.String, Reference.Int), endpoint.Value);

        var partitions = Assert.Single(r.Partitions!);
        Assert.Equal(Reference.Uuid, partitions.Key);
        Assert.Equal([Reference.Int], partitions.Value);
        Assert.Equal([new(Reference.String, Reference.String)], r.KeyValuePairs!);
    }

    private static void AssertNoLaterFields(AuthenticationResponse r)
    {
        Assert.Null(r.TpcPorts);
        Assert.Null(r.TpcToken);
        Assert.Null(r.MemberListVersion);
        Assert.Null(r.MemberInfos);
        Assert.Null(r.PartitionListVersion);
        Assert.Null(r.Partitions);
        Assert.Null(r.KeyValuePairs);
    }

    [Theory]
    [MemberData(nameof(Vectors.AllFiles), MemberType = typeof(Vectors))]
    public void ClientPing_response_decodes(string file)
    {
        var message = Vectors.Parsed(file, MessageTypes.ClientPingResponse);
        ClientPingCodec.DecodeResponse(message);
        Assert.Single(message.Frames);
        Assert.Equal(ClientMessage.ResponseHeaderSize, message.InitialFrame.Content.Length);
    }

    [Theory]
    [MemberData(nameof(Vectors.AllFiles), MemberType = typeof(Vectors))]
    public void MapPut_response_decodes_to_the_reference_data_or_null(string file)
    {
        var previous = MapPutCodec.DecodeResponse(Vectors.Parsed(file, MessageTypes.MapPutResponse));
        if (Vectors.IsNullFile(file)) Assert.Null(previous);
        else Assert.Equal(Reference.Data, previous!.ToArray());
    }

    [Theory]
    [MemberData(nameof(Vectors.AllFiles), MemberType = typeof(Vectors))]
    public void MapGet_response_decodes_to_the_reference_data_or_null(string file)
    {
        var value = MapGetCodec.DecodeResponse(Vectors.Parsed(file, MessageTypes.MapGetResponse));
        if (Vectors.IsNullFile(file)) Assert.Null(value);
        else Assert.Equal(Reference.Data, value!.ToArray());
    }

    [Theory]
    [MemberData(nameof(Vectors.AllFiles), MemberType = typeof(Vectors))]
    public void MapSet_response_decodes(string file) => MapSetCodec.DecodeResponse(Vectors.Parsed(file, MessageTypes.MapSetResponse));

    [Fact]
    public void A_response_of_another_type_is_a_protocol_error_naming_both()
    {
        var e = Assert.Throws<HazelcastProtocolException>(() => MapGetCodec.DecodeResponse(Vectors.Parsed(Vectors.V29, MessageTypes.MapPutResponse)));
        Assert.Contains("MapGet response", e.Message);
        Assert.Contains("MapPut response", e.Message);
    }

    [Fact]
    public void An_error_response_decodes_into_a_server_exception_with_code_class_message_and_causes()
    {
        var errors = new ErrorHolder[]
        {
            new(ErrorCodes.AccessControl, "java.security.AccessControlException", "Permission (\"map\" \"pink_x\" \"put\") denied!",
                [new StackTraceElement("com.hazelcast.security.SecurityContextImpl", "checkPermission", "SecurityContextImpl.java", 87),
                 new StackTraceElement("Native", "call", null, -2)]),
            new(ErrorCodes.Undefined, "java.lang.RuntimeException", null, []),
        };
        var bytes = WireFormat.ToBytes(ErrorsCodec.Encode(errors, correlationId: 42));
        var message = Assert.Single(WireFormat.ReadAll(bytes));

        var e = Assert.Throws<HazelcastServerException>(() => MapSetCodec.DecodeResponse(message));
        Assert.Equal(ErrorCodes.AccessControl, e.ErrorCode);
        Assert.Equal("java.security.AccessControlException", e.ClassName);
        Assert.Equal(2, e.Errors.Count);
        Assert.Equal(errors[0].StackTrace, e.Errors[0].StackTrace);
        Assert.Null(e.Errors[1].Message);
        Assert.Equal(
            "Hazelcast member error 64 (ACCESS_CONTROL) java.security.AccessControlException: Permission (\"map\" \"pink_x\" \"put\") denied! " +
            "at com.hazelcast.security.SecurityContextImpl.checkPermission(SecurityContextImpl.java:87); caused by java.lang.RuntimeException: (no message)",
            e.Message);
    }
}
