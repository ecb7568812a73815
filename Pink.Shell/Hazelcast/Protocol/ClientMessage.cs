using System.Buffers.Binary;

namespace Pink.Shell.Hazelcast;

/// <summary>
/// A client message: an initial frame (message type, correlation id, partition id or backup acks, then the
/// fixed-size parameters) followed by one frame per variable-size parameter.
/// </summary>
public sealed class ClientMessage
{
    /// <summary>Offset of the int32 message type in the initial frame.</summary>
    public const int TypeOffset = 0;
    /// <summary>Offset of the int64 correlation id.</summary>
    public const int CorrelationIdOffset = 4;
    /// <summary>Offset of the int32 partition id in requests and events.</summary>
    public const int PartitionIdOffset = 12;
    /// <summary>Offset of the byte of backup acks in responses.</summary>
    public const int BackupAcksOffset = 12;
    /// <summary>Where a request's (and an event's) fixed-size parameters start.</summary>
    public const int RequestHeaderSize = 16;
    /// <summary>Where a response's fixed-size parameters start.</summary>
    public const int ResponseHeaderSize = 13;

    private readonly List<Frame> frames;

    /// <summary>A message made of these frames; the first is the initial frame.</summary>
    public ClientMessage(IEnumerable<Frame> frames)
    {
        this.frames = [.. frames];
        // Not checked further here: a fragment's first frame holds only an 8-byte fragmentation id.
        if (this.frames.Count == 0) throw new HazelcastProtocolException("a client message needs at least its initial frame");
    }

    /// <summary>All frames, initial first.</summary>
    public IReadOnlyList<Frame> Frames => frames;

    /// <summary>The frame that carries the header and the fixed-size parameters.</summary>
    public Frame InitialFrame => frames[0];

    /// <summary>The message type (see <see cref="MessageTypes"/>).</summary>
    public int MessageType => BinaryPrimitives.ReadInt32LittleEndian(Header(TypeOffset, 4));

    /// <summary>Pairs a response with its request.</summary>
    public long CorrelationId
    {
        get => BinaryPrimitives.ReadInt64LittleEndian(Header(CorrelationIdOffset, 8));
        set => BinaryPrimitives.WriteInt64LittleEndian(Header(CorrelationIdOffset, 8), value);
    }

    /// <summary>The partition a request is executed on (-1: any member, no partition).</summary>
    public int PartitionId
    {
        get => BinaryPrimitives.ReadInt32LittleEndian(Header(PartitionIdOffset, 4));
        set => BinaryPrimitives.WriteInt32LittleEndian(Header(PartitionIdOffset, 4), value);
    }

    /// <summary>True for event messages (listeners), which answer no request.</summary>
    public bool IsEvent => InitialFrame.Has(FrameFlags.IsEvent);

    private Span<byte> Header(int offset, int size) =>
        InitialFrame.Content.Length >= offset + size
            ? InitialFrame.Content.AsSpan(offset, size)
            : throw new HazelcastProtocolException($"initial frame of {InitialFrame.Content.Length} bytes is shorter than its header");

    /// <summary>Appends a frame.</summary>
    public void Add(Frame frame) => frames.Add(frame);

    /// <summary>A cursor for decoding, positioned on the initial frame.</summary>
    public FrameCursor Cursor() => new(this);

    /// <summary>
    /// A request with an initial frame of <paramref name="fixedSize"/> parameter bytes, partition id -1 and
    /// correlation id 0 (the connection assigns the real one, the client the real partition).
    /// </summary>
    public static ClientMessage CreateRequest(int messageType, int fixedSize) =>
        Create(messageType, RequestHeaderSize + fixedSize, partitionId: -1);

    /// <summary>A response with room for <paramref name="fixedSize"/> parameter bytes (used by scripted peers).</summary>
    public static ClientMessage CreateResponse(int messageType, int fixedSize) =>
        Create(messageType, ResponseHeaderSize + fixedSize, partitionId: null);

    private static ClientMessage Create(int messageType, int initialSize, int? partitionId)
    {
        var content = new byte[initialSize];
        BinaryPrimitives.WriteInt32LittleEndian(content.AsSpan(TypeOffset), messageType);
        if (partitionId is int p) BinaryPrimitives.WriteInt32LittleEndian(content.AsSpan(PartitionIdOffset), p);
        return new ClientMessage([new Frame(content, FrameFlags.Unfragmented)]);
    }
}
