namespace Pink.Shell.Hazelcast;

/// <summary>
/// Walks a message's frames while decoding. Running past the end is a malformed message, reported as a
/// <see cref="HazelcastProtocolException"/> rather than an index error.
/// </summary>
public sealed class FrameCursor
{
    private readonly IReadOnlyList<Frame> frames;
    private int next;

    /// <summary>A cursor on the initial frame of <paramref name="message"/>.</summary>
    public FrameCursor(ClientMessage message) => frames = message.Frames;

    /// <summary>True while frames remain.</summary>
    public bool HasNext => next < frames.Count;

    /// <summary>The next frame, consumed.</summary>
    public Frame Next() => HasNext ? frames[next++] : throw new HazelcastProtocolException("message ended before all its parameters were read");

    /// <summary>The next frame, not consumed.</summary>
    public Frame Peek() => HasNext ? frames[next] : throw new HazelcastProtocolException("message ended before all its parameters were read");

    /// <summary>True (and consumed) when the next frame is a null frame.</summary>
    public bool NextIsNull()
    {
        if (!Peek().IsNull) return false;
        next++;
        return true;
    }

    /// <summary>True when the next frame closes the current structure.</summary>
    public bool NextIsEnd() => Peek().IsEndStructure;

    /// <summary>
    /// Skips to just past the END frame of the structure whose BEGIN was consumed, so fields that a newer
    /// protocol version added after the ones we know are passed over (forward compatibility).
    /// </summary>
    public void SkipToEndOfStructure()
    {
        var depth = 1;
        while (depth > 0)
        {
            var frame = Next();
            if (frame.IsEndStructure) depth--;
            else if (frame.IsBeginStructure) depth++;
        }
    }
}
