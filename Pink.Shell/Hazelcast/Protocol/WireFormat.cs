using System.Buffers.Binary;

namespace Pink.Shell.Hazelcast;

/// <summary>
/// Messages as bytes: each frame is int32 LE length (header included), uint16 LE flags, content; the last frame
/// of a message carries IS_FINAL. A client opens a connection by sending the 3 bytes "CP2".
/// </summary>
public static class WireFormat
{
    /// <summary>The connection header a client sends first (client protocol 2).</summary>
    public static ReadOnlySpan<byte> ConnectionHeader => "CP2"u8;

    /// <summary>Frames larger than this are refused as corrupt (a member never sends a snapshot this big).</summary>
    public const int DefaultMaxFrameBytes = 64 * 1024 * 1024;

    /// <summary>Bytes the message takes on the wire.</summary>
    public static int Length(ClientMessage message)
    {
        var total = 0;
        foreach (var frame in message.Frames) total += frame.WireLength;
        return total;
    }

    /// <summary>The message as it travels.</summary>
    public static byte[] ToBytes(ClientMessage message)
    {
        var bytes = new byte[Length(message)];
        Write(message, bytes);
        return bytes;
    }

    /// <summary>Writes the message into <paramref name="destination"/>; returns the bytes written.</summary>
    public static int Write(ClientMessage message, Span<byte> destination)
    {
        var pos = 0;
        var frames = message.Frames;
        for (var i = 0; i < frames.Count; i++)
        {
            var frame = frames[i];
            var flags = i == frames.Count - 1 ? (ushort)(frame.Flags | FrameFlags.IsFinal) : frame.Flags;
            BinaryPrimitives.WriteInt32LittleEndian(destination[pos..], frame.WireLength);
            BinaryPrimitives.WriteUInt16LittleEndian(destination[(pos + 4)..], flags);
            frame.Content.CopyTo(destination[(pos + Frame.HeaderSize)..]);
            pos += frame.WireLength;
        }
        return pos;
    }

    /// <summary>
    /// Every message in a buffer that holds whole messages back to back (a vector file). A trailing partial
    /// frame or message is a <see cref="HazelcastProtocolException"/>.
    /// </summary>
    public static IReadOnlyList<ClientMessage> ReadAll(ReadOnlySpan<byte> bytes, int maxFrameBytes = DefaultMaxFrameBytes)
    {
        var messages = new List<ClientMessage>();
        var frames = new List<Frame>();
        var pos = 0;
        while (pos < bytes.Length)
        {
            if (bytes.Length - pos < Frame.HeaderSize) throw new HazelcastProtocolException($"{bytes.Length - pos} trailing bytes are not a frame header");
            var (length, flags) = Header(bytes[pos..], maxFrameBytes);
            if (bytes.Length - pos < length) throw new HazelcastProtocolException($"frame of {length} bytes at {pos} runs past the end ({bytes.Length})");
            frames.Add(new Frame(bytes.Slice(pos + Frame.HeaderSize, length - Frame.HeaderSize).ToArray(), flags));
            pos += length;
            if ((flags & FrameFlags.IsFinal) != 0)
            {
                messages.Add(new ClientMessage(frames));
                frames.Clear();
            }
        }
        if (frames.Count > 0) throw new HazelcastProtocolException("the last message has no frame flagged IS_FINAL");
        return messages;
    }

    /// <summary>
    /// Reads one message from a stream: null on a clean end of stream between messages; an end of stream inside
    /// a message, or a corrupt frame length, is an error.
    /// </summary>
    public static async ValueTask<ClientMessage?> ReadAsync(Stream stream, int maxFrameBytes, CancellationToken ct)
    {
        var header = new byte[Frame.HeaderSize];
        var frames = new List<Frame>();
        while (true)
        {
            var got = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false);
            if (got == 0 && frames.Count == 0) return null;
            if (got < header.Length) throw new EndOfStreamException("connection closed inside a message");
            var (length, flags) = Header(header, maxFrameBytes);
            var content = new byte[length - Frame.HeaderSize];
            await stream.ReadExactlyAsync(content, ct).ConfigureAwait(false);
            frames.Add(new Frame(content, flags));
            if ((flags & FrameFlags.IsFinal) != 0) return new ClientMessage(frames);
        }
    }

    private static (int Length, ushort Flags) Header(ReadOnlySpan<byte> bytes, int maxFrameBytes)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        if (length < Frame.HeaderSize || length > maxFrameBytes)
            throw new HazelcastProtocolException($"frame length {length} is outside [{Frame.HeaderSize}, {maxFrameBytes}]: the stream is corrupt or not Hazelcast");
        return (length, BinaryPrimitives.ReadUInt16LittleEndian(bytes[4..]));
    }
}
