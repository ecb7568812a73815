using System.Text.Json.Nodes;

namespace Pink.Shell.Simulator.Wire;

/// <summary>Market-stream frames: the subscription acknowledgement, its refusal, and the mark-price push.</summary>
internal static class MarketFrames
{
    public static string Ack(string id, long code = 0, string msg = "") => new JsonObject
    {
        ["id"] = id,
        ["code"] = code,
        ["msg"] = msg,
    }.ToJsonString();

    /// <summary>A refused subscription, in the venue's key order: code first, then id and msg.</summary>
    public static string Refused(string id) => new JsonObject
    {
        ["code"] = 80015,
        ["id"] = id,
        ["msg"] = "dataType not supported",
    }.ToJsonString();

    public static string Mark(string symbol, decimal price, long now) => new JsonObject
    {
        ["code"] = 0,
        ["dataType"] = $"{symbol}@markPrice",
        ["data"] = new JsonObject
        {
            ["e"] = "markPriceUpdate",
            ["E"] = now,
            ["s"] = symbol,
            ["p"] = Dec.Plain(price),
        },
    }.ToJsonString();
}
