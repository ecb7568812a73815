using System.Buffers.Binary;
using Pink.Shell.Hazelcast;

namespace Pink.Tests.Hazelcast;

/// <summary>The socket client against a loopback scripted peer that replays vector responses.</summary>
public class ClientSocketTests
{
    private static HazelcastClientOptions Options(ScriptedPeer peer, TimeSpan? invocationTimeout = null) =>
        new(peer.Address, "pink-test") { ClientUuid = Reference.Uuid, InvocationTimeout = invocationTimeout ?? Eventually.Limit };

    [Fact]
    public async Task Connects_with_CP2_and_authenticates_with_the_2_8_layout()
    {
        await using var peer = new ScriptedPeer(VectorReplies.Storing());
        var options = Options(peer);
        await using var client = await HazelcastClient.ConnectAsync(options, CancellationToken.None);

        Assert.Equal([true], peer.Headers);
        var auth = Assert.Single(peer.OfType(MessageTypes.ClientAuthentication));
        var expected = ClientAuthenticationCodec.EncodeRequest(options.AuthenticationRequest(), AuthenticationLayout.Protocol28);
        expected.CorrelationId = auth.Message.CorrelationId;
        Assert.Equal(Convert.ToHexString(WireFormat.ToBytes(expected)), Convert.ToHexString(auth.Bytes));
        Assert.Equal(-1, auth.Message.PartitionId);
        Assert.Equal(RoutingModes.Unisocket, auth.Message.InitialFrame.Content[16 + 17 + 1]);

        Assert.True(client.IsConnected);
        Assert.Equal(Reference.Int, client.PartitionCount);
        Assert.Equal(Reference.String, client.Authentication.ServerHazelcastVersion);
        Assert.Equal(Reference.Uuid, client.Authentication.ClusterId);
    }

    [Fact]
    public async Task Set_put_get_and_ping_send_the_codec_bytes_with_the_keys_partition_and_decode_the_vector_replies()
    {
        var script = (ClientMessage r, int _) => new PeerAction.Send(r.MessageType switch
        {
            MessageTypes.ClientAuthentication => VectorReplies.Authentication(r),
            _ => VectorReplies.Reply(r, r.MessageType + 1),
        });
        await using var peer = new ScriptedPeer(script);
        await using var client = await HazelcastClient.ConnectAsync(Options(peer), CancellationToken.None);
        var key = HzSerializer.String("pink:account");
        var value = HzSerializer.Json("{\"event_seq\":1}");
        var partition = Partitioning.IdOf(key, Reference.Int);

        await client.SetAsync("pink_account_snapshot", key, value, -1, CancellationToken.None);
        var previous = await client.PutAsync("pink_account_snapshot", key, value, 0, CancellationToken.None);
        var got = await client.GetAsync("pink_account_snapshot", key, CancellationToken.None);
        await client.PingAsync(CancellationToken.None);

        Assert.Equal(Reference.Data, previous!.ToArray());
        Assert.Equal(Reference.Data, got!.ToArray());
        AssertSent(peer, MessageTypes.MapSet, MapSetCodec.EncodeRequest("pink_account_snapshot", key, value, 1, -1), partition);
        AssertSent(peer, MessageTypes.MapPut, MapPutCodec.EncodeRequest("pink_account_snapshot", key, value, 1, 0), partition);
        AssertSent(peer, MessageTypes.MapGet, MapGetCodec.EncodeRequest("pink_account_snapshot", key, 1), partition);
        AssertSent(peer, MessageTypes.ClientPing, ClientPingCodec.EncodeRequest(), -1);
        var ids = peer.Requests.Select(r => r.Message.CorrelationId).ToList();
        Assert.Equal(ids.Distinct().Count(), ids.Count);
    }

    private static void AssertSent(ScriptedPeer peer, int type, ClientMessage expected, int partition)
    {
        var sent = Assert.Single(peer.OfType(type));
        expected.CorrelationId = sent.Message.CorrelationId;
        expected.PartitionId = partition;
        Assert.Equal(Convert.ToHexString(WireFormat.ToBytes(expected)), Convert.ToHexString(sent.Bytes));
    }

    [Fact]
    public async Task The_vector_status_113_is_refused_with_an_exception_naming_it()
    {
        await using var peer = new ScriptedPeer((r, _) => new PeerAction.Send(VectorReplies.Reply(r, MessageTypes.ClientAuthenticationResponse)));
        var e = await Assert.ThrowsAsync<HazelcastAuthenticationException>(() => HazelcastClient.ConnectAsync(Options(peer), CancellationToken.None));
        Assert.Equal(Reference.Byte, e.Status);
        Assert.Contains("UNKNOWN_STATUS_113", e.Message);
    }

    [Fact]
    public async Task Wrong_credentials_are_refused_with_an_exception_naming_the_cluster()
    {
        await using var peer = new ScriptedPeer((r, _) => new PeerAction.Send(VectorReplies.Authentication(r, AuthenticationStatus.CredentialsFailed)));
        var e = await Assert.ThrowsAsync<HazelcastAuthenticationException>(() => HazelcastClient.ConnectAsync(Options(peer), CancellationToken.None));
        Assert.Equal(AuthenticationStatus.CredentialsFailed, e.Status);
        Assert.Contains("CREDENTIALS_FAILED", e.Message);
        Assert.Contains("'pink-test'", e.Message);
    }

    [Fact]
    public async Task An_error_response_becomes_a_server_exception_and_the_connection_stays_usable()
    {
        var errors = new[] { new ErrorHolder(ErrorCodes.AccessControl, "java.security.AccessControlException", "denied", []) };
        await using var peer = new ScriptedPeer((r, _) => new PeerAction.Send(r.MessageType switch
        {
            MessageTypes.ClientAuthentication => VectorReplies.Authentication(r),
            MessageTypes.MapSet => ErrorsCodec.Encode(errors, r.CorrelationId),
            _ => VectorReplies.Reply(r, r.MessageType + 1),
        }));
        await using var client = await HazelcastClient.ConnectAsync(Options(peer), CancellationToken.None);

        var e = await Assert.ThrowsAsync<HazelcastServerException>(() =>
            client.SetAsync("pink_x", HzSerializer.String("k"), HzSerializer.String("v"), -1, CancellationToken.None));
        Assert.Equal(ErrorCodes.AccessControl, e.ErrorCode);
        Assert.Contains("ACCESS_CONTROL", e.Message);
        Assert.Contains("denied", e.Message);
        await client.PingAsync(CancellationToken.None);
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task A_peer_hanging_up_fails_the_request_with_a_connection_exception()
    {
        await using var peer = new ScriptedPeer((r, _) => r.MessageType == MessageTypes.ClientAuthentication
            ? new PeerAction.Send(VectorReplies.Authentication(r))
            : new PeerAction.Hangup());
        await using var client = await HazelcastClient.ConnectAsync(Options(peer), CancellationToken.None);

        var e = await Assert.ThrowsAsync<HazelcastConnectionException>(() => client.PingAsync(CancellationToken.None));
        Assert.Contains("closed", e.Message);
        Assert.False(client.IsConnected);
        await Assert.ThrowsAsync<HazelcastConnectionException>(() => client.PingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_silent_peer_times_the_request_out_with_the_request_named()
    {
        await using var peer = new ScriptedPeer((r, _) => r.MessageType == MessageTypes.ClientAuthentication
            ? new PeerAction.Send(VectorReplies.Authentication(r))
            : new PeerAction.Silence());
        var options = Options(peer) with { InvocationTimeout = TimeSpan.FromMilliseconds(200) };
        await using var client = await HazelcastClient.ConnectAsync(options, CancellationToken.None);

        var e = await Assert.ThrowsAsync<TimeoutException>(() => client.PingAsync(CancellationToken.None));
        Assert.Contains("ClientPing", e.Message);
    }

    [Fact]
    public async Task Nothing_listening_is_a_connection_exception_naming_the_address()
    {
        var port = FreePort();
        var options = new HazelcastClientOptions(new HzAddress("127.0.0.1", port), "dev");
        var e = await Assert.ThrowsAsync<HazelcastConnectionException>(() => HazelcastClient.ConnectAsync(options, CancellationToken.None));
        Assert.Contains($"127.0.0.1:{port}", e.Message);
    }

    [Fact]
    public async Task Events_are_skipped_and_fragmented_responses_reassembled()
    {
        await using var peer = new ScriptedPeer((r, _) => r.MessageType switch
        {
            MessageTypes.ClientAuthentication => new PeerAction.Send(Vectors.Parsed(Vectors.V29, 0x000302), VectorReplies.Authentication(r)),
            MessageTypes.MapGet => new PeerAction.SendBytes(Fragmented(VectorReplies.Reply(r, MessageTypes.MapGetResponse))),
            _ => new PeerAction.Send(VectorReplies.Reply(r, r.MessageType + 1)),
        });
        await using var client = await HazelcastClient.ConnectAsync(Options(peer), CancellationToken.None);
        var got = await client.GetAsync("pink_x", HzSerializer.String("k"), CancellationToken.None);
        Assert.Equal(Reference.Data, got!.ToArray());
    }

    private static byte[] Fragmented(ClientMessage whole)
    {
        var id = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(id, 9);
        var first = new ClientMessage([new Frame(id, FrameFlags.BeginFragment), whole.Frames[0]]);
        var last = new ClientMessage([new Frame(id, FrameFlags.EndFragment), .. whole.Frames.Skip(1)]);
        return [.. WireFormat.ToBytes(first), .. WireFormat.ToBytes(last)];
    }

    internal static int FreePort()
    {
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
