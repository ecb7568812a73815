namespace Pink.Shell.Hazelcast;

/// <summary>
/// An authenticated unisocket client: one connection to one member, which forwards each keyed request to the
/// partition named in it. Just the operations Pink needs: Map.Set / Map.Get / Map.Put and ClientPing.
/// </summary>
public sealed class HazelcastClient : IAsyncDisposable
{
    // Hazelcast uses the thread id only to honour entry locks; Pink takes none, so any constant will do.
    private const long ThreadId = 1;

    private readonly HazelcastConnection connection;
    private readonly TimeSpan invocationTimeout;

    private HazelcastClient(HazelcastConnection connection, AuthenticationResponse authentication, TimeSpan invocationTimeout)
    {
        this.connection = connection;
        Authentication = authentication;
        this.invocationTimeout = invocationTimeout;
    }

    /// <summary>What the member answered to the authentication.</summary>
    public AuthenticationResponse Authentication { get; }

    /// <summary>The cluster's partition count (from the authentication response).</summary>
    public int PartitionCount => Authentication.PartitionCount;

    /// <summary>False once the connection closed.</summary>
    public bool IsConnected => connection.IsOpen;

    /// <summary>Why the connection closed, or null while connected.</summary>
    public Exception? CloseReason => connection.CloseReason;

    /// <summary>Milliseconds since the last request was sent.</summary>
    public long MillisSinceLastWrite => connection.MillisSinceLastWrite;

    /// <summary>The member's address.</summary>
    public HzAddress Remote => connection.Remote;

    /// <summary>Connects, sends CP2 and authenticates; throws <see cref="HazelcastAuthenticationException"/> when refused.</summary>
    public static async Task<HazelcastClient> ConnectAsync(HazelcastClientOptions options, CancellationToken ct)
    {
        var connection = await HazelcastConnection.OpenAsync(options.Address, options.ConnectTimeout, options.MaxFrameBytes, ct).ConfigureAwait(false);
        try
        {
            var request = ClientAuthenticationCodec.EncodeRequest(options.AuthenticationRequest(), options.Layout);
            var response = ClientAuthenticationCodec.DecodeResponse(await connection.InvokeAsync(request, options.InvocationTimeout, ct).ConfigureAwait(false));
            Accept(response, options);
            return new HazelcastClient(connection, response, options.InvocationTimeout);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static void Accept(AuthenticationResponse response, HazelcastClientOptions options)
    {
        if (response.Status != AuthenticationStatus.Authenticated)
            throw new HazelcastAuthenticationException(response.Status,
                $"Hazelcast member at {options.Address} refused authentication: {AuthenticationStatus.Name(response.Status)} ({Hint(response.Status, options)})");
        if (response.PartitionCount <= 0)
            throw new HazelcastProtocolException($"authentication response carries partition count {response.PartitionCount}");
    }

    private static string Hint(byte status, HazelcastClientOptions options) => status switch
    {
        AuthenticationStatus.CredentialsFailed => $"check the cluster name '{options.ClusterName}'" + (options.Username is null ? "" : " and the username/password"),
        AuthenticationStatus.SerializationVersionMismatch => "the member speaks another serialization version than 1",
        AuthenticationStatus.NotAllowedInCluster => "the cluster does not allow this client",
        _ => "status not defined by the protocol",
    };

    /// <summary>Map.Set: stores <paramref name="value"/> under <paramref name="key"/> (ttl -1: the map's default, 0: forever).</summary>
    public async Task SetAsync(string map, HzData key, HzData value, long ttlMs, CancellationToken ct)
    {
        var request = MapSetCodec.EncodeRequest(map, key, value, ThreadId, ttlMs);
        request.PartitionId = Partitioning.IdOf(key, PartitionCount);
        MapSetCodec.DecodeResponse(await connection.InvokeAsync(request, invocationTimeout, ct).ConfigureAwait(false));
    }

    /// <summary>Map.Put: stores and returns the previous value (or null).</summary>
    public async Task<HzData?> PutAsync(string map, HzData key, HzData value, long ttlMs, CancellationToken ct)
    {
        var request = MapPutCodec.EncodeRequest(map, key, value, ThreadId, ttlMs);
        request.PartitionId = Partitioning.IdOf(key, PartitionCount);
        return MapPutCodec.DecodeResponse(await connection.InvokeAsync(request, invocationTimeout, ct).ConfigureAwait(false));
    }

    /// <summary>Map.Get: the value under <paramref name="key"/>, or null.</summary>
    public async Task<HzData?> GetAsync(string map, HzData key, CancellationToken ct)
    {
        var request = MapGetCodec.EncodeRequest(map, key, ThreadId);
        request.PartitionId = Partitioning.IdOf(key, PartitionCount);
        return MapGetCodec.DecodeResponse(await connection.InvokeAsync(request, invocationTimeout, ct).ConfigureAwait(false));
    }

    /// <summary>ClientPing: keeps the connection alive (members drop clients silent for 60 s).</summary>
    public async Task PingAsync(CancellationToken ct) =>
        ClientPingCodec.DecodeResponse(await connection.InvokeAsync(ClientPingCodec.EncodeRequest(), invocationTimeout, ct).ConfigureAwait(false));

    /// <summary>Closes the connection.</summary>
    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
