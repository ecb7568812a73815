using System.Collections.Concurrent;
using System.Net.Sockets;

namespace Pink.Shell.Hazelcast;

/// <summary>
/// One TCP connection speaking client protocol 2: sends "CP2", then requests; a reader task pairs responses
/// with requests by correlation id. Any I/O or protocol error closes the connection and fails every pending
/// request with the same reason (a half-written or half-read frame cannot be recovered).
/// </summary>
public sealed class HazelcastConnection : IAsyncDisposable
{
    private readonly TcpClient tcp;
    private readonly NetworkStream stream;
    private readonly int maxFrameBytes;
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly ConcurrentDictionary<long, TaskCompletionSource<ClientMessage>> pending = new();
    private readonly CancellationTokenSource closing = new();
    private readonly FragmentAssembler assembler = new();
    private readonly Task reader;
    private long nextCorrelationId;
    private long lastWriteMs;
    private long eventsIgnored;
    private Exception? closeReason;

    private HazelcastConnection(TcpClient tcp, HzAddress remote, int maxFrameBytes)
    {
        this.tcp = tcp;
        stream = tcp.GetStream();
        Remote = remote;
        this.maxFrameBytes = maxFrameBytes;
        lastWriteMs = Environment.TickCount64;
        reader = Task.Run(ReadLoopAsync);
    }

    /// <summary>The member's address.</summary>
    public HzAddress Remote { get; }

    /// <summary>False once closed (by us, the peer, or an error).</summary>
    public bool IsOpen => Volatile.Read(ref closeReason) is null;

    /// <summary>Why the connection closed, or null while open.</summary>
    public Exception? CloseReason => Volatile.Read(ref closeReason);

    /// <summary>Milliseconds since the last request was written (what the member's idle timeout watches).</summary>
    public long MillisSinceLastWrite => Environment.TickCount64 - Interlocked.Read(ref lastWriteMs);

    /// <summary>Event messages received and ignored (Pink registers no listener).</summary>
    public long EventsIgnored => Interlocked.Read(ref eventsIgnored);

    /// <summary>Connects and sends the CP2 header.</summary>
    public static async Task<HazelcastConnection> OpenAsync(HzAddress address, TimeSpan connectTimeout, int maxFrameBytes, CancellationToken ct)
    {
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(connectTimeout);
            await tcp.ConnectAsync(address.Host, address.Port, timeout.Token).ConfigureAwait(false);
            await tcp.GetStream().WriteAsync(WireFormat.ConnectionHeader.ToArray(), timeout.Token).ConfigureAwait(false);
            return new HazelcastConnection(tcp, address, maxFrameBytes);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            tcp.Dispose();
            throw new HazelcastConnectionException($"Hazelcast: connecting to {address} timed out after {connectTimeout.TotalSeconds:0.###} s");
        }
        catch (SocketException e)
        {
            tcp.Dispose();
            throw new HazelcastConnectionException($"Hazelcast: connecting to {address} failed: {e.Message}", e);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Sends <paramref name="request"/> (assigning its correlation id) and waits for its response. The response
    /// is returned as is: an error response is turned into an exception by the codec that decodes it.
    /// </summary>
    public async Task<ClientMessage> InvokeAsync(ClientMessage request, TimeSpan timeout, CancellationToken ct)
    {
        ThrowIfClosed();
        var id = Interlocked.Increment(ref nextCorrelationId);
        request.CorrelationId = id;
        var response = new TaskCompletionSource<ClientMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = response;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct, closing.Token);
        deadline.CancelAfter(timeout);
        try
        {
            await WriteAsync(WireFormat.ToBytes(request), deadline.Token).ConfigureAwait(false);
            return await response.Task.WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // A response read just before the peer closed must not be lost to the cancellation the close causes.
            if (response.Task.IsCompletedSuccessfully) return response.Task.Result;
            if (!IsOpen) throw Closed();
            throw new TimeoutException($"Hazelcast: no response to {MessageTypes.Name(request.MessageType)} from {Remote} within {timeout.TotalSeconds:0.###} s");
        }
        finally
        {
            pending.TryRemove(id, out _);
        }
    }

    private async Task WriteAsync(byte[] bytes, CancellationToken ct)
    {
        await writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ThrowIfClosed();
            await stream.WriteAsync(bytes, ct).ConfigureAwait(false);
            Interlocked.Exchange(ref lastWriteMs, Environment.TickCount64);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // A write interrupted part-way leaves a partial frame on the wire: the stream is unusable after it.
            Close(new HazelcastConnectionException($"Hazelcast: writing to {Remote} failed: {e.Message}", e));
            if (e is OperationCanceledException) throw;
            throw Closed();
        }
        finally
        {
            writeLock.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var piece = await WireFormat.ReadAsync(stream, maxFrameBytes, closing.Token).ConfigureAwait(false);
                if (piece is null)
                {
                    Close(new HazelcastConnectionException($"Hazelcast member {Remote} closed the connection"));
                    return;
                }
                if (assembler.Accept(piece) is not ClientMessage message) continue;
                if (message.IsEvent)
                {
                    Interlocked.Increment(ref eventsIgnored);
                    continue;
                }
                // An unknown id is a response that arrived after its request timed out: nothing waits for it.
                if (pending.TryRemove(message.CorrelationId, out var waiter)) waiter.TrySetResult(message);
            }
        }
        catch (OperationCanceledException) when (closing.IsCancellationRequested)
        {
        }
        catch (HazelcastProtocolException e)
        {
            Close(e);
        }
        catch (Exception e)
        {
            Close(new HazelcastConnectionException($"Hazelcast: reading from {Remote} failed: {e.Message}", e));
        }
    }

    private void Close(Exception reason)
    {
        if (Interlocked.CompareExchange(ref closeReason, reason, null) is not null) return;
        closing.Cancel();
        tcp.Dispose();
        foreach (var id in pending.Keys)
            if (pending.TryRemove(id, out var waiter)) waiter.TrySetException(reason);
    }

    private void ThrowIfClosed()
    {
        if (!IsOpen) throw Closed();
    }

    private HazelcastConnectionException Closed() =>
        new($"Hazelcast connection to {Remote} is closed: {CloseReason?.Message}", CloseReason);

    /// <summary>Closes the socket; pending requests fail.</summary>
    public async ValueTask DisposeAsync()
    {
        Close(new HazelcastConnectionException($"Hazelcast connection to {Remote} was closed by the client"));
        try
        {
            await reader.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The reader records its own failure as the close reason; nothing more to report here.
        }
        // closing and writeLock are left to the collector: a late caller may still touch them, and neither holds
        // an OS handle.
    }
}
