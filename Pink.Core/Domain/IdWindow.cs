namespace Pink.Core;

/// <summary>
/// An immutable window over the last ids remembered, oldest first, with a hash index: the kernel's de-duplication
/// memory (rule 14). Appending and looking up cost O(1) and a few bytes.
/// <para>
/// Ids live in segments of <see cref="SegmentSize"/>; each segment has an open-addressing index of sequence numbers.
/// A window is (segments, first live sequence, count): it only ever reads entries below its own count. The newest
/// segment is shared with the window that appends next, which writes past every existing window's count after
/// claiming that position atomically; a window whose position was already claimed (a second event applied to the
/// same state) copies the segment instead. So every window value stays exactly what it was when made.
/// </para>
/// </summary>
internal sealed class IdWindow
{
    internal const int SegmentSize = 4096;

    private readonly Segment[] _segments; // oldest first; together they hold every live sequence number
    private readonly long _start;         // first live sequence number
    private readonly long _count;         // sequence numbers appended so far (the next one)

    private IdWindow(Segment[] segments, long start, long count)
    {
        _segments = segments;
        _start = start;
        _count = count;
    }

    public static readonly IdWindow Empty = new([], 0, 0);

    public long Count => _count - _start;

    public bool Contains(string id)
    {
        var hash = id.GetHashCode();
        for (var i = _segments.Length - 1; i >= 0; i--)
            if (_segments[i].Find(id, hash, _start, _count)) return true;
        return false;
    }

    /// <summary>This window with <paramref name="id"/> appended, keeping at most max(1, capacity) ids.</summary>
    public IdWindow Append(string id, int capacity)
    {
        var hash = id.GetHashCode();
        var segments = _segments;
        var last = segments.Length == 0 ? null : segments[^1];
        if (last is null || _count == last.Base + SegmentSize)
        {
            var fresh = new Segment(_count);
            fresh.Put(id, hash, _count);
            segments = [.. Live(segments, _count + 1, capacity), fresh];
        }
        else if (!last.TryClaim(_count))
        {
            var copy = last.CopyBelow(_count);
            copy.Put(id, hash, _count);
            segments = (Segment[])segments.Clone();
            segments[^1] = copy;
        }
        else last.Put(id, hash, _count);
        var start = Math.Max(_start, _count + 1 - Math.Max(1, capacity));
        if (segments.Length > 1 && segments[0].Base + SegmentSize <= start) segments = [.. Live(segments, _count + 1, capacity)];
        return new IdWindow(segments, start, _count + 1);

        IEnumerable<Segment> Live(Segment[] all, long count, int cap)
        {
            var first = Math.Max(_start, count - Math.Max(1, cap));
            foreach (var s in all)
                if (s.Base + SegmentSize > first) yield return s;
        }
    }

    /// <summary>The live ids, oldest first.</summary>
    public IEnumerable<string> Ids()
    {
        foreach (var s in _segments)
            for (var q = Math.Max(s.Base, _start); q < Math.Min(s.Base + SegmentSize, _count); q++)
                yield return s.Ids[q - s.Base]!;
    }

    public bool SameIds(IdWindow other)
    {
        if (Count != other.Count) return false;
        using var a = Ids().GetEnumerator();
        using var b = other.Ids().GetEnumerator();
        while (a.MoveNext() && b.MoveNext())
            if (!string.Equals(a.Current, b.Current)) return false;
        return true;
    }

    private sealed class Segment(long @base)
    {
        private const int Slots = 2 * SegmentSize; // load ≤ 1/2
        public readonly long Base = @base;
        public readonly string?[] Ids = new string?[SegmentSize];
        private readonly int[] _index = new int[Slots]; // offset + 1; 0 = empty
        private long _claimed = @base; // the next sequence number this segment accepts in place

        public bool TryClaim(long sequence) => Interlocked.CompareExchange(ref _claimed, sequence + 1, sequence) == sequence;

        public void Put(string id, int hash, long sequence)
        {
            var offset = (int)(sequence - Base);
            Ids[offset] = id;
            var slot = hash & (Slots - 1);
            while (_index[slot] != 0) slot = (slot + 1) & (Slots - 1);
            Volatile.Write(ref _index[slot], offset + 1);
            if (Volatile.Read(ref _claimed) <= sequence) _claimed = sequence + 1;
        }

        public bool Find(string id, int hash, long start, long count)
        {
            var slot = hash & (Slots - 1);
            while (true)
            {
                var entry = Volatile.Read(ref _index[slot]);
                if (entry == 0) return false;
                var sequence = Base + entry - 1;
                if (sequence >= start && sequence < count && string.Equals(Ids[entry - 1], id)) return true;
                slot = (slot + 1) & (Slots - 1);
            }
        }

        // A private copy holding the entries below `count` (its own appends start there).
        public Segment CopyBelow(long count)
        {
            var copy = new Segment(Base);
            for (var q = Base; q < count; q++) copy.Put(Ids[q - Base]!, Ids[q - Base]!.GetHashCode(), q);
            return copy;
        }
    }
}
