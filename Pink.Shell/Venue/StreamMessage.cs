namespace Pink.Shell.Venue;

/// <summary>Which WebSocket a message came from.</summary>
public enum StreamKind
{
    /// <summary>The private user-data stream (orders, account).</summary>
    User,
    /// <summary>The public market stream (marks).</summary>
    Market,
}

/// <summary>
/// One WebSocket message exactly as received (text after gunzip, `Ping` included), stamped with the local receive
/// time. This is what the recorder stores and what the adapter reads.
/// </summary>
/// <param name="Stream">User or market stream.</param>
/// <param name="Text">The message text.</param>
/// <param name="ReceivedMs">Local receive time, epoch ms.</param>
public sealed record StreamMessage(StreamKind Stream, string Text, long ReceivedMs);
