using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Pink.Shell.Venue;

namespace Pink.Shell.Simulator.Stream;

/// <summary>
/// One server-side WebSocket: an ordered outbox of GZIP binary frames (as BingX sends them), a receive loop for the
/// client's text (`Pong`, subscriptions), and the ways a connection ends — a clean close after the queued frames, an
/// abrupt abort now, or an abort right after the n-th next frame (a drop mid-trade).
/// </summary>
internal sealed class WsSession
{
    private readonly WebSocket _socket;
    private readonly Action _dropConnection;
    private readonly Channel<Outgoing> _outbox = Channel.CreateUnbounded<Outgoing>(new() { SingleReader = true });
    private int _abortAfter = -1;
    private int _unansweredPings;

    private sealed record Outgoing(byte[]? Frame, bool Close);

    /// <param name="socket">The accepted WebSocket.</param>
    /// <param name="dropConnection">Closes the TCP connection under it (aborting the WebSocket alone leaves it open).</param>
    /// <param name="listenKey">The user stream's key; null on the market stream.</param>
    public WsSession(WebSocket socket, Action dropConnection, string? listenKey)
    {
        _socket = socket;
        _dropConnection = dropConnection;
        ListenKey = listenKey;
    }

    /// <summary>The key of a user-stream session; null on the market stream.</summary>
    public string? ListenKey { get; }

    /// <summary>Market-stream subscriptions (`SYMBOL@markPrice`).</summary>
    public HashSet<string> Subscriptions { get; } = new(StringComparer.Ordinal);

    /// <summary>Frames actually written to the socket.</summary>
    public int FramesSent { get; private set; }

    public bool IsOpen => _socket.State == WebSocketState.Open;

    public void Send(string text) => _outbox.Writer.TryWrite(new Outgoing(GzipText.Encode(text), false));

    /// <summary>Closes cleanly once everything queued before it has been sent.</summary>
    public void CloseAfterQueued() => _outbox.Writer.TryWrite(new Outgoing(null, true));

    /// <summary>Drops the TCP connection now, without a close handshake; queued frames are lost.</summary>
    public void Abort()
    {
        _outbox.Writer.TryComplete();
        _socket.Abort();
        try
        {
            _dropConnection();
        }
        catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException or IOException)
        {
            // already gone
        }
    }

    /// <summary>Drops the connection right after <paramref name="frames"/> more frames were sent.</summary>
    public void AbortAfter(int frames)
    {
        if (frames <= 0) Abort();
        else Interlocked.Exchange(ref _abortAfter, frames);
    }

    /// <summary>A Ping; returns false (and aborts instead) when <paramref name="maxUnanswered"/> Pings are still unanswered.</summary>
    public bool Ping(int maxUnanswered)
    {
        if (Interlocked.Increment(ref _unansweredPings) > maxUnanswered)
        {
            Abort();
            return false;
        }
        Send("Ping");
        return true;
    }

    /// <summary>Runs until the connection ends; <paramref name="onText"/> sees every text the client sends.</summary>
    public async Task RunAsync(Action<WsSession, string> onText, CancellationToken ct)
    {
        var sender = SendLoopAsync(ct);
        await ReceiveLoopAsync(onText, ct).ConfigureAwait(false);
        _outbox.Writer.TryComplete();
        await sender.ConfigureAwait(false);
    }

    private async Task SendLoopAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var item in _outbox.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                if (item.Close)
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "closed by server", ct).ConfigureAwait(false);
                    return;
                }
                await _socket.SendAsync(item.Frame!, WebSocketMessageType.Binary, true, ct).ConfigureAwait(false);
                FramesSent++;
                if (Volatile.Read(ref _abortAfter) > 0 && Interlocked.Decrement(ref _abortAfter) == 0) Abort();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // the connection ended under us: nothing more to send
        }
    }

    private async Task ReceiveLoopAsync(Action<WsSession, string> onText, CancellationToken ct)
    {
        var buffer = new byte[8192];
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer, ct).ConfigureAwait(false);
                    message.Write(buffer, 0, result.Count);
                } while (!result.EndOfMessage);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    CloseAfterQueued(); // answer the client's close through the outbox: one writer at a time
                    return;
                }
                var text = Encoding.UTF8.GetString(message.ToArray());
                if (text == "Pong") Interlocked.Exchange(ref _unansweredPings, 0);
                onText(this, text);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // dropped: the hub forgets the session
        }
    }
}
