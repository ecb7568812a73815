namespace Pink.Shell.Simulator.Engine;

/// <summary>What BingX refuses before an order exists (codes from bingx-api-facts.md §1).</summary>
internal static class OrderChecks
{
    public static void Validate(SimBook book, OrderTicket t)
    {
        if (!book.Marks.ContainsKey(t.Symbol)) throw new SimRejection(109425, $"symbol {t.Symbol} does not exist");
        if (t.Side is not ("BUY" or "SELL")) throw new SimRejection(109400, "side must be BUY or SELL");
        PositionSideFitsTheMode(book.Options.PositionMode, t.PositionSide);
        if (t.Type is not ("MARKET" or "LIMIT" or StopTypes.Stop or StopTypes.TakeProfit))
            throw new SimRejection(109400, $"order type {t.Type} is not simulated");
        var conditional = StopTypes.IsStop(t.Type);
        if (conditional && t.StopPrice is not > 0) throw new SimRejection(109400, $"a {t.Type} order needs a positive stopPrice");
        if (t.Quantity <= 0 && !(conditional && t.ClosePosition)) throw new SimRejection(109400, "quantity must be positive");
        if (t.Type == "LIMIT" && t.Price is not > 0) throw new SimRejection(109400, "a LIMIT order needs a positive price");
        // The contract's quantity precision and minimum (GET quote/contracts says them): the venue refuses anything else.
        if (t.Quantity > 0 && t.Quantity != Math.Round(t.Quantity, book.Options.QtyDecimals))
            throw new SimRejection(109400, $"quantity {t.Quantity} has more than {book.Options.QtyDecimals} decimals (quantityPrecision)");
        if (t.Quantity > 0 && t.Quantity < book.Options.TradeMinQuantity)
            throw new SimRejection(109400, $"quantity {t.Quantity} is below the minimum {book.Options.TradeMinQuantity} (tradeMinQuantity)");
        if (t.ClientOrderId.Length > 40) throw new SimRejection(109400, "clientOrderId longer than 40 characters");
        if (t.ClientOrderId.Length > 0 && book.ByClientId.ContainsKey(t.ClientOrderId))
            throw new SimRejection(101481, $"duplicate clientOrderId {t.ClientOrderId}");
    }

    /// <summary>Whether the venue takes the order given the positions it holds: margin for what opens, a position for what reduces.</summary>
    public static void Admissible(SimBook book, OrderTicket t, int leverage)
    {
        if (StopTypes.IsStop(t.Type)) Conditional(book, t);
        else if (t.PositionSide == "BOTH") NetOrder(book, t, leverage);
        else if ((t.Side, t.PositionSide) is ("BUY", "LONG") or ("SELL", "SHORT")) Affordable(book, t, t.Quantity, leverage);
        else Closable(book, t);
    }

    /// <summary>Hedge mode takes LONG or SHORT, one-way mode only BOTH (the venue's "required as BOTH").</summary>
    public static void PositionSideFitsTheMode(PositionMode mode, string positionSide)
    {
        if (mode == PositionMode.OneWay && positionSide != "BOTH")
            throw new SimRejection(109400, $"one-way position mode: positionSide must be BOTH, not '{positionSide}'");
        if (mode == PositionMode.Hedge && positionSide == "BOTH")
            throw new SimRejection(109400, "hedge position mode: positionSide BOTH is for one-way mode");
        if (mode == PositionMode.Hedge && positionSide is not ("LONG" or "SHORT"))
            throw new SimRejection(109400, "positionSide must be LONG or SHORT");
    }

    /// <summary>A hedge close may not exceed the position less what other live closes already claim.</summary>
    private static void Closable(SimBook book, OrderTicket t)
    {
        var held = book.Positions.TryGetValue((t.Symbol, t.PositionSide), out var p) ? p.Qty : 0m;
        // Stops claim nothing until they trigger: the venue holds them apart (their own limit is in Conditional).
        var claimed = book.Orders.Values.Where(o => o.IsLive && !o.IsConditional && !o.IsOpening && o.Symbol == t.Symbol && o.PositionSide == t.PositionSide)
            .Sum(o => o.Remaining);
        if (t.Quantity > held - claimed)
            throw new SimRejection(101400, $"close quantity {t.Quantity} exceeds the closable position {held - claimed}");
    }

    /// <summary>
    /// A one-way order. Reduce-only may not grow |position|: it is refused (101400, as an over-sized hedge close is)
    /// when it points the position's way or asks for more than the position less what other live reduce-only orders
    /// claim — refused rather than cut down, so the order never silently differs from the one asked for. Any other
    /// order needs the margin of the part that would open beyond the position it reduces.
    /// </summary>
    private static void NetOrder(SimBook book, OrderTicket t, int leverage)
    {
        var reducible = Netting.Reducible(book, t.Symbol, t.Side);
        if (t.ReduceOnly)
        {
            var claimed = book.Orders.Values.Where(o => o.IsLive && o.ReduceOnly && !o.IsConditional && o.Symbol == t.Symbol && o.Side == t.Side)
                .Sum(o => o.Remaining);
            if (t.Quantity > reducible - claimed)
                throw new SimRejection(101400, $"reduce-only quantity {t.Quantity} exceeds the reducible position {reducible - claimed}");
            return;
        }
        var opening = Math.Max(0m, t.Quantity - reducible);
        if (opening > 0) Affordable(book, t, opening, leverage);
    }

    /// <summary>
    /// A stop or take-profit closes a position (hedge: SELL LONG or BUY SHORT; one-way: against the net position), and
    /// "the accumulative quantity of the pending stop loss [take profit] orders cannot be greater than the quantity of
    /// open positions" (BingX v2 doc): refused with 101400 beyond that, or with no position at all. A closePosition
    /// order claims the whole position when it triggers and is only checked for a position to close.
    /// </summary>
    private static void Conditional(SimBook book, OrderTicket t)
    {
        if (t.PositionSide != "BOTH" && (t.Side, t.PositionSide) is not (("SELL", "LONG") or ("BUY", "SHORT")))
            throw new SimRejection(109400, $"a {t.Type} order closes a position: SELL LONG or BUY SHORT, not {t.Side} {t.PositionSide}");
        var held = t.PositionSide == "BOTH"
            ? Netting.Reducible(book, t.Symbol, t.Side)
            : book.Positions.TryGetValue((t.Symbol, t.PositionSide), out var p) ? p.Qty : 0m;
        if (held == 0) throw new SimRejection(101400, $"no position for a {t.Side} {t.PositionSide} {t.Type} to close");
        if (t.ClosePosition) return;
        var claimed = book.Orders.Values.Where(o => o.IsLive && o.Type == t.Type && !o.ClosePosition && o.Symbol == t.Symbol
            && o.PositionSide == t.PositionSide && o.Side == t.Side).Sum(o => o.Remaining);
        if (t.Quantity > held - claimed)
            throw new SimRejection(101400, $"{t.Type} quantity {t.Quantity} exceeds the position less pending {t.Type} orders, {held - claimed}");
    }

    /// <summary>What opens needs its isolated margin and its fee available.</summary>
    private static void Affordable(SimBook book, OrderTicket t, decimal opening, int leverage)
    {
        var price = t.Price ?? book.MarkOf(t.Symbol);
        var needed = opening * price / leverage + opening * price * book.Options.TakerFeeRate;
        if (needed > book.Account().AvailableMargin)
            throw new SimRejection(101204, $"insufficient margin: need {needed:0.####}, available {book.Account().AvailableMargin:0.####}");
    }
}
