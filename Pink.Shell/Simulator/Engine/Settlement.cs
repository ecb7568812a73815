namespace Pink.Shell.Simulator.Engine;

/// <summary>
/// The venue's own books for one fill: fee at the fill's rate, position VWAP on what opens, realized PnL
/// `rp = sign × qty × (price − entry)` on what closes (gross of fees, leverage-free), the wallet moved by rp − fee,
/// isolated margin held and released. A one-way fill through zero does both: it closes the old side (rp on that
/// part) and opens the rest the other way at the fill price. The simulator is the exchange: these are the exchange's
/// numbers, computed independently of Pink.Core.
/// </summary>
internal static class Settlement
{
    public static SimFill Book(SimBook book, SimOrder order, decimal qty, decimal price, bool maker, long now)
    {
        var rate = maker ? book.Options.MakerFeeRate : book.Options.TakerFeeRate;
        var fee = Math.Round(qty * price * rate, 8, MidpointRounding.AwayFromZero);
        var position = book.Position(order.Symbol, order.PositionSide);
        var (closing, opening) = Netting.Split(order, position, qty);
        var realized = closing > 0 ? Close(position, closing, price) : 0m;
        if (opening > 0) Open(position, Netting.Direction(order.Side), opening, price, order.Leverage);
        position.Realised += realized - fee;
        position.UpdateTime = now;
        book.Wallet += realized - fee;
        book.RealizedTotal += realized;
        book.FeesTotal += fee;

        var fill = new SimFill(qty, price, fee, realized, now, book.NextTradeId(), maker);
        order.ExecutedQty += qty;
        order.CumQuote += qty * price;
        order.Realized += realized;
        order.Fees += fee;
        order.UpdateTime = now;
        order.Status = order.Remaining == 0 ? SimStatus.Filled : SimStatus.PartiallyFilled;
        order.Fills.Add(fill);
        Income(book, order, fill, closed: closing > 0);
        return fill;
    }

    private static void Open(SimPosition p, int sign, decimal qty, decimal price, int leverage)
    {
        if (p.Qty == 0) p.Sign = sign;
        var total = p.Qty + qty;
        p.EntryPrice = (p.EntryPrice * p.Qty + price * qty) / total;
        p.Qty = total;
        p.Leverage = leverage;
        p.Margin += qty * price / leverage;
    }

    private static decimal Close(SimPosition p, decimal qty, decimal price)
    {
        var realized = Math.Round(p.Sign * qty * (price - p.EntryPrice), 8, MidpointRounding.AwayFromZero);
        var released = p.Qty == 0 ? 0 : p.Margin * qty / p.Qty;
        p.Qty -= qty;
        p.Margin -= released;
        if (p.Qty == 0)
        {
            p.EntryPrice = 0;
            p.Margin = 0;
        }
        return realized;
    }

    private static void Income(SimBook book, SimOrder order, SimFill fill, bool closed)
    {
        var tradeId = fill.TradeId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (closed)
            book.Incomes.Add(new SimIncome(order.Symbol, "REALIZED_PNL", fill.Realized, book.Options.Asset, "Realized PNL",
                fill.TimeMs, $"{tradeId}_rp", tradeId));
        book.Incomes.Add(new SimIncome(order.Symbol, "TRADING_FEE", -fill.Fee, book.Options.Asset, "Trading fee",
            fill.TimeMs, $"{tradeId}_fee", tradeId));
    }
}
