using System.Buffers.Binary;

namespace Pink.Shell.Hazelcast;

/// <summary>Fixed-size parameters inside a frame's content, all little-endian (FixSizedTypesCodec).</summary>
public static class FixSized
{
    /// <summary>Size of a byte.</summary>
    public const int ByteSize = 1;
    /// <summary>Size of a boolean.</summary>
    public const int BoolSize = 1;
    /// <summary>Size of an int32.</summary>
    public const int IntSize = 4;
    /// <summary>Size of an int64.</summary>
    public const int LongSize = 8;
    /// <summary>Size of a nullable UUID: flag byte + two int64.</summary>
    public const int UuidSize = 17;

    /// <summary>Writes a byte.</summary>
    public static void WriteByte(byte[] b, int offset, byte v) => b[offset] = v;
    /// <summary>Reads a byte.</summary>
    public static byte ReadByte(byte[] b, int offset) => Slice(b, offset, ByteSize)[0];
    /// <summary>Writes a boolean as 1 or 0.</summary>
    public static void WriteBool(byte[] b, int offset, bool v) => b[offset] = v ? (byte)1 : (byte)0;
    /// <summary>Reads a boolean (any non-zero byte is true).</summary>
    public static bool ReadBool(byte[] b, int offset) => Slice(b, offset, BoolSize)[0] != 0;
    /// <summary>Writes an int32 LE.</summary>
    public static void WriteInt(byte[] b, int offset, int v) => BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(offset), v);
    /// <summary>Reads an int32 LE.</summary>
    public static int ReadInt(byte[] b, int offset) => BinaryPrimitives.ReadInt32LittleEndian(Slice(b, offset, IntSize));
    /// <summary>Writes an int64 LE.</summary>
    public static void WriteLong(byte[] b, int offset, long v) => BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(offset), v);
    /// <summary>Reads an int64 LE.</summary>
    public static long ReadLong(byte[] b, int offset) => BinaryPrimitives.ReadInt64LittleEndian(Slice(b, offset, LongSize));

    /// <summary>Writes a nullable UUID: the null flag, then (when not null) the two halves.</summary>
    public static void WriteUuid(byte[] b, int offset, HzUuid? v)
    {
        WriteBool(b, offset, v is null);
        if (v is not HzUuid u) return;
        WriteLong(b, offset + BoolSize, u.MostSignificant);
        WriteLong(b, offset + BoolSize + LongSize, u.LeastSignificant);
    }

    /// <summary>Reads a nullable UUID.</summary>
    public static HzUuid? ReadUuid(byte[] b, int offset) =>
        ReadBool(b, offset) ? null : new HzUuid(ReadLong(b, offset + BoolSize), ReadLong(b, offset + BoolSize + LongSize));

    /// <summary>True when the frame holds <paramref name="size"/> bytes at <paramref name="offset"/>
    /// (fields a later protocol version appended are absent from older messages).</summary>
    public static bool Has(byte[] b, int offset, int size) => b.Length >= offset + size;

    private static ReadOnlySpan<byte> Slice(byte[] b, int offset, int size) =>
        Has(b, offset, size)
            ? b.AsSpan(offset, size)
            : throw new HazelcastProtocolException($"a fixed-size field at {offset}..{offset + size} lies outside a frame of {b.Length} bytes");
}
