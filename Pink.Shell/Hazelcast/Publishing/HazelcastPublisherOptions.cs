namespace Pink.Shell.Hazelcast;

/// <summary>
/// Where the snapshot goes: map <see cref="Map"/> (must belong to <see cref="Namespace"/>, rule 18) under the
/// namespaced key <see cref="Key"/>, stored as a HazelcastJsonValue.
/// </summary>
public sealed record HazelcastPublisherOptions(HazelcastClientOptions Client, string Namespace)
{
    /// <summary>The IMap name; defaults to "{namespace}_account_snapshot".</summary>
    public string Map { get; init; } = $"{Namespace}_account_snapshot";

    /// <summary>The entry key; defaults to "{namespace}:account".</summary>
    public string Key { get; init; } = $"{Namespace}:account";

    /// <summary>Entry TTL in ms: -1 uses the map's configured default, 0 keeps the entry forever.</summary>
    public long TtlMs { get; init; } = -1;

    /// <summary>Read each snapshot back with Map.Get and compare bytes.</summary>
    public bool VerifyWithGet { get; init; } = true;

    /// <summary>Idle time after which a ClientPing is sent.</summary>
    public TimeSpan PingInterval { get; init; } = KeepAlive.DefaultInterval;

    /// <summary>Waits between reconnect (and retry) attempts.</summary>
    public Backoff Backoff { get; init; } = Backoff.Default;

    /// <summary>How long disposal may spend sending a last pending snapshot.</summary>
    public TimeSpan FlushTimeout { get; init; } = TimeSpan.FromSeconds(2);
}
