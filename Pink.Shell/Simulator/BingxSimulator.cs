using System.Net;
using Pink.Shell.Simulator.Engine;
using Pink.Shell.Simulator.Http;
using Pink.Shell.Simulator.Stream;

namespace Pink.Shell.Simulator;

/// <summary>
/// A local BingX USDT-M perpetual venue on 127.0.0.1: the REST endpoints Pink uses (signed requests verified, the
/// `{code,msg,data}` envelope), the user-data stream and the market stream on `/swap-market` (GZIP binary frames,
/// Ping/Pong, the listenKey lifecycle), a matching engine for MARKET and LIMIT orders with partial fills, taker and
/// maker fees, `rp`, wallet and isolated positions (hedge or one-way), a fill's stream frames in the configured
/// <see cref="EventOrder"/>, and scriptable faults. Like the real venue it also changes positions by itself —
/// liquidation, ADL, exchange-side stops, closes from the web UI, funding — in BingX's message shapes (see the
/// methods of its external-changes part). Start it with <see cref="StartAsync"/>;
/// dispose it to stop every socket.
/// </summary>
public sealed partial class BingxSimulator : IAsyncDisposable
{
    private readonly SimulatorOptions _options;
    private readonly FaultScript _faults = new();
    private readonly SimBook _book;
    private readonly SimExchange _exchange;
    private readonly ListenKeyBook _keys;
    private readonly UserStreamHub _users;
    private readonly MarketStreamHub _markets;
    private readonly RestRoutes _rest;
    private readonly CancellationTokenSource _stop = new();
    private HttpHost? _host;
    private HttpHost? _wsHost;
    private Task _pinger = Task.CompletedTask;
    private Task _funding = Task.CompletedTask;
    private int _pongs;

    private BingxSimulator(SimulatorOptions options)
    {
        _options = options;
        _book = new SimBook(options);
        _keys = new ListenKeyBook(options.Clock, options.KeyLifetime);
        _users = new UserStreamHub(_keys, _faults, NowMs);
        _markets = new MarketStreamHub(symbol => _exchange!.Read(b => b.Marks.TryGetValue(symbol, out var m) ? m : (decimal?)null), NowMs);
        var frames = new FrameSequencer(options.EventOrder, options.EventOrderSeed, _users.Publish);
        _exchange = new SimExchange(_book, _faults, frames, _markets.PublishMark, NowMs);
        _rest = new RestRoutes(_exchange, _keys, _faults, options, NowMs);
    }

    /// <summary>Starts a simulator (port 0: a free port).</summary>
    public static Task<BingxSimulator> StartAsync(SimulatorOptions? options = null)
    {
        var simulator = new BingxSimulator(options ?? new SimulatorOptions());
        simulator._host = HttpHost.Start(simulator._options.Port, simulator.HandleAsync);
        if (simulator._options.WsPort is int wsPort) simulator._wsHost = HttpHost.Start(wsPort, simulator.HandleAsync);
        if (simulator._options.PingInterval is TimeSpan every) simulator._pinger = simulator.PingLoopAsync(every);
        if (simulator._options.FundingInterval is TimeSpan period)
            simulator._funding = new FundingSchedule(period, simulator._options.Clock, simulator.NowMs,
                () => simulator._exchange.ChargeFunding(simulator._options.FundingRate)).RunAsync(simulator._stop.Token);
        return Task.FromResult(simulator);
    }

    /// <summary>The options it runs with (its API key and secret included).</summary>
    public SimulatorOptions Options => _options;

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port => _host?.Port ?? 0;

    /// <summary>REST base, e.g. http://127.0.0.1:PORT.</summary>
    public Uri RestBaseUrl => new($"http://127.0.0.1:{Port}");

    /// <summary>WebSocket endpoint for both streams, e.g. ws://127.0.0.1:PORT/swap-market.</summary>
    public Uri WsUrl => new($"ws://127.0.0.1:{_wsHost?.Port ?? Port}/swap-market");

    /// <summary>The venue's clock: local time plus the configured offset, epoch ms.</summary>
    public long NowMs() => _options.Clock.GetUtcNow().ToUnixTimeMilliseconds() + (long)_options.ServerClockOffset.TotalMilliseconds;

    private async Task HandleAsync(HttpListenerContext context)
    {
        if (context.Request.IsWebSocketRequest) await AcceptSocketAsync(context).ConfigureAwait(false);
        else await _rest.HandleAsync(context).ConfigureAwait(false);
    }

    private async Task AcceptSocketAsync(HttpListenerContext context)
    {
        var path = context.Request.Url?.AbsolutePath ?? "";
        var key = context.Request.QueryString["listenKey"];
        if (path != "/swap-market" || (key is not null && !_keys.IsValid(key)))
        {
            context.Response.StatusCode = key is null ? 404 : 401;
            context.Response.Close();
            return;
        }
        var accepted = await context.AcceptWebSocketAsync(null).ConfigureAwait(false);
        var session = new WsSession(accepted.WebSocket, context.Response.Abort, key);
        if (key is null) _markets.Add(session);
        else _users.Add(session);
        try
        {
            await session.RunAsync(OnClientText, _stop.Token).ConfigureAwait(false);
        }
        finally
        {
            if (key is null) _markets.Remove(session);
            else _users.Remove(session);
            accepted.WebSocket.Dispose();
        }
    }

    private void OnClientText(WsSession session, string text)
    {
        if (text == "Pong") Interlocked.Increment(ref _pongs);
        if (session.ListenKey is null) _markets.OnText(session, text);
    }

    private async Task PingLoopAsync(TimeSpan every)
    {
        using var timer = new PeriodicTimer(every, _options.Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false)) SendPing();
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Stops the listener and drops every socket.</summary>
    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _faults.ReleaseAcks();
        _users.DropAll();
        _markets.DropAll();
        await _pinger.ConfigureAwait(false);
        await _funding.ConfigureAwait(false);
        if (_host is not null) await _host.DisposeAsync().ConfigureAwait(false);
        if (_wsHost is not null) await _wsHost.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
