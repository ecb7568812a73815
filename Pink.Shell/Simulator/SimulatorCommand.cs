using System.CommandLine;
using System.Net;
using Pink.Shell.Commands;
using Pink.Shell.Demo;
using Pink.Shell.Venue;

namespace Pink.Shell.Simulator;

/// <summary>
/// <c>pink simulator</c>: the local BingX simulator in the foreground, for `demo --venue-url`, `live --venue-url`,
/// `shadow` and `venue-check` to talk to as they would to BingX.
/// </summary>
public static class SimulatorCommand
{
    public const int DefaultPort = 18080;

    public const string Description = """
        Run the local BingX simulator in the foreground; prints its URLs and the demo keys.

        Runs the local BingX simulator on 127.0.0.1 in the foreground until Ctrl+C or SIGTERM: the REST endpoints Pink uses
        (signed requests verified), the user and market streams on /swap-market, a matching engine with partial fills,
        fees, realized PnL and a wallet. It starts as the demo's venue (wallet 50,000 USDT, marks FET-USDT 0.1878 and
        BTC-USDT 60000, orders filled in two parts, a 22 % protective bound in MARKET orders' "p") and sends a Ping every
        5 s. Prints its REST and WS URLs and the demo API key and secret it accepts (not secrets: nothing real can be
        reached with them), e.g. for
          PINK_BINGX_API_KEY=... PINK_BINGX_API_SECRET=... pink demo --venue-url http://127.0.0.1:18080 --ws-url ws://127.0.0.1:18080/swap-market
        Exit code 0 when stopped, 1 when it cannot listen (port in use).
        """;

    public static Command Create()
    {
        var port = PortOption.Create("--port", DefaultPort, "REST (and stream) port");
        var wsPort = PortOption.Optional("--ws-port", "Serve the streams on this port too, as BingX serves them from another host (default: the REST port)");
        var wallet = new Option<decimal>("--wallet") { Description = "Starting wallet balance, USDT", HelpName = "USDT", DefaultValueFactory = _ => 50_000m }
            .Above(0m, "positive");
        var command = new Command("simulator", Description) { port, wsPort, wallet };
        command.SetAction(async (result, ct) =>
        {
            var options = new SimulatorOptions(Port: result.GetValue(port), WsPort: result.GetValue(wsPort), InitialWallet: result.GetValue(wallet),
                PingInterval: TimeSpan.FromSeconds(5));
            BingxSimulator sim;
            try { sim = await BingxSimulator.StartAsync(options); }
            catch (HttpListenerException ex) { throw new CommandFailure(ExitCodes.Failed, $"cannot listen on 127.0.0.1:{options.Port}: {ex.Message}", ex); }
            await using (sim)
            {
                DemoScript.Prepare(sim);
                using var shutdown = new Shutdown(ct);
                var stdout = result.Out();
                stdout.WriteLine("simulator: BingX-compatible venue on 127.0.0.1 (Ctrl+C stops it)");
                stdout.WriteLine($"  rest        {sim.RestBaseUrl.ToString().TrimEnd('/')}");
                stdout.WriteLine($"  ws          {sim.WsUrl}");
                stdout.WriteLine($"  api key     {sim.Options.ApiKey}");
                stdout.WriteLine($"  api secret  {sim.Options.ApiSecret}");
                stdout.WriteLine($"  export {BingxCredentials.ApiKeyVariable}={sim.Options.ApiKey} {BingxCredentials.ApiSecretVariable}={sim.Options.ApiSecret}");
                stdout.Flush();
                try { await Task.Delay(Timeout.Infinite, shutdown.Token); }
                catch (OperationCanceledException) { }
                stdout.WriteLine("simulator: stopped");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
