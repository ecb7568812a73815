using System.Text.Json;
using Pink.Core;

namespace Pink.Core.Bingx;

/// <summary>
/// The pure BingX adapter: raw exchange messages → kernel events. No sockets, no clock: the caller passes the receive
/// time and the current kernel state (which remembers what each order already reported, so cumulative figures become
/// increments exactly once, across restarts too). Never throws: anything unreadable becomes an
/// <see cref="InputRejected"/> event, which the kernel reports as MALFORMED_INPUT.
/// </summary>
public static class BingxAdapter
{
    /// <summary>A WebSocket message (user stream or market stream) as received, after gunzip.</summary>
    public static IReadOnlyList<KernelEvent> FromWs(string text, KernelState state, long receivedMs)
    {
        var output = new List<KernelEvent>(2);
        var trimmed = text.Trim();
        if (trimmed is "Ping" or "Pong" or "") return output;
        try
        {
            using var doc = JsonDocument.Parse(trimmed);
            FromWs(doc.RootElement, state, receivedMs, output);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException) // ArgumentException: a lone surrogate char in the text itself
        {
            output.Add(new InputRejected("bingx.ws", string.Create(CultureInfo.InvariantCulture, $"not JSON ({ex.Message}): {Clip(trimmed)}"), receivedMs));
        }
        return output;
    }

    /// <summary>A WebSocket JSON message already parsed.</summary>
    public static IReadOnlyList<KernelEvent> FromWs(JsonElement frame, KernelState state, long receivedMs)
    {
        var output = new List<KernelEvent>(2);
        FromWs(frame, state, receivedMs, output);
        return output;
    }

    /// <summary>A REST exchange: method, path, request parameters (may be null) and the raw response envelope.</summary>
    public static IReadOnlyList<KernelEvent> FromRest(string method, string path, JsonElement? request, JsonElement response, KernelState state, long receivedMs)
    {
        var output = new List<KernelEvent>(1);
        try
        {
            if (response.ValueKind != JsonValueKind.Object)
                output.Add(new InputRejected("bingx.rest", string.Create(CultureInfo.InvariantCulture, $"{method} {path}: response is not an object"), receivedMs));
            else
                Rest.Map(method, path, request, response, state, receivedMs, output);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or JsonException)
        {
            output.Add(new InputRejected("bingx.rest", string.Create(CultureInfo.InvariantCulture, $"{method} {path}: {ex.Message}"), receivedMs));
        }
        return output;
    }

    private static void FromWs(JsonElement frame, KernelState state, long receivedMs, List<KernelEvent> output)
    {
        try
        {
            if (frame.ValueKind != JsonValueKind.Object)
            {
                output.Add(new InputRejected("bingx.ws", string.Create(CultureInfo.InvariantCulture, $"not an object: {Clip(frame.GetRawText())}"), receivedMs));
                return;
            }
            var kind = Json.Text(frame, "e");
            switch (kind)
            {
                case "ORDER_TRADE_UPDATE": UserStream.OrderTradeUpdate(frame, state, output); return;
                case "ACCOUNT_UPDATE": UserStream.AccountUpdate(frame, output); return;
                case "SNAPSHOT": UserStream.AccountUpdate(frame, output, snapshot: true); return; // balances, when it carries them
                case "listenKeyExpired" or "ACCOUNT_CONFIG_UPDATE": return; // no ledger change
            }
            if (Json.Text(frame, "dataType") is string dataType)
            {
                if (dataType.EndsWith("@markPrice", StringComparison.Ordinal) && Json.Field(frame, "data") is JsonElement data)
                {
                    var symbol = Json.Text(data, "s") ?? dataType[..dataType.IndexOf('@')];
                    if (Json.Number(data, "p") is decimal price)
                        output.Add(new MarkPrice(symbol, price, Json.Id(data, "E") is long e && e > 0 ? e : receivedMs));
                    else
                        output.Add(new InputRejected("bingx.markPrice", string.Create(CultureInfo.InvariantCulture, $"no price: {Clip(frame.GetRawText())}"), receivedMs));
                }
                return; // other market data is not the ledger's business
            }
            if (kind is null && Json.Field(frame, "id") is not null)
            {
                // A subscription's answer: code 0 acknowledges it; anything else refuses it (the marks will not come).
                if (Json.Id(frame, "code") is long code && code != 0)
                    output.Add(new VenueError("bingx.ws", code, string.Create(CultureInfo.InvariantCulture, $"{Json.Text(frame, "msg")} (request {Json.Text(frame, "id")})"), receivedMs));
                return;
            }
            output.Add(new InputRejected("bingx.ws", string.Create(CultureInfo.InvariantCulture, $"unknown message {kind ?? "(no e)"}: {Clip(frame.GetRawText())}"), receivedMs));
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            output.Add(new InputRejected("bingx.ws", string.Create(CultureInfo.InvariantCulture, $"{ex.Message}: {Clip(frame.GetRawText())}"), receivedMs));
        }
    }

    internal static string Clip(string s) => s.Length <= 200 ? s : s[..200] + "…";
}
