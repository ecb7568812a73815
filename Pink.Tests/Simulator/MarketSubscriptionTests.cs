using System.Net.WebSockets;
using System.Text;
using Pink.Shell.Venue;
using Pink.Tests.Venue;

namespace Pink.Tests.Simulator;

/// <summary>Market-stream subscriptions at the wire: accepted ones are acknowledged, refused ones get an error frame.</summary>
public class MarketSubscriptionTests
{
    [Fact]
    public async Task RefusedSubscriptionAnswersWithAnErrorFrame()
    {
        await using var v = await SimVenue.StartAsync();
        using var ws = new ClientWebSocket();
        await ws.ConnectAsync(v.Sim.WsUrl, CancellationToken.None);

        await Send(ws, """{"id":"req-unknown-1","reqType":"sub","dataType":"NOPE-USDT@markPrice"}""");
        var (type, bytes) = await Receive(ws);
        Assert.Equal(WebSocketMessageType.Binary, type);
        Assert.Equal(new byte[] { 0x1f, 0x8b }, bytes[..2]); // gzip, like every other frame
        Assert.Equal("""{"code":80015,"id":"req-unknown-1","msg":"dataType not supported"}""", GzipText.Decode(bytes));

        // The refused topic is not kept: a known symbol's subscription is acknowledged and pushed, the unknown one never.
        v.Sim.SetMark("NOPE-USDT", 1m);
        await Send(ws, """{"id":"req-known-2","reqType":"sub","dataType":"FET-USDT@markPrice"}""");
        Assert.Equal("""{"id":"req-known-2","code":0,"msg":""}""", GzipText.Decode((await Receive(ws)).Bytes));
        Assert.Contains("FET-USDT@markPrice", GzipText.Decode((await Receive(ws)).Bytes));
        v.Sim.SetMark("NOPE-USDT", 2m);
        v.Sim.SetMark("FET-USDT", 0.19m);
        Assert.Contains("\"p\":\"0.19\"", GzipText.Decode((await Receive(ws)).Bytes));
    }

    private static Task Send(ClientWebSocket ws, string text) =>
        ws.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<(WebSocketMessageType Type, byte[] Bytes)> Receive(ClientWebSocket ws)
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
