using System.Text.Json;
using System.Threading.Channels;
using Pink.Core;
using Pink.Core.Bingx;
using Pink.Shell.Venue;

namespace Pink.Tests.Venue;

/// <summary>
/// A minimal live loop for end-to-end tests: every stream message and every REST exchange goes, in arrival order,
/// through the lead's adapter into the kernel; PlaceOrder and CancelOrder effects go to the venue through the order
/// gateway; a user-stream reconnection runs the REST reconciliation of the kernel's working orders.
/// </summary>
public sealed class KernelHarness : IAsyncDisposable
{
    private abstract record Input;
    private sealed record WsInput(StreamMessage Message) : Input;
    private sealed record RestInput(RestExchange Exchange) : Input;
    private sealed record KernelInput(KernelEvent Event) : Input;

    private readonly Channel<Input> _inputs = Channel.CreateUnbounded<Input>(new() { SingleReader = true });
    private readonly object _lock = new();
    private readonly List<Effect> _effects = [];
    private readonly List<Task> _venueCalls = [];
    private readonly BingxRestClient _rest;
    private readonly BingxApi _api;
    private readonly BingxOrderGateway _gateway;
    private readonly BingxReconciler _reconciler;
    private readonly BingxUserStream _stream;
    private readonly BingxMarketStream _market;
    private readonly Task _worker;
    private KernelState _state;
    private int _processed;
    private int _received;

    public List<GatewayResult> Results { get; } = [];

    private KernelHarness(SimVenue venue, KernelConfig config, IEnumerable<string> symbols)
    {
        _state = Pink.Core.Kernel.Initial(config);
        var credentials = new BingxCredentials(venue.Sim.Options.ApiKey, venue.Sim.Options.ApiSecret);
        _rest = new BingxRestClient(venue.Venue, credentials, e => Enqueue(new RestInput(e)), venue.Log);
        _api = new BingxApi(_rest);
        _gateway = new BingxOrderGateway(_api, venue.Log, venue.Sim.Options.PositionMode == Pink.Shell.Simulator.PositionMode.OneWay);
        _reconciler = new BingxReconciler(_api, venue.Log);
        var options = new StreamOptions(null, TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(30));
        _stream = new BingxUserStream(_api, m => Enqueue(new WsInput(m)), (_, ct) => ReconcileAsync(ct), venue.Log, options: options);
        _market = new BingxMarketStream(venue.Sim.WsUrl, symbols, m => Enqueue(new WsInput(m)), venue.Log, options: options);
        _worker = Task.Run(WorkAsync);
    }

    public static Task<KernelHarness> StartAsync(SimVenue venue, params string[] symbols) =>
        StartAsync(venue, new KernelConfig(SlotCount: 4, SeedCapital: 0), symbols);

    public static async Task<KernelHarness> StartAsync(SimVenue venue, KernelConfig config, params string[] symbols)
    {
        var harness = new KernelHarness(venue, config, symbols);
        await harness._api.GetBalanceAsync();
        await harness._stream.StartAsync();
        await harness._market.StartAsync();
        // The venue registers a socket just after the client sees it open: wait, or the first frames go nowhere.
        await Eventually.True(() => venue.Sim.UserStreamsOpen == 1, "the venue registered the user stream");
        await harness.Idle();
        return harness;
    }

    public BingxUserStream Stream => _stream;

    public KernelState State
    {
        get { lock (_lock) return _state; }
    }

    public IReadOnlyList<Effect> Effects
    {
        get { lock (_lock) return _effects.ToList(); }
    }

    public IEnumerable<Diagnostic> Diagnostics(string kind) => Effects.OfType<Diagnostic>().Where(d => d.Kind == kind);

    /// <summary>The trade as the kernel last told it: live in the state, or the final figures it said when it forgot it.</summary>
    public Trade Trade(string id) =>
        State.Trades.Find(id).Case as Trade ?? Effects.OfType<TradeForgotten>().LastOrDefault(f => f.TradeId == id)?.Trade
        ?? throw new Xunit.Sdk.XunitException($"no trade {id}");

    /// <summary>True once the trade closed (whether or not the state has forgotten it since).</summary>
    public bool Closed(string id) => HasTrade(id) && Trade(id).Closed;

    public bool HasTrade(string id) => State.Trades.Find(id).IsSome || Effects.OfType<TradeForgotten>().Any(f => f.TradeId == id);

    /// <summary>An intent from the policy.</summary>
    public void Submit(KernelEvent intent) => Enqueue(new KernelInput(intent));

    /// <summary>The REST reconciliation the loop runs after a reconnection (or after a lost acknowledgement).</summary>
    public async Task ReconcileAsync(CancellationToken ct = default, bool income = false) =>
        await _reconciler.ReconcileAsync(WorkingOrder.From(State), ct, income ? State.Account.IncomeUpToMs : null);

    public Task PollBalanceAsync() => _api.GetBalanceAsync();

    /// <summary>Waits until everything received so far has been applied and every venue call has returned.</summary>
    public async Task Idle()
    {
        Task[] calls;
        lock (_lock) calls = _venueCalls.ToArray();
        await Task.WhenAll(calls);
        await Eventually.True(() => Volatile.Read(ref _processed) == Volatile.Read(ref _received), "the loop drained its inputs");
    }

    public Task Until(Func<KernelState, bool> condition, string what) => Eventually.True(() => condition(State), what);

    private void Enqueue(Input input)
    {
        Interlocked.Increment(ref _received);
        _inputs.Writer.TryWrite(input);
    }

    private async Task WorkAsync()
    {
        await foreach (var input in _inputs.Reader.ReadAllAsync())
        {
            foreach (var e in Translate(input)) Apply(e);
            Interlocked.Increment(ref _processed);
        }
    }

    private IReadOnlyList<KernelEvent> Translate(Input input) => input switch
    {
        WsInput ws => BingxAdapter.FromWs(ws.Message.Text, State, ws.Message.ReceivedMs),
        RestInput rest when rest.Exchange.ResponseJson() is JsonElement response =>
            BingxAdapter.FromRest(rest.Exchange.Method, rest.Exchange.Path, rest.Exchange.ParamsJson(), response, State, rest.Exchange.ReceivedMs),
        KernelInput k => [k.Event],
        _ => [],
    };

    private void Apply(KernelEvent e)
    {
        Outcome outcome;
        lock (_lock)
        {
            outcome = Pink.Core.Kernel.Apply(_state, e);
            _state = outcome.State;
            _effects.AddRange(outcome.Effects);
        }
        foreach (var effect in outcome.Effects)
        {
            Task? call = effect switch
            {
                PlaceOrder place => Record(_gateway.PlaceAsync(place)),
                CancelOrder cancel => Record(_gateway.CancelAsync(cancel)),
                QueryOrder query => _api.QueryOrderAsync(new Pink.Shell.Venue.OrderRef(query.Symbol, query.VenueOrderId, query.ClientOrderId)),
                _ => null,
            };
            if (call is not null) lock (_lock) _venueCalls.Add(call);
        }
    }

    private async Task Record(Task<GatewayResult> call)
    {
        var result = await call;
        lock (_lock) Results.Add(result);
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        await _market.DisposeAsync();
        _inputs.Writer.TryComplete();
        await _worker;
        _rest.Dispose();
    }
}
