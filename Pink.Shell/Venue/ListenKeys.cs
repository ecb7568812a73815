using Microsoft.Extensions.Logging;

namespace Pink.Shell.Venue;

/// <summary>
/// The user stream's listenKey: a fresh one for every connection (after a drop or an expiry the old key is not
/// trusted), the previous one deleted best-effort, and <see cref="ExtendAsync"/> for the keep-alive.
/// </summary>
internal sealed class ListenKeys(BingxApi api, ILogger log)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _current;

    public string? Current => Volatile.Read(ref _current);

    /// <summary>How many keys were created (observability; tests read it).</summary>
    public int Created { get; private set; }

    /// <summary>Creates a new key and retires the old one.</summary>
    public async Task<string> RenewAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var old = _current;
            var key = await api.CreateListenKeyAsync(ct).ConfigureAwait(false);
            Volatile.Write(ref _current, key);
            Created++;
            log.LogInformation("BingX user stream: new listenKey {Key}", Redaction.Scrub($"listenKey={key}"));
            if (old is not null) _ = DeleteQuietlyAsync(old);
            return key;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Extends the current key; false when the venue no longer knows it (then a reconnect mints a new one).</summary>
    public async Task<bool> ExtendAsync(CancellationToken ct)
    {
        if (Current is not string key) return false;
        try
        {
            await api.ExtendListenKeyAsync(key, ct).ConfigureAwait(false);
            return true;
        }
        catch (BingxApiException ex)
        {
            log.LogWarning("BingX user stream: extending the listenKey failed ({Kind}, HTTP {Status})", ex.Kind, ex.HttpStatus);
            return false;
        }
    }

    /// <summary>Deletes the current key (on shutdown).</summary>
    public Task CloseAsync() => Current is string key ? DeleteQuietlyAsync(key) : Task.CompletedTask;

    private async Task DeleteQuietlyAsync(string key)
    {
        try
        {
            await api.DeleteListenKeyAsync(key).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is BingxApiException or HttpRequestException or OperationCanceledException or BingxOutcomeUnknownException)
        {
            log.LogDebug("BingX user stream: deleting an old listenKey failed ({Error})", ex.GetType().Name);
        }
    }
}
