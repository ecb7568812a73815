using System.Text.RegularExpressions;
using Pink.Shell.Simulator;
using Pink.Shell.Venue;

namespace Pink.Tests.Venue;

/// <summary>The API secret (and what is derived from it) never reaches a log line or an exception message.</summary>
public class SecretTests
{
    private const string Secret = "sEcReT-0f-the-test-9c1d2e3f4a5b6c7d8e9f";
    private const string ApiKey = "ApIkEy-0f-the-test-1a2b3c4d5e6f";

    [Fact]
    public async Task The_secret_never_appears_in_captured_log_output()
    {
        await using var v = await SimVenue.StartAsync(new SimulatorOptions(ApiKey: ApiKey, ApiSecret: Secret));
        var errors = new List<Exception>();
        await Exercise(v, errors);
        var wrong = new BingxRestClient(v.Venue, new BingxCredentials(ApiKey, Secret + "-wrong"), logger: v.Log);
        errors.Add(await Assert.ThrowsAsync<BingxApiException>(() => new BingxApi(wrong).GetBalanceAsync()));
        wrong.Dispose();

        var lines = v.Log.Lines;
        Assert.NotEmpty(lines);
        Assert.Contains(lines, l => l.Contains("signature=***"));      // URLs were logged, redacted
        Assert.Contains(lines, l => l.Contains("retrying"));           // the retry path logged too
        Assert.Contains(lines, l => l.Contains("stream connected"));   // and the streams
        var everything = string.Join('\n', lines.Concat(errors.Select(e => e.ToString())));
        Assert.DoesNotContain(Secret, everything);
        Assert.DoesNotContain(ApiKey, everything);
        Assert.DoesNotMatch(new Regex("signature=[0-9a-f]{64}"), everything);
        Assert.DoesNotMatch(new Regex("[0-9a-f]{64}"), everything); // neither a signature nor a whole listenKey
    }

    private static async Task Exercise(SimVenue v, List<Exception> errors)
    {
        await v.Api.GetServerTimeAsync();
        v.Sim.RejectNext(new ScriptedError("GET", BingxPaths.Balance, 100410, "rate limited"));
        await v.Api.GetBalanceAsync();
        await v.Api.SetLeverageAsync("FET-USDT", "SHORT", 3);
        await v.Api.PlaceOrderAsync(new OrderRequest("FET-USDT", "SELL", "SHORT", "MARKET", 100m, ClientOrderId: "pk-0-1"));
        v.Sim.LoseNextOrderAcks();
        errors.Add(await Assert.ThrowsAsync<BingxOutcomeUnknownException>(() =>
            v.Api.PlaceOrderAsync(new OrderRequest("FET-USDT", "SELL", "SHORT", "MARKET", 100m, ClientOrderId: "pk-0-2"))));
        v.Sim.RejectNext(new ScriptedError("POST", BingxPaths.Order, 101204, "Insufficient margin"));
        errors.Add(await Assert.ThrowsAsync<BingxApiException>(() =>
            v.Api.PlaceOrderAsync(new OrderRequest("FET-USDT", "SELL", "SHORT", "MARKET", 100m, ClientOrderId: "pk-0-3"))));

        var options = new StreamOptions(null, TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(30));
        await using var stream = new BingxUserStream(v.Api, _ => { }, (_, _) => Task.CompletedTask, v.Log, options: options);
        await stream.StartAsync();
        await Eventually.True(() => v.Sim.UserStreamsOpen == 1, "connected");
        v.Sim.ExpireListenKeys();
        await Eventually.True(() => stream.Reconciliations >= 1 && v.Sim.UserStreamsOpen == 1, "recovered");
        v.Sim.DropUserStreams();
        await Eventually.True(() => stream.Reconciliations >= 2, "recovered again");
        await v.Api.GetIncomeAsync(new IncomeQuery());
    }
}
