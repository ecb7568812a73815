using LanguageExt;

namespace Pink.Core;

/// <summary>
/// Bounded memory of exchange event ids already applied (rule 14), or of the ids of forgotten trades; oldest forgotten first.
/// <para>
/// The kernel keeps it as an <see cref="IdWindow"/> (the last N ids in order, with a hash index): remembering an id and
/// asking for one cost a few nanoseconds and a few bytes. <see cref="Seen"/> and <see cref="Order"/> are the same memory
/// as a set and as a queue, built on first read. A memory made from a set and a queue (the internal constructor) keeps
/// them as given and is used as given.
/// </para>
/// </summary>
internal sealed record DedupMemory
{
    private readonly IdWindow? _window;
    private LanguageExt.HashSet<string>? _seen;
    private Que<string>? _order;

    /// <summary>A memory from its ids as a set and in order (oldest first).</summary>
    internal DedupMemory(LanguageExt.HashSet<string> Seen, Que<string> Order)
    {
        _seen = Seen;
        _order = Order;
    }

    private DedupMemory(IdWindow window) => _window = window;

    /// <summary>Nothing remembered.</summary>
    internal static readonly DedupMemory Empty = new(IdWindow.Empty);

    /// <summary>The remembered ids.</summary>
    internal LanguageExt.HashSet<string> Seen
    {
        get
        {
            if (_window is null) return _seen!.Value;
            lock (_window) return _seen ??= new LanguageExt.HashSet<string>(_window.Ids());
        }
        init
        {
            _seen = value;
            _order ??= _window is null ? null : Order;
            _window = null;
        }
    }

    /// <summary>The remembered ids, oldest first.</summary>
    internal Que<string> Order
    {
        get
        {
            if (_window is null) return _order!.Value;
            lock (_window) return _order ??= new Que<string>(_window.Ids());
        }
        init
        {
            _order = value;
            _seen ??= _window is null ? null : Seen;
            _window = null;
        }
    }

    /// <summary>True when the id is remembered.</summary>
    internal bool Contains(string id) => _window?.Contains(id) ?? Seen.Contains(id);

    /// <summary>The memory with one more id (not already remembered), keeping at most <paramref name="capacity"/>.</summary>
    internal DedupMemory Remember(string id, int capacity)
    {
        if (_window is not null) return new DedupMemory(_window.Append(id, capacity));
        var seen = Seen.Add(id);
        var order = Order.Enqueue(id);
        while (order.Count > capacity)
        {
            seen = seen.Remove(order.Peek());
            order = order.Dequeue();
        }
        return new DedupMemory(seen, order);
    }

    /// <summary>The ids oldest first, as the state document writes them.</summary>
    internal IEnumerable<string> Ids() => _window?.Ids() ?? Order;

    /// <summary>A memory of these ids (oldest first), all kept; null and the first repeated id when one repeats.</summary>
    internal static DedupMemory? Of(IEnumerable<string> ids, out string? repeated)
    {
        var window = IdWindow.Empty;
        repeated = null;
        foreach (var id in ids)
        {
            if (window.Contains(id))
            {
                repeated = id;
                return null;
            }
            window = window.Append(id, int.MaxValue);
        }
        return new DedupMemory(window);
    }

    /// <summary>Value equality: the same ids in the same order.</summary>
    public bool Equals(DedupMemory? other) =>
        ReferenceEquals(this, other) || other is not null &&
        (_window is not null && other._window is not null
            ? _window.SameIds(other._window)
            : Seen.Equals(other.Seen) && Order.Equals(other.Order));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Seen, Order);

    /// <summary>Prints the memory as the plain record did.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Seen = ").Append(Seen).Append(", Order = ").Append(Order);
        return true;
    }
}
