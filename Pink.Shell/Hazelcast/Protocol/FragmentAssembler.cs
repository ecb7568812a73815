namespace Pink.Shell.Hazelcast;

/// <summary>
/// Reassembles fragmented messages. A fragment's first frame carries only an int64 fragmentation id and the
/// BEGIN_FRAGMENT / END_FRAGMENT flags (neither for a middle part); a whole message's initial frame has both.
/// </summary>
public sealed class FragmentAssembler
{
    private readonly Dictionary<long, List<Frame>> partial = [];

    /// <summary>Messages still missing their end.</summary>
    public int Pending => partial.Count;

    /// <summary>The complete message this piece finishes (or is), else null.</summary>
    public ClientMessage? Accept(ClientMessage piece)
    {
        var head = piece.InitialFrame;
        if (head.Has(FrameFlags.Unfragmented)) return piece;
        var id = FixSized.ReadLong(head.Content, 0);
        var body = piece.Frames.Skip(1);
        if (head.Has(FrameFlags.BeginFragment))
        {
            partial[id] = [.. body];
            return null;
        }
        if (!partial.TryGetValue(id, out var frames))
            throw new HazelcastProtocolException($"fragment of message {id} arrived without its beginning");
        frames.AddRange(body);
        if (!head.Has(FrameFlags.EndFragment)) return null;
        partial.Remove(id);
        // Each fragment's last frame arrived flagged IS_FINAL; inside the whole message only the last one is.
        return new ClientMessage(frames.Select((f, i) => i < frames.Count - 1 && f.Has(FrameFlags.IsFinal)
            ? new Frame(f.Content, (ushort)(f.Flags & ~FrameFlags.IsFinal))
            : f));
    }
}
