using System.CommandLine;
using System.Globalization;
using Pink.Core;
using Pink.Shell.Commands;
using Pink.Shell.Venue;

namespace Pink.Shell.Runner;

/// <summary>
/// <c>pink shadow</c>: the seed's §3.3 shadow check. Polls the exchange balance and compares it with the capital the
/// runner published (its checkpoint), reporting |published capital − wallet|; the exit code says whether every idle
/// sample stayed within the bound.
/// </summary>
public static class ShadowCommand
{
    public const string Description = """
        Poll the exchange balance and compare it with the published capital (the §3.3 shadow check).

        The seed's §3.3 shadow check. Every interval (default 60 s) polls GET /openApi/swap/v2/user/balance and prints the
        published capital of the runner whose state is in DIR (default PINK_STATE_DIR, else .pink/live), the wallet, and |difference|. Samples
        taken while a position is open are shown but not judged (settlement in flight). The venue is --venue
        bingx|bingx-vst, or --venue-url/--ws-url for a BingX-compatible one (e.g. `pink simulator`; the older form
        --venue-url REST WS is still accepted). Keys from PINK_BINGX_API_KEY / PINK_BINGX_API_SECRET.
        Exit code 0 when every idle sample is within the bound (default $0.01), 1 otherwise.
        """ + "\n" + ExitCodes.Help;

    public static Command Create(Func<string, string?> environment)
    {
        var venueName = new Option<string?>("--venue") { Description = "bingx (live) or bingx-vst (the demo venue)", HelpName = "bingx|bingx-vst" };
        venueName.AcceptOnlyFromAmong("bingx", "bingx-vst");
        var venueUrl = new Option<string[]>("--venue-url")
        {
            Description = "REST base URL of a BingX-compatible venue (instead of --venue), e.g. http://127.0.0.1:18080",
            HelpName = "URL",
            Arity = new ArgumentArity(1, 2),
            AllowMultipleArgumentsPerToken = true,
        };
        var wsUrl = CommonOptions.WsUrl();
        var stateDir = CommonOptions.StateDir(null);
        var interval = new Option<double>("--interval") { Description = "Seconds between samples (> 0)", HelpName = "SECONDS", DefaultValueFactory = _ => 60 }
            .Above(0, "a positive number of seconds");
        var samples = new Option<int?>("--samples") { Description = "Stop after N samples (>= 1; without it: run until stopped)", HelpName = "N" };
        samples.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is int n && n < 1) r.AddError($"--samples must be at least 1 (got {n})");
        });
        var bound = new Option<decimal>("--bound") { Description = "Largest idle |capital - wallet| that passes (>= 0)", HelpName = "USD", DefaultValueFactory = _ => 0.01m }
            .AtLeast(0m, "0 or more");
        var command = new Command("shadow", Description) { venueName, venueUrl, wsUrl, stateDir, interval, samples, bound };
        command.Validators.Add(r =>
        {
            var urls = r.GetValue(venueUrl) ?? [];
            var ws = r.GetValue(wsUrl);
            if (urls.Length == 2 && ws is not null) r.AddError("give the WebSocket URL once: --venue-url URL --ws-url URL");
            else if (urls.Length == 1 && ws is null) r.AddError("--venue-url and --ws-url go together");
            else if (urls.Length == 0 && ws is not null) r.AddError("--venue-url and --ws-url go together");
            else if ((r.GetValue(venueName) is null) == (urls.Length == 0)) r.AddError("name the venue: --venue bingx|bingx-vst, or --venue-url URL --ws-url URL");
            foreach (var url in urls)
                if (!Uri.TryCreate(url, UriKind.Absolute, out _)) r.AddError($"'{url}' is not an absolute URL");
        });
        command.SetAction(async (result, ct) =>
        {
            var urls = result.GetValue(venueUrl) ?? [];
            var options = result.GetValue(venueName) is string name
                ? BingxVenueOptions.FromName(name == "bingx" ? "live" : "vst")
                : new BingxVenueOptions(new Uri(urls[0]), urls.Length == 2 ? new Uri(urls[1]) : result.GetValue(wsUrl)!);
            var credentials = BingxCredentials.FromEnvironment(environment) ?? throw Settings.MissingKeys();
            return await Run(options, credentials, Config.StateDirectory.Resolve(result.GetValue(stateDir), environment, Config.StateDirectory.LiveDefault), TimeSpan.FromSeconds(result.GetValue(interval)), result.GetValue(samples) ?? int.MaxValue,
                result.GetValue(bound), result.Out(), result.Err(), ct);
        });
        return command;
    }

    private static async Task<int> Run(BingxVenueOptions options, BingxCredentials credentials, string stateDir, TimeSpan interval, int samples, decimal bound,
        TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var c = CultureInfo.InvariantCulture;
        using var rest = new BingxRestClient(options, credentials);
        var api = new BingxApi(rest);
        var checkpoint = Path.Combine(stateDir, "checkpoint.json");
        var worst = 0m;
        for (var k = 0; k < samples; k++)
        {
            if (k > 0) await Task.Delay(interval, ct);
            var balance = await VenueFailures.Guard(options.RestBaseUrl, () => api.GetBalanceAsync(), ct);
            var b = VenueJson.Field(balance.Data, "balance") ?? balance.Data;
            var wallet = VenueJson.Decimal(b, "balance");
            if (Checkpoint.Load(checkpoint) is not Checkpoint cp)
            {
                stderr.WriteLine($"shadow: no checkpoint in {stateDir}: is the runner using this state directory?");
                return ExitCodes.Usage;
            }
            var snapshot = Queries.Snapshot(cp.State);
            var idle = snapshot.Slots.All(v => v.OpenQty <= KernelConfig.QtyEpsilon);
            var diff = wallet is decimal w ? Math.Abs(snapshot.Capital - w) : decimal.MaxValue; // no balance read: never within bound
            if (idle) worst = Math.Max(worst, diff);
            stdout.WriteLine(string.Create(c, $"{DateTimeOffset.UtcNow:HH:mm:ss} capital {snapshot.Capital:0.00######} ({Names.Of(snapshot.CapitalSource)}, seq {snapshot.EventSeq})  wallet {wallet:0.00######}  |Δ| {diff:0.########}{(idle ? "" : "  (position open: not judged)")}{(idle && diff > bound ? "  OVER BOUND" : "")}"));
        }
        stdout.WriteLine(string.Create(c, $"shadow: worst idle |Δ| {worst:0.########} (bound {bound})"));
        return worst <= bound ? 0 : 1;
    }
}
