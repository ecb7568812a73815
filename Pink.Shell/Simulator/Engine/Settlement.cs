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
        var rate = FeeRate(book.Options, order, maker);
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

    /// <summary>A forced close pays its own rate; the others pay maker or taker.</summary>
    private static decimal FeeRate(SimulatorOptions options, SimOrder order, bool maker) => order.Origin switch
    {
        OrderOrigin.Liquidation => options.LiquidationFeeRate,
        OrderOrigin.Adl => options.AdlFee,
        _ => maker ? options.MakerFeeRate : options.TakerFeeRate,
    };

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

    /// <summary>
    /// The fill's income records, keyed as BingX's sample keys them: tranId `{tradeId}_PNL` and `{tradeId}_COMMISSION`,
    /// both naming the fill's tradeId. A fee of zero writes no record (nothing moved).
    /// </summary>
    private static void Income(SimBook book, SimOrder order, SimFill fill, bool closed)
    {
        var tradeId = fill.TradeId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var asset = book.Options.Asset;
        if (closed)
        {
            var (type, info) = PnlIncome(book.Options.ForcedCloseIncome, order.Origin);
            book.Incomes.Add(new SimIncome(order.Symbol, type, fill.Realized, asset, info, fill.TimeMs, $"{tradeId}_PNL", tradeId));
        }
        if (fill.Fee != 0)
            book.Incomes.Add(new SimIncome(order.Symbol, "TRADING_FEE", -fill.Fee, asset, closed ? "Closing Fee" : "Opening Fee",
                fill.TimeMs, $"{tradeId}_COMMISSION", tradeId));
    }

    private static (string Type, string Info) PnlIncome(ForcedCloseIncome booking, OrderOrigin origin) => (booking, origin) switch
    {
        (ForcedCloseIncome.ByKind, OrderOrigin.Liquidation) => ("INSURANCE_CLEAR", "Strong liquidation"),
        (ForcedCloseIncome.ByKind, OrderOrigin.Adl) => ("ADL", "Automatic Deleveraging"),
        (_, OrderOrigin.Liquidation) => ("REALIZED_PNL", "Liquidation"),
        (_, OrderOrigin.Adl) => ("REALIZED_PNL", "ADL"),
        _ => ("REALIZED_PNL", "Realized PNL"),
    };
}
