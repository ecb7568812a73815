using System.Text.Json;
using Pink.Core;
using Pink.Shell.Bingx;

namespace Pink.Shell.Recording;

/// <summary>An intent record → the kernel's intent event (or why it cannot be one).</summary>
public static class Intents
{
    public static KernelEvent ToEvent(JsonElement intent, long time)
    {
        var op = (Json.Text(intent, "op") ?? "").ToLowerInvariant();
        var slot = (int)(Json.Id(intent, "slot") ?? -1);
        var coid = Json.Text(intent, "client_order_id", "clientOrderId") ?? "";
        switch (op)
        {
            case "open":
                var side = (Json.Text(intent, "side") ?? "").ToUpperInvariant();
                if (side is not ("LONG" or "SHORT"))
                    return new InputRejected("intent", $"open intent with side '{side}'", time);
                if (Json.Number(intent, "qty") is not decimal qty)
                    return new InputRejected("intent", "open intent without a readable qty", time);
                return new OpenIntent(slot, Json.Text(intent, "symbol") ?? "", side == "LONG" ? PositionSide.Long : PositionSide.Short,
                    qty, (int)(Json.Number(intent, "leverage") ?? 1), coid,
                    Json.Text(intent, "trade_id", "tradeId"), time);
            case "close":
                return new CloseIntent(slot, coid, time);
            default:
                return new InputRejected("intent", $"unknown intent op '{op}'", time);
        }
    }
}
