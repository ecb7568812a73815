using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Websocket.Client;

namespace Pink.Shell.Venue;

/// <summary>
/// The public market stream, for marks: subscribes `SYMBOL@markPrice` for each symbol (again after every
/// reconnection), answers `Ping` with `Pong`, and hands every message on exactly as received.
/// </summary>
public sealed class BingxMarketStream : IAsyncDisposable
{
    private readonly StreamSocket _socket;
    private readonly IReadOnlyList<string> _symbols;
    private readonly ILogger _log;
    private int _connections;

    /// <param name="wsUrl">The venue's WebSocket endpoint.</param>
    /// <param name="symbols">Symbols whose marks to follow (any spelling).</param>
    /// <param name="onMessage">Every message exactly as received, in order, on the receive thread.</param>
    /// <param name="logger">Log sink.</param>
    /// <param name="time">Clock for receive stamps.</param>
    /// <param name="options">Timeouts.</param>
    public BingxMarketStream(Uri wsUrl, IEnumerable<string> symbols, Action<StreamMessage> onMessage, ILogger? logger = null,
        TimeProvider? time = null, StreamOptions? options = null)
    {
        _log = logger ?? NullLogger.Instance;
        _symbols = symbols.Select(BingxSymbol.ToVenue).Distinct().ToList();
        _socket = new StreamSocket(wsUrl, StreamKind.Market, ConnectAsync, m =>
        {
            WarnIfRefused(m);
            onMessage(m);
        }, _log, time ?? TimeProvider.System, options ?? StreamOptions.Default);
        _socket.Connected += OnConnected;
    }

    // A refused subscription means marks for that symbol will not come: say so where an operator looks.
    private void WarnIfRefused(StreamMessage m)
    {
        if (IsRefusal(m.Text)) _log.LogWarning("BingX market stream refused a subscription: {Frame}; marks it names will not arrive", m.Text);
    }

    /// <summary>
    /// True for a subscription answer with a non-zero code. Total: this runs on the receive thread, where an exception
    /// would end the message subscription, so unreadable frames are simply not refusals (the adapter reports them).
    /// </summary>
    internal static bool IsRefusal(string frame)
    {
        var text = frame.TrimStart();
        if (!text.StartsWith('{') || text.Contains("\"dataType\"", StringComparison.Ordinal) || !text.Contains("\"code\"", StringComparison.Ordinal)) return false;
        try
        {
            using var doc = JsonDocument.Parse(text);
            return VenueJson.Long(doc.RootElement, "code") is long code && code != 0;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException) { return false; }
    }

    /// <summary>Connections made so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Connects and subscribes; throws when the first connection fails.</summary>
    public Task StartAsync() => _socket.Client.StartOrFail();

    /// <summary>Drops the connection and reconnects (subscribing again).</summary>
    public Task ReconnectAsync() => _socket.Client.Reconnect();

    private static async Task<WebSocket> ConnectAsync(Uri url, CancellationToken ct)
    {
        var socket = new ClientWebSocket();
        try
        {
            await socket.ConnectAsync(url, ct).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private void OnConnected(ReconnectionType type)
    {
        var n = Interlocked.Increment(ref _connections);
        _log.LogInformation("BingX market stream connected ({Type}, connection {N}); subscribing {Count} marks", type, n, _symbols.Count);
        foreach (var symbol in _symbols) _socket.Client.Send(Subscription(symbol));
    }

    /// <summary>The subscribe request for one symbol's mark.</summary>
    public static string Subscription(string symbol) => JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["id"] = Guid.NewGuid().ToString(),
        ["reqType"] = "sub",
        ["dataType"] = $"{BingxSymbol.ToVenue(symbol)}@markPrice",
    });

    /// <summary>Stops the stream.</summary>
    public async ValueTask DisposeAsync()
    {
        await _socket.StopAsync().ConfigureAwait(false);
        _socket.Dispose();
    }
}
