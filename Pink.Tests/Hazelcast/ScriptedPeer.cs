using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Pink.Shell.Hazelcast;

namespace Pink.Tests.Hazelcast;

/// <summary>What the scripted peer does with one request.</summary>
internal abstract record PeerAction
{
    /// <summary>Send these messages (as they are; the script sets correlation ids).</summary>
    public sealed record Send(params ClientMessage[] Messages) : PeerAction;

    /// <summary>Send these raw bytes.</summary>
    public sealed record SendBytes(byte[] Bytes) : PeerAction;

    /// <summary>Never answer.</summary>
    public sealed record Silence : PeerAction;

    /// <summary>Close the connection, after sending <paramref name="Before"/> (nothing by default).</summary>
    public sealed record Hangup(params ClientMessage[] Before) : PeerAction;
}

/// <summary>
/// A scripted peer, not a member: a loopback TcpListener (127.0.0.1, port 0) that checks the CP2 header,
/// records every request, and answers as its script says — normally with response frames from Hazelcast's
/// vector files. Stopped by DisposeAsync.
/// </summary>
internal sealed class ScriptedPeer : IAsyncDisposable
{
    public sealed record Received(int Connection, ClientMessage Message, byte[] Bytes);

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Func<ClientMessage, int, PeerAction> script;
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentQueue<Received> received = new();
    private readonly ConcurrentQueue<bool> headers = new();
    private readonly ConcurrentBag<TcpClient> sockets = [];
    private readonly ConcurrentBag<Task> handlers = [];
    private readonly SemaphoreSlim arrived = new(0);
    private readonly Task acceptor;
    private int connections;

    public ScriptedPeer(Func<ClientMessage, int, PeerAction> script)
    {
        this.script = script;
        listener.Start();
        Address = new HzAddress("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port);
        acceptor = Task.Run(AcceptAsync);
    }

    public HzAddress Address { get; }

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref connections);

    /// <summary>One entry per connection: whether it opened with "CP2".</summary>
    public IReadOnlyList<bool> Headers => [.. headers];

    public IReadOnlyList<Received> Requests => [.. received];

    public IEnumerable<Received> OfType(int messageType) => Requests.Where(r => r.Message.MessageType == messageType);

    /// <summary>Waits (bounded) until <paramref name="count"/> requests of <paramref name="messageType"/> arrived.</summary>
    public async Task<IReadOnlyList<Received>> WaitForAsync(int messageType, int count = 1)
    {
        var deadline = DateTime.UtcNow + Eventually.Limit;
        while (true)
        {
            var matches = OfType(messageType).ToList();
            if (matches.Count >= count) return matches;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) Assert.Fail($"scripted peer: {count} x {MessageTypes.Name(messageType)} never arrived (got {matches.Count})");
            await arrived.WaitAsync(left);
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await listener.AcceptTcpClientAsync(stop.Token);
                sockets.Add(socket);
                var index = Interlocked.Increment(ref connections) - 1;
                handlers.Add(Task.Run(() => ServeAsync(socket, index)));
            }
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task ServeAsync(TcpClient socket, int index)
    {
        try
        {
            var stream = socket.GetStream();
            var header = new byte[3];
            await stream.ReadExactlyAsync(header, stop.Token);
            headers.Enqueue(header.AsSpan().SequenceEqual("CP2"u8));
            while (await WireFormat.ReadAsync(stream, WireFormat.DefaultMaxFrameBytes, stop.Token) is { } request)
            {
                received.Enqueue(new Received(index, request, WireFormat.ToBytes(request)));
                arrived.Release();
                switch (script(request, index))
                {
                    case PeerAction.Send send:
                        foreach (var m in send.Messages) await stream.WriteAsync(WireFormat.ToBytes(m), stop.Token);
                        break;
                    case PeerAction.SendBytes raw:
                        await stream.WriteAsync(raw.Bytes, stop.Token);
                        break;
                    case PeerAction.Hangup hangup:
                        foreach (var m in hangup.Before) await stream.WriteAsync(WireFormat.ToBytes(m), stop.Token);
                        socket.Dispose();
                        return;
                }
            }
        }
        catch (Exception) when (stop.IsCancellationRequested || !socket.Connected)
        {
            // Stopped, or the client went away: nothing left to serve.
        }
        catch (IOException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        foreach (var s in sockets) s.Dispose();
        await acceptor;
        await Task.WhenAll(handlers);
        stop.Dispose();
    }
}

/// <summary>Replies cut from the 2.9 vector file, with the request's correlation id.</summary>
internal static class VectorReplies
{
    /// <summary>The vector authentication response with its status byte replaced (the vector's own is 113).</summary>
    public static ClientMessage Authentication(ClientMessage request, byte status = AuthenticationStatus.Authenticated)
    {
        var reply = Reply(request, MessageTypes.ClientAuthenticationResponse);
        reply.InitialFrame.Content[ClientMessage.ResponseHeaderSize] = status;
        return reply;
    }

    /// <summary>The vector response to <paramref name="request"/>'s type.</summary>
    public static ClientMessage Reply(ClientMessage request, int responseType, string file = Vectors.V29)
    {
        var reply = Vectors.Parsed(file, responseType);
        reply.CorrelationId = request.CorrelationId;
        return reply;
    }

    /// <summary>The vector MapGet response with its Data frame holding <paramref name="value"/> (the null file's when null).</summary>
    public static ClientMessage MapGet(ClientMessage request, byte[]? value)
    {
        if (value is null) return Reply(request, MessageTypes.MapGetResponse, Vectors.V29Null);
        var vector = Vectors.Parsed(Vectors.V29, MessageTypes.MapGetResponse);
        var reply = new ClientMessage([vector.InitialFrame, new Frame(value, vector.Frames[1].Flags)]);
        reply.CorrelationId = request.CorrelationId;
        return reply;
    }

    /// <summary>
    /// A script for a well-behaved peer: authenticates, answers ping / set / put / get from the vectors, and keeps
    /// what was set so Map.Get returns it.
    /// </summary>
    public static Func<ClientMessage, int, PeerAction> Storing(ConcurrentDictionary<string, byte[]>? store = null)
    {
        store ??= new ConcurrentDictionary<string, byte[]>();
        return (request, _) => new PeerAction.Send(Answer(request, store));
    }

    public static ClientMessage Answer(ClientMessage request, ConcurrentDictionary<string, byte[]> store)
    {
        switch (request.MessageType)
        {
            case MessageTypes.ClientAuthentication:
                return Authentication(request);
            case MessageTypes.ClientPing:
                return Reply(request, MessageTypes.ClientPingResponse);
            case MessageTypes.MapSet:
            case MessageTypes.MapPut:
                store[EntryKey(request)] = request.Frames[3].Content;
                return Reply(request, request.MessageType + 1);
            case MessageTypes.MapGet:
                return MapGet(request, store.GetValueOrDefault(EntryKey(request)));
            default:
                throw new InvalidOperationException($"scripted peer has no answer for {MessageTypes.Name(request.MessageType)}");
        }
    }

    private static string EntryKey(ClientMessage request) =>
        System.Text.Encoding.UTF8.GetString(request.Frames[1].Content) + "/" + Convert.ToHexString(request.Frames[2].Content);
}

/// <summary>Bounded waits for something a background task will do (a guard against hanging, not a timing assertion).</summary>
internal static class Eventually
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    public static async Task Until(Func<bool> condition, Func<string> what)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"never happened: {what()}");
            await Task.Delay(5);
        }
    }
}
