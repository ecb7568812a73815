using System.Buffers.Binary;
using Pink.Shell.Hazelcast;

namespace Pink.Tests.Hazelcast;

/// <summary>
/// Hazelcast's protocol compatibility vectors (shared/vectors/hazelcast). Messages are cut out of the files by
/// this class's own frame walk, independent of <see cref="WireFormat"/>, and found by message type.
/// </summary>
internal static class Vectors
{
    public const string V20 = "2.0.protocol.compatibility.binary";
    public const string V20Null = "2.0.protocol.compatibility.null.binary";
    public const string V29 = "2.9.protocol.compatibility.binary";
    public const string V29Null = "2.9.protocol.compatibility.null.binary";

    public static readonly string[] Files = [V20, V20Null, V29, V29Null];

    public static TheoryData<string> AllFiles() => [.. Files];

    public static bool IsNullFile(string file) => file.Contains(".null.", StringComparison.Ordinal);

    public static bool Is29(string file) => file.StartsWith("2.9", StringComparison.Ordinal);

    public static string Directory { get; } = Locate();

    public static byte[] Bytes(string file) => File.ReadAllBytes(Path.Combine(Directory, file));

    /// <summary>Each message of the file as its raw bytes, in file order.</summary>
    public static IReadOnlyList<byte[]> RawMessages(string file)
    {
        var bytes = Bytes(file);
        var messages = new List<byte[]>();
        int pos = 0, start = 0;
        while (pos < bytes.Length)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(pos));
            var flags = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(pos + 4));
            Assert.True(length >= 6 && pos + length <= bytes.Length, $"{file}: bad frame length {length} at {pos}");
            pos += length;
            if ((flags & 0x2000) != 0)
            {
                messages.Add(bytes[start..pos]);
                start = pos;
            }
        }
        Assert.Equal(bytes.Length, start);
        return messages;
    }

    /// <summary>The raw bytes of the one message of <paramref name="type"/> in the file.</summary>
    public static byte[] Message(string file, int type)
    {
        // The message type is the first int32 of the first frame's content (after its 6-byte header).
        var matches = RawMessages(file).Where(m => BinaryPrimitives.ReadInt32LittleEndian(m.AsSpan(6)) == type).ToList();
        Assert.True(matches.Count == 1, $"{file}: expected one message of type 0x{type:X6}, found {matches.Count}");
        return matches[0];
    }

    /// <summary>The message of <paramref name="type"/>, parsed.</summary>
    public static ClientMessage Parsed(string file, int type) => Assert.Single(WireFormat.ReadAll(Message(file, type)));

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("PINK_HAZELCAST_VECTORS") is { Length: > 0 } env) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "vectors", "hazelcast");
            if (System.IO.Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"shared/vectors/hazelcast not found above {AppContext.BaseDirectory} (set PINK_HAZELCAST_VECTORS)");
    }
}

/// <summary>hazelcast-client-protocol binary/reference_objects.py: the values every vector message carries.</summary>
internal static class Reference
{
    public const bool Boolean = true;
    public const byte Byte = 113;
    public const int Int = 25;
    public const long Long = -50992225;
    public const string String = "localhost";
    public static readonly HzUuid Uuid = new(123456789, 987654321);
    public static readonly byte[] Data = "111313123131313131"u8.ToArray();
    public static readonly byte[] ByteArray = [Byte];
    /// <summary>EndpointQualifier's specific value in reference_objects.py.</summary>
    public const int EndpointQualifierType = 2;
}
