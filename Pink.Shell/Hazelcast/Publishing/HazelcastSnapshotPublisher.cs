using Pink.Core;
using Pink.Shell.Config;
using Pink.Shell.Publishing;

namespace Pink.Shell.Hazelcast;

/// <summary>
/// Publishes the account snapshot to a Hazelcast IMap. <see cref="Publish"/> only puts the snapshot in a
/// latest-wins slot; a background sender connects (with backoff), sets the entry, reads it back, and pings when
/// idle. While the cluster is slow or absent each new snapshot replaces the unsent one, and the status shows it.
/// </summary>
public sealed class HazelcastSnapshotPublisher : ISnapshotPublisher
{
    private readonly HazelcastPublisherOptions options;
    private readonly TimeProvider time;
    private readonly HzData key;
    private readonly string target;
    private readonly LatestSlot<AccountSnapshot> slot = new();
    private readonly CancellationTokenSource stop = new();
    private readonly object gate = new();
    private readonly Task sender;
    private volatile HazelcastClient? client;
    private long offered;
    private long published;
    private long stale;
    private long lastOfferedSeq = long.MinValue;
    private long? lastSentSeq;
    private DateTimeOffset? lastSentAt;
    private string? lastError;
    private DateTimeOffset? lastErrorAt;
    private long failures;
    private long connects;
    private long pings;
    private bool disposed;

    /// <summary>Starts the background sender. Throws <see cref="ArgumentException"/> for a map outside the namespace (rule 18).</summary>
    public HazelcastSnapshotPublisher(HazelcastPublisherOptions options, TimeProvider? time = null)
    {
        var refusal = NamespaceGuard.CheckMap(options.Namespace, options.Map);
        if (refusal is not null) throw new ArgumentException("Hazelcast snapshot publisher refused: " + refusal, nameof(options));
        this.options = options;
        this.time = time ?? TimeProvider.System;
        key = HzSerializer.String(options.Key);
        target = $"hazelcast {options.Client.Address} map '{options.Map}' key '{options.Key}'";
        sender = Task.Run(RunAsync);
    }

    /// <inheritdoc/>
    public void Publish(AccountSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            offered++;
            if (snapshot.EventSeq <= lastOfferedSeq)
            {
                stale++;
                return;
            }
            lastOfferedSeq = snapshot.EventSeq;
            slot.Offer(snapshot);
        }
    }

    /// <inheritdoc/>
    public PublisherStatus Status
    {
        get
        {
            lock (gate)
                return new PublisherStatus(target, client?.IsConnected ?? false, offered, published, slot.Superseded, stale,
                    slot.Peek()?.EventSeq, lastSentSeq, lastSentAt, lastError, lastErrorAt, failures, connects, pings);
        }
    }

    private async Task RunAsync()
    {
        var ct = stop.Token;
        while (!ct.IsCancellationRequested)
        {
            AccountSnapshot? inFlight = null;
            try
            {
                var c = client is { IsConnected: true } live ? live : await ConnectAsync(ct).ConfigureAwait(false);
                await slot.WaitAsync(KeepAlive.Until(c.MillisSinceLastWrite, options.PingInterval), ct).ConfigureAwait(false);
                // Closed while idle: counted as a failure so a member that keeps dropping us is retried with backoff.
                if (!c.IsConnected) throw new HazelcastConnectionException($"connection lost while idle: {c.CloseReason?.Message}", c.CloseReason);
                if (slot.TryTake(out inFlight))
                {
                    await SendAsync(c, inFlight, ct).ConfigureAwait(false);
                    inFlight = null;
                }
                else if (KeepAlive.Due(c.MillisSinceLastWrite, options.PingInterval))
                {
                    await c.PingAsync(ct).ConfigureAwait(false);
                    lock (gate)
                    {
                        pings++;
                        failures = 0;
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                if (inFlight is not null) slot.Restore(inFlight);
                return;
            }
            catch (Exception e)
            {
                if (inFlight is not null) slot.Restore(inFlight);
                await FailedAsync(e).ConfigureAwait(false);
                if (!await BackOffAsync(ct).ConfigureAwait(false)) return;
            }
        }
    }

    private async Task<HazelcastClient> ConnectAsync(CancellationToken ct)
    {
        await DropClientAsync().ConfigureAwait(false);
        var c = await HazelcastClient.ConnectAsync(options.Client, ct).ConfigureAwait(false);
        client = c;
        lock (gate) connects++;
        return c;
    }

    private async Task SendAsync(HazelcastClient c, AccountSnapshot snapshot, CancellationToken ct)
    {
        var value = HzSerializer.JsonUtf8(SnapshotJson.ToUtf8(snapshot));
        await c.SetAsync(options.Map, key, value, options.TtlMs, ct).ConfigureAwait(false);
        if (options.VerifyWithGet)
        {
            var back = await c.GetAsync(options.Map, key, ct).ConfigureAwait(false);
            if (!value.Equals(back))
                throw new SnapshotVerificationException(
                    $"snapshot event_seq {snapshot.EventSeq} read back from map '{options.Map}' key '{options.Key}' " +
                    (back is null ? "is missing" : $"differs ({back.Length} bytes, type {back.TypeId}): does another writer use this key?"));
        }
        lock (gate)
        {
            published++;
            lastSentSeq = snapshot.EventSeq;
            lastSentAt = time.GetUtcNow();
            failures = 0;
        }
    }

    private async Task FailedAsync(Exception e)
    {
        lock (gate)
        {
            failures++;
            lastError = $"{e.GetType().Name}: {e.Message}";
            lastErrorAt = time.GetUtcNow();
        }
        // A member's error answer or a verification mismatch leaves the connection usable; anything else
        // (I/O, protocol, timeout) may have left it mid-frame, so it is replaced.
        if (e is not (HazelcastServerException or SnapshotVerificationException)) await DropClientAsync().ConfigureAwait(false);
    }

    private async Task<bool> BackOffAsync(CancellationToken ct)
    {
        long n;
        lock (gate) n = failures;
        try
        {
            await Task.Delay(options.Backoff.Delay(n), time, ct).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task DropClientAsync()
    {
        var c = client;
        client = null;
        if (c is not null) await c.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Stops the sender; a pending snapshot gets one last try (bounded by FlushTimeout) if connected.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (gate)
        {
            if (disposed) return;
            disposed = true;
        }
        await stop.CancelAsync().ConfigureAwait(false);
        await sender.ConfigureAwait(false);
        if (client is { IsConnected: true } c && slot.TryTake(out var last))
        {
            using var flush = new CancellationTokenSource(options.FlushTimeout);
            try
            {
                await SendAsync(c, last, flush.Token).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                slot.Restore(last);
                lock (gate)
                {
                    lastError = $"not sent at shutdown: {e.GetType().Name}: {e.Message}";
                    lastErrorAt = time.GetUtcNow();
                }
            }
        }
        await DropClientAsync().ConfigureAwait(false);
        stop.Dispose();
    }
}
