using System.Buffers.Binary;
using System.Numerics;

namespace Pink.Shell.Hazelcast;

/// <summary>
/// MurmurHash3 x86_32, as Hazelcast computes partition hashes. The seed is 0x01000193 (the protocol
/// documentation's 0x0100193 is a typo; Java's HashUtil and the Node.js client use 0x01000193).
/// </summary>
public static class Murmur3
{
    /// <summary>Hazelcast's seed.</summary>
    public const uint HazelcastSeed = 0x01000193;

    private const uint C1 = 0xcc9e2d51;
    private const uint C2 = 0x1b873593;

    /// <summary>The 32-bit hash, as Java's signed int.</summary>
    public static int Hash32(ReadOnlySpan<byte> data, uint seed = HazelcastSeed)
    {
        var h = seed;
        var blocks = data.Length / 4;
        for (var i = 0; i < blocks; i++)
        {
            h ^= Mix(BinaryPrimitives.ReadUInt32LittleEndian(data[(i * 4)..]));
            h = BitOperations.RotateLeft(h, 13);
            h = h * 5 + 0xe6546b64;
        }
        var tail = data[(blocks * 4)..];
        uint k = 0;
        switch (tail.Length)
        {
            case 3: k ^= (uint)tail[2] << 16; goto case 2;
            case 2: k ^= (uint)tail[1] << 8; goto case 1;
            case 1:
                k ^= tail[0];
                h ^= Mix(k);
                break;
        }
        h ^= (uint)data.Length;
        return unchecked((int)FinalMix(h));
    }

    private static uint Mix(uint k)
    {
        k *= C1;
        k = BitOperations.RotateLeft(k, 15);
        return k * C2;
    }

    private static uint FinalMix(uint h)
    {
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return h;
    }
}
