namespace Pink.Shell.Hazelcast;

/// <summary>
/// One frame: on the wire an int32 LE length (content + 6-byte header), uint16 LE flags, then the content.
/// Immutable so a decoded message can be shared between the reader and whoever awaits it.
/// </summary>
public sealed class Frame
{
    /// <summary>Size of the length and flags that precede every frame's content.</summary>
    public const int HeaderSize = 6;

    /// <summary>A frame with the given content and flags.</summary>
    public Frame(byte[] content, ushort flags = FrameFlags.None)
    {
        Content = content;
        Flags = flags;
    }

    /// <summary>The frame's content (without the 6-byte header).</summary>
    public byte[] Content { get; }

    /// <summary>The frame's flags as they travel (the writer adds IS_FINAL to a message's last frame).</summary>
    public ushort Flags { get; }

    /// <summary>Length on the wire, header included.</summary>
    public int WireLength => HeaderSize + Content.Length;

    /// <summary>True when the flag is set.</summary>
    public bool Has(ushort flag) => (Flags & flag) == flag;

    /// <summary>Opens a nested structure.</summary>
    public bool IsBeginStructure => Has(FrameFlags.BeginDataStructure);

    /// <summary>Closes a nested structure.</summary>
    public bool IsEndStructure => Has(FrameFlags.EndDataStructure);

    /// <summary>Stands for a null value.</summary>
    public bool IsNull => Has(FrameFlags.IsNull);

    /// <summary>A new empty BEGIN_DATA_STRUCTURE frame.</summary>
    public static Frame Begin() => new([], FrameFlags.BeginDataStructure);

    /// <summary>A new empty END_DATA_STRUCTURE frame.</summary>
    public static Frame End() => new([], FrameFlags.EndDataStructure);

    /// <summary>A new empty IS_NULL frame.</summary>
    public static Frame Null() => new([], FrameFlags.IsNull);
}
