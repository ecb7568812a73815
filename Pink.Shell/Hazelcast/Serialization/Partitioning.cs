namespace Pink.Shell.Hazelcast;

/// <summary>Which partition a key lives in. The member stores a keyed request in the partition the client names.</summary>
public static class Partitioning
{
    /// <summary>
    /// Java's HashUtil.hashToIndex: abs(hash) % count, and 0 for int.MinValue (whose abs overflows). The Node.js
    /// client computes 2^31 % count for that one hash; Pink follows the member's Java rule.
    /// </summary>
    public static int IdOf(int hash, int partitionCount)
    {
        if (partitionCount <= 0) throw new ArgumentOutOfRangeException(nameof(partitionCount), partitionCount, "partition count must be positive");
        return hash == int.MinValue ? 0 : Math.Abs(hash) % partitionCount;
    }

    /// <summary>The partition of a serialized key.</summary>
    public static int IdOf(HzData key, int partitionCount) => IdOf(key.PartitionHash, partitionCount);
}
