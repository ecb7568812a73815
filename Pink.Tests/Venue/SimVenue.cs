using Pink.Shell.Simulator;
using Pink.Shell.Venue;

namespace Pink.Tests.Venue;

/// <summary>A started simulator and a REST client signed with its keys; disposing stops both.</summary>
public sealed class SimVenue : IAsyncDisposable
{
    public BingxSimulator Sim { get; }
    public BingxApi Api { get; }
    public CapturingLogger Log { get; } = new();
    public List<RestExchange> Exchanges { get; } = [];
    public BingxVenueOptions Venue { get; }

    private SimVenue(BingxSimulator sim, RetryPolicy? retry, string? secret)
    {
        Sim = sim;
        Venue = new BingxVenueOptions(sim.RestBaseUrl, sim.WsUrl, Retry: retry ?? new RetryPolicy(3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5)),
            RequestTimeout: TimeSpan.FromSeconds(20));
        var credentials = new BingxCredentials(sim.Options.ApiKey, secret ?? sim.Options.ApiSecret);
        Api = new BingxApi(new BingxRestClient(Venue, credentials, e => { lock (Exchanges) Exchanges.Add(e); }, Log));
    }

    public static async Task<SimVenue> StartAsync(SimulatorOptions? options = null, RetryPolicy? retry = null, string? secret = null)
    {
        var sim = await BingxSimulator.StartAsync(options);
        sim.SetMark("FET-USDT", 0.18m);
        sim.SetMark("BTC-USDT", 60_000m);
        return new SimVenue(sim, retry, secret);
    }

    public List<RestExchange> ExchangesOf(string method, string path)
    {
        lock (Exchanges) return Exchanges.Where(e => e.Method == method && e.Path == path).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        Api.Rest.Dispose();
        await Sim.DisposeAsync();
    }
}
