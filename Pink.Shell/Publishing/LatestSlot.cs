using System.Diagnostics.CodeAnalysis;

namespace Pink.Shell.Publishing;

/// <summary>
/// A single-slot, latest-wins handoff between a producer that must never wait and one consumer. Offering
/// while the slot is full replaces the older item (counted as superseded); the consumer takes whatever is newest.
/// </summary>
public sealed class LatestSlot<T> where T : class
{
    private readonly object gate = new();
    private readonly SemaphoreSlim signal = new(0, 1);
    private T? item;
    private long superseded;

    /// <summary>Items replaced before the consumer took them.</summary>
    public long Superseded => Interlocked.Read(ref superseded);

    /// <summary>The waiting item, if any (not taken).</summary>
    public T? Peek()
    {
        lock (gate) return item;
    }

    /// <summary>Puts <paramref name="value"/> in the slot; true when it replaced an untaken item.</summary>
    public bool Offer(T value)
    {
        bool replaced;
        lock (gate)
        {
            replaced = item is not null;
            if (replaced) superseded++;
            item = value;
        }
        Signal();
        return replaced;
    }

    /// <summary>
    /// Puts back an item the consumer failed to deliver, unless a newer one arrived meanwhile (then the failed
    /// one is counted as superseded and dropped). True when it was put back.
    /// </summary>
    public bool Restore(T value)
    {
        lock (gate)
        {
            if (item is not null)
            {
                superseded++;
                return false;
            }
            item = value;
        }
        Signal();
        return true;
    }

    /// <summary>Takes the item, if any.</summary>
    public bool TryTake([NotNullWhen(true)] out T? value)
    {
        lock (gate)
        {
            value = item;
            item = null;
        }
        return value is not null;
    }

    /// <summary>Waits until an item may be there (or the timeout passes); a false wake-up is possible, so use TryTake.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => signal.WaitAsync(timeout, ct);

    private void Signal()
    {
        try
        {
            if (signal.CurrentCount == 0) signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Two producers raced to wake the consumer; one wake-up is enough.
        }
    }
}
