using System.Globalization;
using Pink.Core;
using Pink.Shell.Venue;

namespace Pink.Shell.Runner;

/// <summary>
/// <c>pink shadow</c>: the seed's §3.3 shadow check. Polls the exchange balance and compares it with the capital the
/// runner published (its checkpoint), reporting |published capital − wallet|; the exit code says whether every idle
/// sample stayed within the bound.
/// </summary>
public static class ShadowCommand
{
    public const string Usage = """
        usage: pink shadow --venue bingx|bingx-vst [--state-dir DIR] [--interval SECONDS] [--samples N] [--bound 0.01]

        Every interval (default 60 s) polls GET /openApi/swap/v2/user/balance and prints the published capital of the
        runner whose state is in DIR (default .pink/live), the wallet, and |difference|. Samples taken while a
        position is open are shown but not judged (settlement in flight). Exit code 0 when every idle sample is within
        the bound (default $0.01), 1 otherwise. Keys from PINK_BINGX_API_KEY / PINK_BINGX_API_SECRET.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, Func<string, string?>? environment = null)
    {
        string? venueName = null;
        var stateDir = Path.Combine(".pink", "live");
        var interval = TimeSpan.FromSeconds(60);
        var samples = int.MaxValue;
        var bound = 0.01m;
        var c = CultureInfo.InvariantCulture;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h": stdout.WriteLine(Usage); return 0;
                case "--venue" when i + 1 < args.Length: venueName = args[++i]; break;
                case "--state-dir" when i + 1 < args.Length: stateDir = args[++i]; break;
                case "--interval" when i + 1 < args.Length && double.TryParse(args[i + 1], c, out var s) && s > 0: interval = TimeSpan.FromSeconds(s); i++; break;
                case "--samples" when i + 1 < args.Length && int.TryParse(args[i + 1], c, out var n) && n > 0: samples = n; i++; break;
                case "--bound" when i + 1 < args.Length && decimal.TryParse(args[i + 1], System.Globalization.NumberStyles.Float, c, out var b) && b >= 0: bound = b; i++; break;
                case "--venue-url" when i + 2 < args.Length: venueName = $"{args[++i]}|{args[++i]}"; break;
                default: stderr.WriteLine($"shadow: unknown or incomplete argument '{args[i]}'"); stderr.WriteLine(Usage); return 2;
            }
        }
        if (venueName is null) { stderr.WriteLine("shadow: --venue bingx|bingx-vst is required"); return 2; }
        if (BingxCredentials.FromEnvironment(environment) is not BingxCredentials credentials)
        {
            stderr.WriteLine($"shadow: set {BingxCredentials.ApiKeyVariable} and {BingxCredentials.ApiSecretVariable}");
            return 2;
        }
        var options = venueName.Contains('|')
            ? new BingxVenueOptions(new Uri(venueName.Split('|')[0]), new Uri(venueName.Split('|')[1]))
            : BingxVenueOptions.FromName(venueName);
        using var rest = new BingxRestClient(options, credentials);
        var api = new BingxApi(rest);
        var checkpoint = Path.Combine(stateDir, "checkpoint.json");
        var worst = 0m;
        for (var k = 0; k < samples; k++)
        {
            if (k > 0) await Task.Delay(interval);
            var balance = await api.GetBalanceAsync();
            var b = VenueJson.Field(balance.Data, "balance") ?? balance.Data;
            var wallet = VenueJson.Decimal(b, "balance");
            if (Checkpoint.Load(checkpoint) is not Checkpoint cp)
            {
                stderr.WriteLine($"shadow: no checkpoint in {stateDir}: is the runner using this state directory?");
                return 2;
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
