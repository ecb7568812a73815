using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Websocket.Client;

namespace Pink.Shell.Venue;

/// <summary>
/// One BingX WebSocket over Websocket.Client: gunzips each frame, hands the text on exactly as received (before
/// anything else looks at it), answers `Ping` with `Pong`, and reconnects through <c>connect</c> (which may mint a
/// new listenKey). What a message means is the owner's business (<see cref="Text"/>).
/// </summary>
internal sealed class StreamSocket : IDisposable
{
    private readonly StreamKind _kind;
    private readonly Action<StreamMessage> _onMessage;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly List<IDisposable> _subscriptions = [];
    private volatile bool _stopping;

    public WebsocketClient Client { get; }

    /// <summary>Each decoded text, after it was handed on.</summary>
    public event Action<string>? Text;

    /// <summary>After every (re)connection, with the reason.</summary>
    public event Action<ReconnectionType>? Connected;

    public StreamSocket(Uri url, StreamKind kind, Func<Uri, CancellationToken, Task<WebSocket>> connect,
        Action<StreamMessage> onMessage, ILogger log, TimeProvider time, StreamOptions options)
    {
        _kind = kind;
        _onMessage = onMessage;
        _log = log;
        _time = time;
        Client = new WebsocketClient(url, new ScrubbingLogger<WebsocketClient>(log), connect)
        {
            Name = $"bingx-{kind.ToString().ToLowerInvariant()}",
            ReconnectTimeout = options.NoMessageTimeout,
            ErrorReconnectTimeout = options.ErrorReconnectDelay,
            LostReconnectTimeout = null,
            IsReconnectionEnabled = true,
        };
        _subscriptions.Add(Client.MessageReceived.Subscribe(OnFrame));
        _subscriptions.Add(Client.ReconnectionHappened.Subscribe(info => Connected?.Invoke(info.Type)));
        _subscriptions.Add(Client.DisconnectionHappened.Subscribe(OnDisconnected));
    }

    private void OnDisconnected(DisconnectionInfo info)
    {
        // A stop we asked for is no news: the owner says that it stops; only a connection lost on its own is a warning.
        if (_stopping)
        {
            _log.LogDebug("BingX {Stream} stream closed: {Type}", _kind, info.Type);
            return;
        }
        _log.LogWarning("BingX {Stream} stream disconnected: {Type} {Reason}", _kind, info.Type,
            info.Exception?.GetType().Name ?? info.CloseStatusDescription ?? "");
        // A server close is treated as a lost connection. Left to the library's own close path, a server close that
        // races a Reconnect (listenKeyExpired followed by the server closing) can leave the client stopped for good:
        // its close path marks the client not started while the reconnect is under way, and both reconnects then give up.
        if (info.Type == DisconnectionType.ByServer) info.CancelClosing = true;
    }

    private void OnFrame(ResponseMessage message)
    {
        string text;
        try
        {
            text = message.MessageType == WebSocketMessageType.Binary && message.Binary is { } bytes
                ? GzipText.Decode(bytes)
                : message.Text ?? "";
        }
        catch (InvalidDataException ex)
        {
            _log.LogWarning("BingX {Stream} stream: undecodable frame ({Error})", _kind, ex.Message);
            return;
        }
        _onMessage(new StreamMessage(_kind, text, _time.GetUtcNow().ToUnixTimeMilliseconds()));
        if (text == "Ping") Client.Send("Pong");
        Text?.Invoke(text);
    }

    /// <summary>
    /// Ends the current connection the way a network drop would: the receive loop sees it and makes exactly one
    /// reconnection (through <c>connect</c>). Unlike Reconnect, this cannot race a close the server sends at the same
    /// time into two reconnections, the second cutting off the first.
    /// </summary>
    public void DropConnection() => Client.NativeClient?.Abort();

    /// <summary>Closes the connection for good (a requested stop: logged as such, not as a lost connection).</summary>
    public Task StopAsync()
    {
        _stopping = true;
        return Client.Stop(WebSocketCloseStatus.NormalClosure, "bye");
    }

    public void Dispose()
    {
        foreach (var s in _subscriptions) s.Dispose();
        Client.Dispose();
    }
}

/// <summary>Stream tuning.</summary>
/// <param name="NoMessageTimeout">Reconnect when nothing (not even a Ping, every ~5 s) arrived for this long; null: never.</param>
/// <param name="ErrorReconnectDelay">Wait after a failed (re)connection before the next try.</param>
/// <param name="KeepAliveInterval">How often the user stream extends its listenKey (a key lives 60 minutes).</param>
public sealed record StreamOptions(TimeSpan? NoMessageTimeout, TimeSpan ErrorReconnectDelay, TimeSpan KeepAliveInterval)
{
    /// <summary>30 s silence, 5 s after errors, extend every 30 minutes.</summary>
    public static StreamOptions Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(30));
}
