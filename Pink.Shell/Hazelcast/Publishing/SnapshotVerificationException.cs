namespace Pink.Shell.Hazelcast;

/// <summary>The snapshot read back with Map.Get differs from the one just set (another writer on the same key?).</summary>
public sealed class SnapshotVerificationException(string message) : Exception(message);
