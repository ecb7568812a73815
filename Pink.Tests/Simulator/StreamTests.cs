using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using Pink.Shell.Simulator;
using Pink.Shell.Venue;
using Pink.Tests.Venue;

namespace Pink.Tests.Simulator;

/// <summary>The user and market streams against the simulator: GZIP frames, Ping/Pong, listenKeys, reconnection.</summary>
public class StreamTests
{
    private static readonly StreamOptions Options = new(null, TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(30));

    private static OrderRequest Market(string side, string positionSide, decimal qty, string coid) =>
        new("FET-USDT", side, positionSide, "MARKET", qty, ClientOrderId: coid);

    private sealed class Feed
    {
        public ConcurrentQueue<StreamMessage> Messages { get; } = new();
        public void Add(StreamMessage m) => Messages.Enqueue(m);
        public List<string> Texts => Messages.Select(m => m.Text).ToList();
        public List<JsonElement> Events(string e) => Texts.Where(t => t.StartsWith('{'))
            .Select(t => JsonDocument.Parse(t).RootElement).Where(j => j.TryGetProperty("e", out var k) && k.GetString() == e).ToList();
    }

    [Fact]
    public async Task User_frames_are_binary_gzip_in_bingx_shape_with_its_quirks()
    {
        // Order-first, so the frames below are NEW, TRADE, ACCOUNT_UPDATE (the default order is EventOrderTests' subject).
        await using var v = await SimVenue.StartAsync(new SimulatorOptions(EventOrder: EventOrder.OrderFirst));
        var key = await v.Api.CreateListenKeyAsync();
        using var ws = new ClientWebSocket();
        await ws.ConnectAsync(new Uri(v.Sim.WsUrl + "?listenKey=" + key), CancellationToken.None);
        await Eventually.True(() => v.Sim.UserStreamsOpen == 1, "the venue registered the connection");
        await v.Api.PlaceOrderAsync(Market("SELL", "SHORT", 100m, "pk-0-1"));

        var frames = new List<(WebSocketMessageType Type, byte[] Bytes)>();
        for (var i = 0; i < 3; i++) frames.Add(await Receive(ws));
        Assert.All(frames, f => Assert.Equal(WebSocketMessageType.Binary, f.Type));
        Assert.All(frames, f => Assert.Equal(new byte[] { 0x1f, 0x8b }, f.Bytes[..2]));
        var texts = frames.Select(f => GzipText.Decode(f.Bytes)).ToList();
        var trade = JsonDocument.Parse(texts[1]).RootElement;
        Assert.Equal("ORDER_TRADE_UPDATE", trade.GetProperty("e").GetString());
        var o = trade.GetProperty("o");
        Assert.Equal("", o.GetProperty("c").GetString());           // c empty although a clientOrderId was set
        Assert.False(o.TryGetProperty("L", out _));                  // no last fill price
        Assert.Equal(JsonValueKind.String, o.GetProperty("z").ValueKind);
        Assert.StartsWith("-", o.GetProperty("n").GetString());      // fee paid is negative
        Assert.Equal("TRADE", o.GetProperty("x").GetString());
        Assert.Equal("ACCOUNT_UPDATE", JsonDocument.Parse(texts[2]).RootElement.GetProperty("e").GetString());
    }

    [Fact]
    public async Task Ping_is_answered_with_Pong_and_handed_on_as_received()
    {
        await using var v = await SimVenue.StartAsync();
        var feed = new Feed();
        await using var stream = new BingxUserStream(v.Api, feed.Add, null, v.Log, options: Options);
        await stream.StartAsync();
        await Eventually.True(() => v.Sim.UserStreamsOpen == 1, "connected");
        for (var i = 1; i <= 4; i++)
        {
            v.Sim.SendPing();
            await Eventually.True(() => v.Sim.PongsReceived == i, $"Pong {i}");
        }
        Assert.Equal(4, feed.Texts.Count(t => t == "Ping"));
        Assert.Equal(1, stream.Connections); // answering keeps the connection beyond the unanswered limit
        Assert.Equal(1, v.Sim.UserStreamsOpen);
    }

    [Fact]
    public async Task A_socket_that_never_answers_Ping_is_dropped()
    {
        await using var v = await SimVenue.StartAsync();
        var key = await v.Api.CreateListenKeyAsync();
        using var ws = new ClientWebSocket();
        await ws.ConnectAsync(new Uri(v.Sim.WsUrl + "?listenKey=" + key), CancellationToken.None);
        await Eventually.True(() => v.Sim.UserStreamsOpen == 1, "connected");
        for (var i = 0; i < 3; i++) v.Sim.SendPing();
        await Eventually.True(() => v.Sim.UserStreamsOpen == 0, "dropped after unanswered Pings");
    }

    [Fact]
    public async Task An_expired_listen_key_is_replaced_the_stream_reconnects_and_reconciles()
    {
        await using var v = await SimVenue.StartAsync();
        var feed = new Feed();
        var reconciled = new ConcurrentQueue<StreamReconnected>();
        await using var stream = new BingxUserStream(v.Api, feed.Add, (r, _) => { reconciled.Enqueue(r); return Task.CompletedTask; }, v.Log, options: Options);
        await stream.StartAsync();
        await Eventually.True(() => v.Sim.UserStreamsOpen == 1, "connected");
        var first = stream.ListenKey!;
        v.Sim.ExpireListenKeys();
        await Eventually.True(() => stream.ListenKey != first && v.Sim.UserStreamsOpen == 1 && !reconciled.IsEmpty, "a new key, a new connection, a reconciliation");
        Assert.Single(feed.Events("listenKeyExpired"));
        Assert.Equal(2, stream.Connections);      // one reconnection, not one per signal (frame and close)
        Assert.Equal(2, stream.ListenKeysCreated);
        Assert.False(v.Sim.IsListenKeyValid(first));
        Assert.True(v.Sim.IsListenKeyValid(stream.ListenKey!));

        await v.Api.PlaceOrderAsync(Market("BUY", "LONG", 10m, "pk-1-1"));
        await Eventually.True(() => feed.Events("ORDER_TRADE_UPDATE").Count == 2, "frames flow on the new connection");
    }

    [Fact]
    public async Task A_dropped_connection_reconnects_with_a_new_key_and_runs_the_reconciliation_hook()
    {
        await using var v = await SimVenue.StartAsync();
        var feed = new Feed();
        var reconciled = new ConcurrentQueue<StreamReconnected>();
        await using var stream = new BingxUserStream(v.Api, feed.Add, (r, _) => { reconciled.Enqueue(r); return Task.CompletedTask; }, v.Log, options: Options);
        await stream.StartAsync();
        await Eventually.True(() => v.Sim.UserStreamsOpen == 1, "connected");
        v.Sim.DropUserStreams();
        await Eventually.True(() => stream.Reconciliations == 1 && v.Sim.UserStreamsOpen == 1, "reconnected and reconciled");
        Assert.Equal(2, stream.Connections);
        Assert.Equal(2, stream.ListenKeysCreated);
        Assert.NotEqual("Initial", Assert.Single(reconciled).Reason);
    }

    [Fact]
    public async Task The_listen_key_is_extended_every_thirty_minutes()
    {
        await using var v = await SimVenue.StartAsync();
        var time = new ManualTime();
        await using var stream = new BingxUserStream(v.Api, _ => { }, null, v.Log, time, Options);
        await stream.StartAsync();
        Assert.Equal(0, v.Sim.ListenKeyExtensions);
        time.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(0, v.Sim.ListenKeyExtensions);
        time.Advance(TimeSpan.FromMinutes(1));
        await Eventually.True(() => v.Sim.ListenKeyExtensions == 1, "extended at 30 minutes");
        await Eventually.True(() => time.PendingTimers == 1, "the next period is scheduled");
        time.Advance(TimeSpan.FromMinutes(30));
        await Eventually.True(() => v.Sim.ListenKeyExtensions == 2, "extended again at 60 minutes");
        Assert.Equal(1, stream.Connections);
    }

    [Fact]
    public async Task A_refused_extension_gets_a_new_key_and_a_new_connection()
    {
        await using var v = await SimVenue.StartAsync();
        await using var stream = new BingxUserStream(v.Api, _ => { }, null, v.Log, options: Options);
        await stream.StartAsync();
        var first = stream.ListenKey!;
        await v.Api.DeleteListenKeyAsync(first); // the venue forgets the key
        await stream.KeepAliveOnceAsync();
        await Eventually.True(() => stream.Connections == 2 && stream.ListenKey != first, "reconnected with a new key");
    }

    [Fact]
    public async Task A_duplicated_frame_is_handed_on_twice_exactly_as_received()
    {
        await using var v = await SimVenue.StartAsync();
        var feed = new Feed();
        await using var stream = new BingxUserStream(v.Api, feed.Add, null, v.Log, options: Options);
        await stream.StartAsync();
        await Eventually.True(() => v.Sim.UserStreamsOpen == 1, "connected");
        v.Sim.DuplicateNextUserFrames(1);
        await v.Api.PlaceOrderAsync(Market("BUY", "LONG", 10m, "pk-2-1"));
        await Eventually.True(() => feed.Messages.Count >= 4, "NEW twice, TRADE, ACCOUNT_UPDATE");
        var texts = feed.Texts;
        Assert.Equal(texts[0], texts[1]);
        Assert.Contains("\"x\":\"NEW\"", texts[0]);
    }

    [Fact]
    public async Task A_protective_bound_rides_in_p_while_ap_carries_the_fill()
    {
        await using var v = await SimVenue.StartAsync();
        var feed = new Feed();
        await using var stream = new BingxUserStream(v.Api, feed.Add, null, v.Log, options: Options);
        await stream.StartAsync();
        await Eventually.True(() => v.Sim.UserStreamsOpen == 1, "connected");
        v.Sim.SetProtectivePrice(0.22m);
        await v.Api.PlaceOrderAsync(Market("SELL", "SHORT", 100m, "pk-3-1"));
        await Eventually.True(() => feed.Events("ORDER_TRADE_UPDATE").Count == 2, "NEW and TRADE");
        var fill = feed.Events("ORDER_TRADE_UPDATE")[1].GetProperty("o");
        Assert.Equal("0.14040000", fill.GetProperty("p").GetString()); // 0.18 × (1 − 0.22)
        Assert.Equal("0.18000000", fill.GetProperty("ap").GetString());
    }

    [Fact]
    public async Task The_market_stream_subscribes_marks_and_subscribes_again_after_a_drop()
    {
        await using var v = await SimVenue.StartAsync();
        var feed = new Feed();
        await using var market = new BingxMarketStream(v.Sim.WsUrl, ["FETUSDT"], feed.Add, v.Log, options: Options);
        await market.StartAsync();
        await Eventually.True(() => feed.Texts.Any(t => t.Contains("FET-USDT@markPrice") && t.Contains("\"p\":\"0.18\"")), "the current mark");
        Assert.Contains(feed.Texts, t => t.Contains("\"code\":0") && t.Contains("\"id\""));
        v.Sim.SetMark("FET-USDT", 0.2m);
        await Eventually.True(() => feed.Texts.Any(t => t.Contains("\"p\":\"0.2\"")), "the new mark");
        Assert.All(feed.Messages, m => Assert.Equal(StreamKind.Market, m.Stream));

        v.Sim.DropMarketStreams();
        await Eventually.True(() => market.Connections == 2, "reconnected");
        v.Sim.SetMark("FET-USDT", 0.21m);
        await Eventually.True(() => feed.Texts.Any(t => t.Contains("\"p\":\"0.21\"")), "marks after the reconnection");
        v.Sim.SendPing();
        await Eventually.True(() => v.Sim.PongsReceived >= 1, "Pong on the market stream");
    }

    private static async Task<(WebSocketMessageType, byte[])> Receive(ClientWebSocket ws)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20)); // safety net only
        var buffer = new byte[65536];
        using var ms = new MemoryStream();
        WebSocketReceiveResult r;
        do
        {
            r = await ws.ReceiveAsync(buffer, cts.Token);
            ms.Write(buffer, 0, r.Count);
        } while (!r.EndOfMessage);
        return (r.MessageType, ms.ToArray());
    }
}
