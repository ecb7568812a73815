namespace Pink.Shell.Simulator.Engine;

/// <summary>
/// Puts the user-stream frames of one exchange call into the configured <see cref="EventOrder"/>. Order updates and
/// account updates are two channels, each kept in the order its events happened; only their merge varies. Random
/// mode holds a call's fill frames and merges them when the call ends (<see cref="Flush"/>), so nothing is held once
/// the venue is idle — but frames may still reach the client after the REST answer, as on the real venue.
/// Used under the exchange lock only.
/// </summary>
internal sealed class FrameSequencer(EventOrder mode, int seed, Action<string> publish)
{
    /// <summary>How many later frames of the other channel may pass a held frame (Random).</summary>
    public const int MaxOvertakes = 3;

    private readonly Random _random = new(seed);
    private readonly Queue<Held> _orders = new();
    private readonly Queue<Held> _accounts = new();
    private readonly List<long> _publishedOrders = [];
    private readonly List<long> _publishedAccounts = [];
    private long _happened;

    /// <summary>A held frame and when its event happened (its place in the order-first sequence).</summary>
    private readonly record struct Held(long Seq, string Frame);

    /// <summary>A frame nothing may pass, nor it anything (an order's NEW stays ahead of the order's fills).</summary>
    public void Barrier(string frame)
    {
        Flush();
        publish(frame);
    }

    /// <summary>The two frames of one fill; <paramref name="orderFrame"/> is null when the venue sends no order update for it.</summary>
    public void Fill(string? orderFrame, string accountFrame)
    {
        switch (mode)
        {
            case EventOrder.OrderFirst:
                if (orderFrame is not null) publish(orderFrame);
                publish(accountFrame);
                break;
            case EventOrder.AccountFirst:
                publish(accountFrame);
                if (orderFrame is not null) publish(orderFrame);
                break;
            default:
                if (orderFrame is not null) _orders.Enqueue(new Held(_happened++, orderFrame));
                _accounts.Enqueue(new Held(_happened++, accountFrame));
                break;
        }
    }

    /// <summary>Publishes every held frame in a seeded merge of the two channels.</summary>
    public void Flush()
    {
        while (_orders.Count > 0 || _accounts.Count > 0)
        {
            var fromOrders = NextFromOrders();
            var held = (fromOrders ? _orders : _accounts).Dequeue();
            (fromOrders ? _publishedOrders : _publishedAccounts).Add(held.Seq);
            publish(held.Frame);
        }
        _publishedOrders.Clear();
        _publishedAccounts.Clear();
    }

    /// <summary>A coin toss, unless one channel's head has already been passed as often as allowed.</summary>
    private bool NextFromOrders()
    {
        if (_accounts.Count == 0) return true;
        if (_orders.Count == 0) return false;
        if (Overtakes(_orders.Peek(), _publishedAccounts) >= MaxOvertakes) return true;
        if (Overtakes(_accounts.Peek(), _publishedOrders) >= MaxOvertakes) return false;
        return _random.Next(2) == 0;
    }

    /// <summary>How many frames of the other channel that happened after this one were published before it.</summary>
    private static int Overtakes(Held head, List<long> publishedOfOtherChannel) => publishedOfOtherChannel.Count(seq => seq > head.Seq);
}
