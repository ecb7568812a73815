using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using Pink.Shell.Venue;
using Pink.Tests.Venue;

namespace Pink.Tests.Simulator;

/// <summary>
/// The user stream read straight off the socket, no client in between: every frame gunzipped, in arrival order,
/// the server's Pings left out. What the wire-level tests of the event order look at.
/// </summary>
internal sealed class RawUserStream : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentQueue<string> _texts = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _reader = Task.CompletedTask;

    public static async Task<RawUserStream> ConnectAsync(SimVenue v)
    {
        var stream = new RawUserStream();
        var open = v.Sim.UserStreamsOpen;
        var key = await v.Api.CreateListenKeyAsync();
        await stream._socket.ConnectAsync(new Uri(v.Sim.WsUrl + "?listenKey=" + key), CancellationToken.None);
        await Eventually.True(() => v.Sim.UserStreamsOpen == open + 1, "the venue registered the connection");
        stream._reader = stream.ReadAsync();
        return stream;
    }

    public int Count => _texts.Count;

    public List<JsonElement> Events => _texts.Select(t => JsonDocument.Parse(t).RootElement).ToList();

    /// <summary>
    /// Short labels in arrival order: NEW, CANCELED, EXPIRED, "OTU z" (a TRADE frame and its cumulative z), "CALC z" (a
    /// CALCULATED frame: the venue's liquidation or ADL), "AU pa" (an ORDER account update, or "AU" without a position),
    /// "FUND bc" (a FUNDING_FEE account update and its balance change).
    /// </summary>
    public List<string> Labels => Events.Select(Label).ToList();

    /// <summary>The `o` objects of the ORDER_TRADE_UPDATE frames, in arrival order.</summary>
    public List<JsonElement> OrderUpdates => Events.Where(e => e.GetProperty("e").GetString() == "ORDER_TRADE_UPDATE").Select(e => e.GetProperty("o")).ToList();

    /// <summary>The `a` objects of the ACCOUNT_UPDATE frames, in arrival order.</summary>
    public List<JsonElement> AccountUpdates => Events.Where(e => e.GetProperty("e").GetString() == "ACCOUNT_UPDATE").Select(e => e.GetProperty("a")).ToList();

    public Task UntilAtLeast(int frames, string what) => Eventually.True(() => _texts.Count >= frames, $"{what} ({_texts.Count} frames so far)");

    public static string Label(JsonElement e) => e.GetProperty("e").GetString() switch
    {
        "ORDER_TRADE_UPDATE" when e.GetProperty("o").GetProperty("x").GetString() == "TRADE" => $"OTU {N(D(e.GetProperty("o"), "z"))}",
        "ORDER_TRADE_UPDATE" when e.GetProperty("o").GetProperty("x").GetString() == "CALCULATED" => $"CALC {N(D(e.GetProperty("o"), "z"))}",
        "ORDER_TRADE_UPDATE" => e.GetProperty("o").GetProperty("x").GetString()!,
        "ACCOUNT_UPDATE" when e.GetProperty("a").GetProperty("m").GetString() == "FUNDING_FEE" => $"FUND {N(D(e.GetProperty("a").GetProperty("B")[0], "bc"))}",
        "ACCOUNT_UPDATE" when e.GetProperty("a").TryGetProperty("P", out var p) => $"AU {N(D(p[0], "pa"))}",
        "ACCOUNT_UPDATE" => "AU",
        var other => other!,
    };

    private static string N(decimal value) => value.ToString("0.########", CultureInfo.InvariantCulture);

    public static decimal D(JsonElement o, string name) => decimal.Parse(o.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);

    /// <summary>A string field.</summary>
    public static string S(JsonElement o, string name) => o.GetProperty(name).GetString()!;

    private async Task ReadAsync()
    {
        var buffer = new byte[65536];
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult r;
                do
                {
                    r = await _socket.ReceiveAsync(buffer, _stop.Token);
                    message.Write(buffer, 0, r.Count);
                } while (!r.EndOfMessage);
                if (r.MessageType == WebSocketMessageType.Close) return;
                var text = GzipText.Decode(message.ToArray());
                if (text != "Ping") _texts.Enqueue(text);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // the test is over or the venue dropped us: what arrived is what there is
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _reader;
        _socket.Dispose();
        _stop.Dispose();
    }
}
