namespace Pink.Shell.Hazelcast;

/// <summary>Where and how the client connects. <see cref="ToString"/> never shows the password.</summary>
public sealed record HazelcastClientOptions(HzAddress Address, string ClusterName)
{
    /// <summary>Username, when the cluster uses client identity (null otherwise).</summary>
    public string? Username { get; init; }

    /// <summary>Password for <see cref="Username"/>.</summary>
    public string? Password { get; init; }

    /// <summary>Name the member shows for this client.</summary>
    public string ClientName { get; init; } = "pink";

    /// <summary>Client type code; "CSP" is the protocol's code for a C# client.</summary>
    public string ClientType { get; init; } = "CSP";

    /// <summary>Client version announced to the member (the protocol level whose layout Pink sends).</summary>
    public string ClientVersion { get; init; } = "5.5.0";

    /// <summary>Labels the member shows for this client.</summary>
    public IReadOnlyList<string> Labels { get; init; } = ["pink"];

    /// <summary>Identifies this client instance to the member.</summary>
    public HzUuid ClientUuid { get; init; } = HzUuid.NewRandom();

    /// <summary>Request layout; 2.8 declares unisocket routing explicitly.</summary>
    public AuthenticationLayout Layout { get; init; } = AuthenticationLayout.Protocol28;

    /// <summary>How long a TCP connect may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long any one request may wait for its response.</summary>
    public TimeSpan InvocationTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Frames larger than this are treated as a corrupt stream.</summary>
    public int MaxFrameBytes { get; init; } = WireFormat.DefaultMaxFrameBytes;

    /// <summary>The ClientAuthentication parameters these options describe.</summary>
    public AuthenticationRequest AuthenticationRequest() =>
        new(ClusterName, Username, Password, ClientUuid, ClientType, SerializationVersion: 1, ClientVersion, ClientName, Labels);

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Address} cluster '{ClusterName}' as '{ClientName}'" + (Username is null ? "" : $" user '{Username}'");
}
