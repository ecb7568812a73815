using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Pink.Shell.Venue;

/// <summary>
/// The REST transport: signs (timestamp from the server clock, recvWindow, HMAC), sends, opens the envelope, retries
/// what may be retried, and hands every final answer — success or error — to <c>onExchange</c> exactly as received,
/// for the recorder and the adapter. Intermediate answers that were retried are logged, not handed on, so a
/// throttled-then-accepted order is not recorded as rejected.
/// </summary>
public sealed class BingxRestClient : IDisposable
{
    private readonly BingxVenueOptions _options;
    private readonly BingxCredentials? _credentials;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly Action<RestExchange>? _onExchange;

    /// <summary>The venue's clock offset, kept up to date by <see cref="SyncClockAsync"/> and by 100421 answers.</summary>
    public ServerClock Clock { get; }

    /// <summary>Where requests go.</summary>
    public BingxVenueOptions Options => _options;

    /// <param name="options">Base URLs, recvWindow, retry policy.</param>
    /// <param name="credentials">Key and secret; null allows only public calls.</param>
    /// <param name="onExchange">Receives every final REST exchange as received (the recorder's feed).</param>
    /// <param name="logger">Log sink; never sees the secret, the signature or the full key.</param>
    /// <param name="http">An HttpClient to use (not disposed here); a private one when null.</param>
    /// <param name="time">Clock for timestamps and backoff.</param>
    public BingxRestClient(BingxVenueOptions options, BingxCredentials? credentials, Action<RestExchange>? onExchange = null,
        ILogger? logger = null, HttpClient? http = null, TimeProvider? time = null)
    {
        _options = options;
        _credentials = credentials;
        _onExchange = onExchange;
        _log = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _ownsHttp = http is null;
        _http = http ?? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        Clock = new ServerClock(_time);
    }

    /// <summary>Measures the offset between the local clock and the venue's.</summary>
    public async Task SyncClockAsync(CancellationToken ct = default)
    {
        var sent = Clock.LocalMs;
        var response = await SendAsync(new RestRequest(HttpMethod.Get, BingxPaths.ServerTime, new BingxParameters(), Signed: false), ct)
            .ConfigureAwait(false);
        var received = Clock.LocalMs;
        if (VenueJson.Long(response.Data, "serverTime") is long server) Clock.Observe(server, sent, received);
    }

    /// <summary>Sends one request with signing, retries and the envelope; returns the final success.</summary>
    public async Task<BingxResponse> SendAsync(RestRequest request, CancellationToken ct = default)
    {
        var policy = _options.RetryPolicy;
        var resynced = false;
        for (var attempt = 1; ; attempt++)
        {
            var sent = request.Params.Clone();
            Attempt outcome;
            try
            {
                outcome = await AttemptAsync(request, sent, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsTransport(ex, ct))
            {
                if (!request.Repeatable) throw new BingxOutcomeUnknownException(request.ToString(), sent["clientOrderId"], ex);
                if (attempt >= policy.MaxAttempts) throw;
                await BackOff(request, attempt, $"transport failure ({ex.GetType().Name})", null, ct).ConfigureAwait(false);
                continue;
            }
            try
            {
                var data = BingxEnvelope.Open(request.Method.Method, request.Path, outcome.Status, outcome.Body);
                return Deliver(new BingxResponse(outcome.Exchange, data));
            }
            catch (BingxApiException error)
            {
                if (error.Kind == BingxErrorKind.TimestampRejected && !resynced && request.Path != BingxPaths.ServerTime)
                {
                    resynced = true;
                    _log.LogWarning("BingX {Request}: timestamp rejected; re-measuring the server clock", request.ToString());
                    await SyncClockAsync(ct).ConfigureAwait(false);
                    attempt--;
                    continue;
                }
                if (!error.IsRetryable) throw Delivered(outcome.Exchange, error);
                if (error.Kind == BingxErrorKind.ServerError && !request.Repeatable)
                    throw new BingxOutcomeUnknownException(request.ToString(), sent["clientOrderId"], error);
                if (attempt >= policy.MaxAttempts) throw Delivered(outcome.Exchange, error);
                await BackOff(request, attempt, error.Message, outcome.RetryAfter, ct).ConfigureAwait(false);
            }
        }
    }

    private sealed record Attempt(int Status, string Body, RestExchange Exchange, TimeSpan? RetryAfter);

    private async Task<Attempt> AttemptAsync(RestRequest request, BingxParameters parameters, CancellationToken ct)
    {
        var signature = Stamp(request, parameters);
        var url = new Uri(_options.RestBaseUrl, request.Path + "?" + parameters.ToQuery(signature));
        using var message = new HttpRequestMessage(request.Method, url);
        if (_credentials is not null) message.Headers.Add("X-BX-APIKEY", _credentials.ApiKey);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.Timeout);
        var watch = Stopwatch.StartNew();
        _log.LogDebug("BingX → {Method} {Url}", request.Method.Method, Redaction.Scrub(url.PathAndQuery));
        using var response = await _http.SendAsync(message, timeout.Token).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        _log.LogDebug("BingX ← {Method} {Path}: HTTP {Status} in {Ms} ms", request.Method.Method, request.Path, status, watch.ElapsedMilliseconds);
        var exchange = new RestExchange(request.Method.Method, request.Path, parameters.Items, status, body, Clock.LocalMs);
        return new Attempt(status, body, exchange, response.Headers.RetryAfter?.Delta);
    }

    /// <summary>Adds timestamp and recvWindow and returns the signature (null for public calls).</summary>
    private string? Stamp(RestRequest request, BingxParameters parameters)
    {
        if (!request.Signed) return null;
        if (_credentials is null) throw new InvalidOperationException($"BingX {request}: signed call without credentials");
        parameters.Set("timestamp", Clock.NowMs);
        parameters.Set("recvWindow", (long)_options.RecvWindowMs);
        return _credentials.Signer.Sign(parameters.ToSignedString());
    }

    private async Task BackOff(RestRequest request, int attempt, string why, TimeSpan? retryAfter, CancellationToken ct)
    {
        var delay = _options.RetryPolicy.DelayAfter(attempt, retryAfter);
        _log.LogWarning("BingX {Request}: attempt {Attempt} failed ({Why}); retrying in {Ms} ms",
            request.ToString(), attempt, Redaction.Scrub(why), (long)delay.TotalMilliseconds);
        await Task.Delay(delay, _time, ct).ConfigureAwait(false);
    }

    private BingxResponse Deliver(BingxResponse response)
    {
        _onExchange?.Invoke(response.Exchange);
        return response;
    }

    private BingxApiException Delivered(RestExchange exchange, BingxApiException error)
    {
        _log.LogWarning("BingX {Method} {Path}: code {Code} ({Kind}), HTTP {Status}: {Message}",
            exchange.Method, exchange.Path, error.Code, error.Kind, error.HttpStatus, Redaction.Scrub(error.VenueMessage));
        _onExchange?.Invoke(exchange);
        return error;
    }

    private static bool IsTransport(Exception ex, CancellationToken ct) =>
        ex is HttpRequestException or IOException || (ex is OperationCanceledException && !ct.IsCancellationRequested);

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }
}
