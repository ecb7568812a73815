using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Pink.Shell.Venue;

/// <summary>
/// A read-only check of a venue with real keys (the VST canary before any trading): server clock offset, balance,
/// positions, a listenKey and a user-stream connection that must see and answer a `Ping`, then clean up. Places no
/// order. Prints one line per step; the keys never appear. Returns 0 when every step passed; a failed step returns the
/// command line's code for its cause (4 unreachable, 5 key or signature refused, else 1).
/// </summary>
public static class VenueProbe
{
    /// <summary>Runs the probe.</summary>
    /// <param name="venue">Live, VST, or the simulator's URLs.</param>
    /// <param name="credentials">From <see cref="BingxCredentials.FromEnvironment"/>.</param>
    /// <param name="output">Where the step lines go.</param>
    /// <param name="logger">Optional diagnostics.</param>
    /// <param name="streamWait">Safety net for the first Ping (BingX sends one about every 5 s).</param>
    public static async Task<int> RunAsync(BingxVenueOptions venue, BingxCredentials credentials, TextWriter output, ILogger? logger = null,
        TimeSpan? streamWait = null)
    {
        using var rest = new BingxRestClient(venue, credentials, logger: logger);
        var api = new BingxApi(rest);
        try
        {
            await api.GetServerTimeAsync().ConfigureAwait(false);
            output.WriteLine($"server time ok: clock offset {rest.Clock.OffsetMs} ms");
            var balance = await api.GetBalanceAsync().ConfigureAwait(false);
            output.WriteLine($"balance ok: {Summary(balance.Data)}");
            var positions = await api.GetPositionsAsync().ConfigureAwait(false);
            output.WriteLine($"positions ok: {(positions.Data.ValueKind == JsonValueKind.Array ? positions.Data.GetArrayLength() : 0)} open");
            return await StreamAsync(api, output, logger, streamWait ?? TimeSpan.FromSeconds(20)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is BingxApiException or BingxOutcomeUnknownException or HttpRequestException or OperationCanceledException)
        {
            output.WriteLine($"FAILED: {Redaction.Scrub(ex.Message)}");
            return Commands.VenueFailures.Classify(ex, venue.RestBaseUrl)?.ExitCode ?? Commands.ExitCodes.Failed;
        }
    }

    private static async Task<int> StreamAsync(BingxApi api, TextWriter output, ILogger? logger, TimeSpan wait)
    {
        var ping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var stream = new BingxUserStream(api, m => { if (m.Text == "Ping") ping.TrySetResult(); }, logger: logger);
        await stream.StartAsync().ConfigureAwait(false);
        output.WriteLine("user stream ok: connected with a fresh listenKey");
        var first = await Task.WhenAny(ping.Task, Task.Delay(wait)).ConfigureAwait(false);
        if (first != ping.Task)
        {
            output.WriteLine($"FAILED: no Ping within {wait.TotalSeconds:0} s");
            return 1;
        }
        output.WriteLine("heartbeat ok: Ping received and answered with Pong");
        return 0;
    }

    private static string Summary(JsonElement data)
    {
        var b = VenueJson.Field(data, "balance") ?? data;
        if (b.ValueKind == JsonValueKind.Array && b.GetArrayLength() > 0) b = b[0];
        return $"{VenueJson.Text(b, "asset")} balance {VenueJson.Text(b, "balance")}, available {VenueJson.Text(b, "availableMargin")}";
    }
}
