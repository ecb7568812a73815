using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Websocket.Client;

namespace Pink.Shell.Venue;

/// <summary>Why the user stream reconnected, handed to the reconciliation hook.</summary>
/// <param name="Reason">Lost, ByServer, NoMessageReceived, Error, ByUser (listenKeyExpired or a failed keep-alive).</param>
/// <param name="Connection">1 for the first connection, counting up.</param>
public sealed record StreamReconnected(string Reason, int Connection);

/// <summary>
/// The BingX user-data stream: a listenKey per connection, binary GZIP frames handed on as text exactly as received,
/// `Ping` → `Pong`, the key extended every 30 minutes, and on `listenKeyExpired`, a failed extension or any drop a new
/// key and a new connection. After every reconnection the reconciliation hook runs (serially, off the receive
/// thread): whatever the stream missed while down must be fetched through REST (<see cref="BingxReconciler"/>).
/// </summary>
public sealed class BingxUserStream : IAsyncDisposable
{
    private readonly ListenKeys _keys;
    private readonly StreamSocket _socket;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly StreamOptions _options;
    private readonly Func<StreamReconnected, CancellationToken, Task>? _onReconnected;
    private readonly Channel<StreamReconnected> _reconnects = Channel.CreateUnbounded<StreamReconnected>(new() { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private Task _keepAlive = Task.CompletedTask;
    private Task _reconciler = Task.CompletedTask;
    private int _connections;
    private int _reconciled;

    /// <param name="api">REST endpoints (for listenKeys).</param>
    /// <param name="onMessage">Every message exactly as received; called on the receive thread in order: keep it quick.</param>
    /// <param name="onReconnected">The reconciliation hook; runs after each reconnection (not the first connection).</param>
    /// <param name="logger">Log sink.</param>
    /// <param name="time">Clock for receive stamps and the keep-alive period.</param>
    /// <param name="options">Timeouts and the keep-alive period.</param>
    public BingxUserStream(BingxApi api, Action<StreamMessage> onMessage, Func<StreamReconnected, CancellationToken, Task>? onReconnected = null,
        ILogger? logger = null, TimeProvider? time = null, StreamOptions? options = null)
    {
        _log = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _options = options ?? StreamOptions.Default;
        _onReconnected = onReconnected;
        _keys = new ListenKeys(api, _log);
        _socket = new StreamSocket(api.Rest.Options.WsUrl, StreamKind.User, ConnectAsync, onMessage, _log, _time, _options);
        _socket.Text += OnText;
        _socket.Connected += OnConnected;
    }

    /// <summary>The listenKey of the current connection.</summary>
    public string? ListenKey => _keys.Current;

    /// <summary>Connections made so far (1 after start).</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Reconciliation hook runs completed so far.</summary>
    public int Reconciliations => Volatile.Read(ref _reconciled);

    /// <summary>listenKeys created so far.</summary>
    public int ListenKeysCreated => _keys.Created;

    /// <summary>Connects (creating the first listenKey); throws when the first connection fails.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        await _socket.Client.StartOrFail().ConfigureAwait(false);
        _keepAlive = KeepAliveLoopAsync(_stop.Token);
        _reconciler = ReconcileLoopAsync(_stop.Token);
    }

    /// <summary>Drops the connection and reconnects with a new listenKey (then reconciles).</summary>
    public Task ReconnectAsync() => _socket.Client.Reconnect();

    /// <summary>One keep-alive step: extend the key, or reconnect with a new one when the venue refuses.</summary>
    public async Task KeepAliveOnceAsync(CancellationToken ct = default)
    {
        if (!await _keys.ExtendAsync(ct).ConfigureAwait(false)) await ReconnectAsync().ConfigureAwait(false);
    }

    private async Task<WebSocket> ConnectAsync(Uri url, CancellationToken ct)
    {
        var key = await _keys.RenewAsync(ct).ConfigureAwait(false);
        var socket = new ClientWebSocket();
        try
        {
            await socket.ConnectAsync(WithKey(url, key), ct).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static Uri WithKey(Uri url, string key)
    {
        var builder = new UriBuilder(url);
        var query = builder.Query.TrimStart('?');
        builder.Query = (query.Length > 0 ? query + "&" : "") + "listenKey=" + Uri.EscapeDataString(key);
        return builder.Uri;
    }

    private void OnConnected(ReconnectionType type)
    {
        var n = Interlocked.Increment(ref _connections);
        _log.LogInformation("BingX user stream connected ({Type}, connection {N})", type, n);
        if (type != ReconnectionType.Initial) _reconnects.Writer.TryWrite(new StreamReconnected(type.ToString(), n));
    }

    private void OnText(string text)
    {
        if (!text.Contains("listenKeyExpired", StringComparison.Ordinal) || !IsExpiry(text)) return;
        _log.LogWarning("BingX user stream: listenKey expired; reconnecting with a new key");
        _socket.DropConnection();
    }

    /// <summary>True for a listenKeyExpired event; false for anything else, unreadable frames included (receive thread: never throws).</summary>
    internal static bool IsExpiry(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return VenueJson.Text(doc.RootElement, "e") == "listenKeyExpired";
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            return false;
        }
    }

    private async Task KeepAliveLoopAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(_options.KeepAliveInterval, _time, ct).ConfigureAwait(false);
                await KeepAliveOnceAsync(ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task ReconcileLoopAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var reconnected in _reconnects.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                try
                {
                    if (_onReconnected is not null) await _onReconnected(reconnected, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _log.LogError("BingX user stream: reconciliation after {Reason} failed: {Error}", reconnected.Reason,
                        Redaction.Scrub(ex.Message));
                }
                Interlocked.Increment(ref _reconciled);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>Stops the stream, the keep-alive and the reconciler, and deletes the listenKey.</summary>
    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _reconnects.Writer.TryComplete();
        await _socket.StopAsync().ConfigureAwait(false);
        await Task.WhenAll(_keepAlive, _reconciler).ConfigureAwait(false);
        await _keys.CloseAsync().ConfigureAwait(false);
        _socket.Dispose();
        _stop.Dispose();
    }
}
