using Pink.Shell.Simulator.Wire;

namespace Pink.Shell.Simulator.Engine;

/// <summary>
/// Exchange-side stops: a STOP_MARKET or TAKE_PROFIT_MARKET order rests until a mark crosses its stopPrice, then
/// fills as a MARKET order at that mark — for no more than the position still holds; what it cannot fill lapses
/// (EXPIRED). While the silent-trigger fault is on, a triggered stop sends no ORDER_TRADE_UPDATE at all, only the
/// ACCOUNT_UPDATEs of its fills (BingX-swap-api-doc issue #36); REST shows it as usual.
/// </summary>
internal sealed partial class SimExchange
{
    /// <summary>
    /// A stop placed by someone other than the client (another API client on the account, the app): side and position
    /// from <paramref name="positionSide"/>'s open position; no quantity closes the whole position when it triggers.
    /// </summary>
    public SimOrder PlaceStop(string symbol, string positionSide, string type, decimal stopPrice, decimal? qty, string clientOrderId)
    {
        if (!StopTypes.IsStop(type)) throw new SimRejection(109400, $"{type} is not {StopTypes.Stop} or {StopTypes.TakeProfit}");
        lock (_lock)
        {
            var position = Held(symbol, positionSide);
            var side = position.Sign > 0 ? "SELL" : "BUY";
            return Place(new OrderTicket(symbol, side, positionSide, type, qty ?? 0m, null, clientOrderId.ToLowerInvariant(),
                StopPrice: stopPrice, ClosePosition: qty is null));
        }
    }

    /// <summary>Triggers a live stop when <paramref name="mark"/> has crossed it.</summary>
    private void TriggerIfCrossed(SimOrder stop, decimal mark)
    {
        if (!StopTypes.Crossed(stop, mark)) return;
        var held = stop.PositionSide == "BOTH"
            ? Netting.Reducible(book, stop.Symbol, stop.Side)
            : book.Position(stop.Symbol, stop.PositionSide).Qty;
        if (stop.ClosePosition) stop.Quantity = held;
        stop.NominalPrice = NominalMarketPrice(stop, mark);
        var silent = faults.SilentTriggers;
        var fillable = Math.Min(stop.Remaining, held);
        if (fillable > 0) FillTaker(stop, mark, fillable, silent);
        if (!stop.IsLive) return;
        stop.Status = SimStatus.Expired;
        stop.UpdateTime = now();
        if (!silent) frames.Barrier(UserFrames.OrderUpdate(stop, "EXPIRED", null, stop.UpdateTime));
    }
}
