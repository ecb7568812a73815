using System.Buffers.Binary;

namespace Pink.Shell.Hazelcast;

/// <summary>
/// A serialized value as Hazelcast stores it (HeapData): int32 BE partition hash (0 = derive it), int32 BE type
/// id, payload. Immutable; equality is byte equality.
/// </summary>
public sealed class HzData : IEquatable<HzData>
{
    /// <summary>Partition hash and type id.</summary>
    public const int HeaderSize = 8;

    private readonly byte[] bytes;

    private HzData(byte[] bytes) => this.bytes = bytes;

    /// <summary>A Data from its bytes (copied); at least the 8-byte header.</summary>
    public static HzData FromBytes(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= HeaderSize ? new HzData(bytes.ToArray()) : throw new ArgumentException($"Data needs at least {HeaderSize} bytes, got {bytes.Length}");

    /// <summary>A Data received in a frame (not copied: frames are not reused).</summary>
    internal static HzData FromWire(byte[] content) =>
        content.Length >= HeaderSize ? new HzData(content) : throw new HazelcastProtocolException($"Data frame of {content.Length} bytes is shorter than its header");

    /// <summary>Builds a Data with hash 0 from a type id and payload.</summary>
    internal static HzData Create(int typeId, ReadOnlySpan<byte> payload)
    {
        var b = new byte[HeaderSize + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(4), typeId);
        payload.CopyTo(b.AsSpan(HeaderSize));
        return new HzData(b);
    }

    /// <summary>All bytes, header included.</summary>
    public ReadOnlySpan<byte> Span => bytes;

    /// <summary>Length including the header.</summary>
    public int Length => bytes.Length;

    /// <summary>A copy of all bytes.</summary>
    public byte[] ToArray() => [.. bytes];

    /// <summary>The serializer type id (e.g. -11 String, -12 byte[], -130 HazelcastJsonValue).</summary>
    public int TypeId => BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4));

    /// <summary>The bytes after the header.</summary>
    public ReadOnlySpan<byte> Payload => bytes.AsSpan(HeaderSize);

    /// <summary>
    /// The hash that picks the partition: the stored one when non-zero (a partitioning strategy set it),
    /// otherwise Murmur3 x86_32 of the payload with seed 0x01000193.
    /// </summary>
    public int PartitionHash
    {
        get
        {
            var stored = BinaryPrimitives.ReadInt32BigEndian(bytes);
            return stored != 0 ? stored : Murmur3.Hash32(Payload);
        }
    }

    /// <inheritdoc/>
    public bool Equals(HzData? other) => other is not null && bytes.AsSpan().SequenceEqual(other.bytes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as HzData);

    /// <inheritdoc/>
    public override int GetHashCode() => PartitionHash;

    /// <summary>Hex of all bytes.</summary>
    public override string ToString() => Convert.ToHexStringLower(bytes);
}
