using System.Globalization;
using System.IO.Compression;
using System.Text;
using Pink.Core;

namespace Pink.Bench.Workload;

/// <summary>
/// The mixed stream as BingX would send it: marks as <c>SYMBOL@markPrice</c> market frames, fills and acknowledgements
/// as ORDER_TRADE_UPDATE (cumulative <c>z</c>, <c>ap</c>, last price <c>L</c>, <c>rp</c>, commission <c>n</c> with BingX's
/// sign), wallet reports as ACCOUNT_UPDATE — each also gzip'ed as it arrives on the socket. Intents and REST income
/// are not WebSocket frames: they stay kernel events.
/// </summary>
public static class Frames
{
    /// <summary>One input: a WebSocket frame (text and its gzip'ed bytes) or an event that does not come as a frame.</summary>
    public sealed record Item(string? Text, byte[]? Gzip, long ReceivedMs, KernelEvent? Event);

    public static Item[] Of(IReadOnlyList<KernelEvent> events)
    {
        var items = new List<Item>(events.Count);
        var cum = new Dictionary<string, (long Venue, string Coid)>();
        string? lastBalance = null;
        // `bc`, as BingX sends it: the balance change other than PnL and commission — a funding payment's amount.
        var wallet = 0m;
        foreach (var e in events)
        {
            var text = e switch
            {
                MarkPrice m => $$$"""{"code":0,"dataType":"{{{m.Symbol}}}@markPrice","data":{"e":"markPriceUpdate","E":{{{m.TimeMs}}},"s":"{{{m.Symbol}}}","p":"{{{F(m.Price)}}}"}}""",
                OrderAcknowledged a => Otu(a.TimeMs, "", a.ClientOrderId, a.VenueOrderId, "BUY", "NEW", "NEW", "0", "0", null, null, null),
                Fill f => Otu(f.TimeMs, f.Symbol, f.ClientOrderId ?? "", f.VenueOrderId ?? 0, f.Side == OrderSide.Buy ? "BUY" : "SELL", "TRADE",
                    "PARTIALLY_FILLED", F(f.CumQty ?? f.Qty), f.Price > 0 ? F(f.CumAvgPrice ?? f.Price) : "0", f.Price > 0 ? F(f.Price) : null,
                    f.Settlement?.RealizedPnl is decimal rp ? F(rp) : null, f.Settlement is { } x ? F(-x.Fee) : null),
                BalanceReport b when b.Id == lastBalance => items[^1].Text, // the exchange repeating its last report
                BalanceReport b => $$$"""{"e":"ACCOUNT_UPDATE","E":{{{b.TimeMs}}},"a":{"m":"{{{(b.Reason == BalanceReason.Funding ? "FUNDING_FEE" : "ORDER")}}}","B":[{"a":"USDT","wb":"{{{F(b.WalletBalance)}}}","cw":"{{{F(b.WalletBalance)}}}","bc":"{{{F(b.Reason == BalanceReason.Funding ? b.WalletBalance - wallet : 0)}}}"}],"P":[{{{Positions(b)}}}]}}""",
                _ => null,
            };
            if (e is BalanceReport br) (lastBalance, wallet) = (br.Id, br.WalletBalance);
            items.Add(text is null ? new Item(null, null, e.TimeMs, e) : new Item(text, Gzip(text), e.TimeMs, null));
        }
        return items.ToArray();
    }

    // Hedge mode: `pa` unsigned, the side in `ps`.
    private static string Positions(BalanceReport b) =>
        string.Join(",", (b.Positions ?? []).Select(p => $$$"""{"s":"{{{p.Symbol}}}","pa":"{{{F(p.Qty)}}}","ep":"{{{F(p.EntryPrice)}}}","ps":"{{{(p.Side == PositionSide.Long ? "LONG" : "SHORT")}}}"}"""));

    private static string Otu(long time, string symbol, string coid, long venue, string side, string exec, string status, string z, string ap,
        string? last, string? rp, string? n) =>
        $$$"""{"e":"ORDER_TRADE_UPDATE","E":{{{time}}},"o":{"s":"{{{symbol}}}","c":"{{{coid}}}","i":{{{venue}}},"S":"{{{side}}}","o":"MARKET","q":"0","p":"0","ap":"{{{ap}}}",{{{(last is null ? "" : $"\"L\":\"{last}\",")}}}"x":"{{{exec}}}","X":"{{{status}}}","N":"USDT",{{{(n is null ? "" : $"\"n\":\"{n}\",")}}}"T":{{{time}}},"wt":"MARK_PRICE","ps":"BOTH",{{{(rp is null ? "" : $"\"rp\":\"{rp}\",")}}}"z":"{{{z}}}"}}""";

    private static string F(decimal x) => x.ToString("R", CultureInfo.InvariantCulture);

    public static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest)) gz.Write(Encoding.UTF8.GetBytes(text));
        return output.ToArray();
    }

    /// <summary>What the socket reader does with a frame: gunzip and decode.</summary>
    public static string Gunzip(byte[] bytes)
    {
        using var gz = new GZipStream(new MemoryStream(bytes, false), CompressionMode.Decompress);
        using var reader = new StreamReader(gz, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
