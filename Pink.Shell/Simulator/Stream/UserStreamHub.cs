namespace Pink.Shell.Simulator.Stream;

/// <summary>
/// The user-data stream: sessions by listenKey, every account frame to every live session (in publish order), and
/// the stream faults — drop now, drop after n frames, duplicate frames, expire the keys.
/// </summary>
internal sealed class UserStreamHub(ListenKeyBook keys, FaultScript faults, Func<long> now)
{
    private readonly object _lock = new();
    private readonly List<WsSession> _sessions = [];
    private int _connectionsTotal;

    public ListenKeyBook Keys => keys;

    /// <summary>Sessions open now.</summary>
    public int Open
    {
        get { lock (_lock) return _sessions.Count(s => s.IsOpen); }
    }

    /// <summary>Sessions ever accepted.</summary>
    public int ConnectionsTotal => Volatile.Read(ref _connectionsTotal);

    public void Add(WsSession session)
    {
        lock (_lock) _sessions.Add(session);
        Interlocked.Increment(ref _connectionsTotal);
    }

    public void Remove(WsSession session)
    {
        lock (_lock) _sessions.Remove(session);
    }

    /// <summary>One account frame to every session (twice while the duplicate fault lasts).</summary>
    public void Publish(string frame)
    {
        var copies = faults.TakeDuplicate() ? 2 : 1;
        foreach (var session in Snapshot())
            for (var i = 0; i < copies; i++) session.Send(frame);
    }

    public void DropAll()
    {
        foreach (var session in Snapshot()) session.Abort();
    }

    public void DropAfter(int frames)
    {
        foreach (var session in Snapshot()) session.AbortAfter(frames);
    }

    /// <summary>Expires every key; each of their sessions gets `listenKeyExpired` and is then closed.</summary>
    public void ExpireAll()
    {
        var expired = keys.ExpireAll().ToHashSet(StringComparer.Ordinal);
        foreach (var session in Snapshot().Where(s => s.ListenKey is string k && expired.Contains(k)))
        {
            session.Send(Wire.UserFrames.ListenKeyExpired(session.ListenKey!, now()));
            session.CloseAfterQueued();
        }
    }

    public void Ping(int maxUnanswered)
    {
        foreach (var session in Snapshot()) session.Ping(maxUnanswered);
    }

    private List<WsSession> Snapshot()
    {
        lock (_lock) return _sessions.ToList();
    }
}
