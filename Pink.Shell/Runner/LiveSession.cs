using System.Text.Json;
using Microsoft.Extensions.Logging;
using Pink.Shell.Recording;
using Pink.Shell.Venue;

namespace Pink.Shell.Runner;

/// <summary>
/// One running connection of the loop to a BingX venue (live, VST or the local simulator): the REST client, the
/// user and market streams feeding the loop's inbox, and the loop itself. Streams start before the start-up
/// reconciliation, so nothing that happens during it is missed (repeats are recognised by the kernel).
/// </summary>
public sealed class LiveSession : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _stopReconciling = new(); // the loop must drain after it: a token of its own
    private readonly BingxRestClient _rest;
    private BingxUserStream? _user;
    private BingxMarketStream? _market;
    private Task _run = Task.CompletedTask;
    private Task _reconcile = Task.CompletedTask;

    private LiveSession(RunLoop loop, BingxVenue venue, BingxRestClient rest)
    {
        Loop = loop;
        Venue = venue;
        _rest = rest;
    }

    public RunLoop Loop { get; }
    public BingxVenue Venue { get; }

    public static async Task<LiveSession> StartAsync(BingxVenueOptions venueOptions, BingxCredentials credentials, RunOptions run,
        Pink.Shell.ClickHouse.IRowSink rows, Pink.Shell.Publishing.ISnapshotPublisher snapshots, IReadOnlyList<string> symbols, ILoggerFactory logs, CancellationToken ct,
        Func<long, CancellationToken, Task<Func<Pink.Core.Row, bool>>>? storedRows = null, TimeProvider? clock = null)
    {
        var log = logs.CreateLogger("pink");
        BingxVenue? venue = null;
        var rest = new BingxRestClient(venueOptions, credentials, e => BingxVenue.OnExchange(e, venue), logs.CreateLogger("bingx"), time: clock);
        var api = new BingxApi(rest);
        venue = new BingxVenue(api, log, venueOptions.OneWay);
        await rest.SyncClockAsync(ct);
        var loop = new RunLoop(run, venue, rows, snapshots, log) { StoredRowsProbe = storedRows };
        var session = new LiveSession(loop, venue, rest);
        void Forward(Record r)
        {
            if (!loop.Inbox.TryWrite(r)) log.LogWarning("input after stop not applied (recorded by the venue, found by the next reconciliation): {Record}", RecordingWriter.ToJson(r));
        }
        venue.Unsolicited = Forward;
        session._user = new BingxUserStream(api, m => Forward(ToRecord(m)), async (why, token) =>
        {
            log.LogWarning("user stream reconnected ({Reason}): reconciling through REST", why.Reason);
            foreach (var r in await venue.ReconcileAsync(loop.State, token)) Forward(r);
        }, logs.CreateLogger("bingx.user"));
        session._market = new BingxMarketStream(venueOptions.WsUrl, symbols, m => Forward(ToRecord(m)), logs.CreateLogger("bingx.market"));
        await session._user.StartAsync(ct);
        await session._market.StartAsync();
        await loop.StartAsync(ct);
        session._run = Task.Run(() => loop.RunAsync(session._stop.Token));
        if (run.Reconcile > TimeSpan.Zero) session._reconcile = Task.Run(() => session.ReconcileEveryAsync(run.Reconcile, Forward, log));
        return session;
    }

    // Orders, positions and the balance through REST on a cadence: the venue can fill a triggered stop without a stream
    // event, close a position itself, or drop an update; the answers reach the loop like any other input.
    private async Task ReconcileEveryAsync(TimeSpan interval, Action<Record> forward, ILogger log)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopReconciling.Token))
            {
                try
                {
                    foreach (var r in await Venue.ReconcileAsync(Loop.State, _stopReconciling.Token)) forward(r);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.LogWarning("periodic reconciliation failed ({Error}); trying again in {Interval}", ex.Message, interval);
                }
            }
        }
        catch (OperationCanceledException) { /* stopping */ }
    }

    /// <summary>Hand an input to the loop (stream frames, intents, reconciliation answers).</summary>
    public void Submit(Record record)
    {
        if (!Loop.Inbox.TryWrite(record))
            throw new InvalidOperationException("the run loop is stopping; input not accepted");
    }

    /// <summary>An intent from the policy: `{"op":"open",...}` or `{"op":"close",...}` (recording-format.md).</summary>
    public void Intend(object intent) =>
        Submit(new IntentRecord(0, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), JsonSerializer.SerializeToElement(intent)));

    /// <summary>
    /// One line of the policy's standard input. A JSON object goes to the loop as an intent — recorded, and checked there
    /// like a recorded one (<see cref="Intents"/>: an unreadable or out-of-range field refuses it with a MALFORMED_INPUT
    /// diagnostic, the same in a replay of the recording). Anything else is refused here: the reason is returned and
    /// nothing is recorded. Null when the intent was handed on.
    /// </summary>
    public string? IntendLine(string line)
    {
        var (intent, refusal) = Intents.FromLine(line);
        if (intent is not JsonElement json) return refusal;
        Submit(new IntentRecord(0, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), json));
        return null;
    }

    /// <summary>Stop: streams first (no new input), then the loop drains what it holds, flushes rows and checkpoints.</summary>
    public async Task StopAsync()
    {
        await _stopReconciling.CancelAsync();
        await _reconcile;
        if (_user is not null) await _user.DisposeAsync();
        if (_market is not null) await _market.DisposeAsync();
        _user = null;
        _market = null;
        Loop.Inbox.TryComplete();
        await _run;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await Loop.DisposeAsync();
        _rest.Dispose();
        _stop.Dispose();
        _stopReconciling.Dispose();
    }

    public static WsRecord ToRecord(StreamMessage m)
    {
        var text = m.Text.Trim();
        if (text.StartsWith('{'))
        {
            try { return new WsRecord(0, m.ReceivedMs, JsonDocument.Parse(text).RootElement.Clone(), null); }
            catch (JsonException) { /* recorded as text: the adapter reports it */ }
        }
        return new WsRecord(0, m.ReceivedMs, null, m.Text);
    }
}
