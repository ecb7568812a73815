using System.Text.Json.Nodes;
using Pink.Shell.Simulator.Engine;

namespace Pink.Shell.Simulator.Wire;

/// <summary>
/// User-stream frames in BingX's real shapes (bingx-api-facts.md §3, §6), quirks included: `c` the lower-cased
/// clientOrderId on the NEW ack and empty on every other frame (as captures show it on fills), decimals as strings,
/// no `L`/`l`/`t`, `n` negative when a fee is paid, `p` the order's (possibly protective) price rather than the
/// fill's, `rp` per fill. The venue's own closes (liquidation, ADL) stream their fills as `x` CALCULATED; a stop's
/// `sp` is its trigger.
/// </summary>
internal static class UserFrames
{
    public static string OrderUpdate(SimOrder o, string execution, SimFill? fill, long now) => new JsonObject
    {
        ["e"] = "ORDER_TRADE_UPDATE",
        ["E"] = now,
        ["o"] = new JsonObject
        {
            ["s"] = o.Symbol,
            ["c"] = execution == "NEW" ? o.ClientOrderId : "",
            ["i"] = o.Id,
            ["S"] = o.Side,
            ["o"] = o.Type,
            ["q"] = Dec.F8(o.Quantity),
            ["p"] = Dec.F8(o.NominalPrice),
            ["sp"] = Dec.F8(o.StopPrice ?? o.NominalPrice),
            ["ap"] = Dec.F8(o.AvgPrice),
            ["x"] = execution,
            ["X"] = o.Status,
            ["N"] = "USDT",
            ["n"] = Dec.F8(-(fill?.Fee ?? 0m)),
            ["T"] = now,
            ["wt"] = "MARK_PRICE",
            ["ps"] = o.PositionSide,
            ["rp"] = Dec.F8(fill?.Realized ?? 0m),
            ["z"] = Dec.F8(o.ExecutedQty),
        },
    }.ToJsonString();

    /// <summary>A fill's account update: `m` ORDER, `bc` 0 (a fill's rp and fee are not a balance change), the position after it.</summary>
    public static string AccountUpdate(SimBook book, SimPosition p, long now) => AccountUpdate(book, "ORDER", 0m, p, now);

    /// <summary>
    /// An account update for <paramref name="reason"/> (ORDER, FUNDING_FEE): `B` with the wallet after it and
    /// <paramref name="change"/> as `bc`; `P` with the position it concerns, left out entirely when there is none.
    /// </summary>
    public static string AccountUpdate(SimBook book, string reason, decimal change, SimPosition? p, long now)
    {
        var update = new JsonObject
        {
            ["m"] = reason,
            ["B"] = new JsonArray(new JsonObject
            {
                ["a"] = book.Options.Asset,
                ["wb"] = Dec.F8(book.Wallet),
                ["cw"] = Dec.F8(book.Wallet - book.UsedMargin),
                ["bc"] = change == 0 ? "0" : Dec.F8(change),
            }),
        };
        if (p is not null)
            update["P"] = new JsonArray(new JsonObject
            {
                ["s"] = p.Symbol,
                ["pa"] = Dec.F8(p.WireQty), // signed in one-way mode (ps BOTH)
                ["ep"] = Dec.F8(p.EntryPrice),
                ["up"] = Dec.F8(p.Unrealized(book.MarkOf(p.Symbol))),
                ["mt"] = "isolated",
                ["iw"] = Dec.F8(p.Margin),
                ["ps"] = p.Side,
                ["cr"] = Dec.F8(p.Realised),
            });
        return new JsonObject
        {
            ["e"] = "ACCOUNT_UPDATE",
            ["E"] = now,
            ["a"] = update,
        }.ToJsonString();
    }

    public static string ListenKeyExpired(string listenKey, long now) => new JsonObject
    {
        ["e"] = "listenKeyExpired",
        ["E"] = now,
        ["listenKey"] = listenKey,
    }.ToJsonString();
}
