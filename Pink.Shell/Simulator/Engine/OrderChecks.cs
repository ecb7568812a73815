namespace Pink.Shell.Simulator.Engine;

/// <summary>What BingX refuses before an order exists (codes from bingx-api-facts.md §1).</summary>
internal static class OrderChecks
{
    public static void Validate(SimBook book, OrderTicket t)
    {
        if (!book.Marks.ContainsKey(t.Symbol)) throw new SimRejection(109425, $"symbol {t.Symbol} does not exist");
        if (t.Side is not ("BUY" or "SELL")) throw new SimRejection(109400, "side must be BUY or SELL");
        if (t.PositionSide is "BOTH") throw new SimRejection(109400, "one-way mode (positionSide BOTH) is not simulated");
        if (t.PositionSide is not ("LONG" or "SHORT")) throw new SimRejection(109400, "positionSide must be LONG or SHORT");
        if (t.Type is not ("MARKET" or "LIMIT")) throw new SimRejection(109400, $"order type {t.Type} is not simulated");
        if (t.Quantity <= 0) throw new SimRejection(109400, "quantity must be positive");
        if (t.Type == "LIMIT" && t.Price is not > 0) throw new SimRejection(109400, "a LIMIT order needs a positive price");
        if (t.ClientOrderId.Length > 40) throw new SimRejection(109400, "clientOrderId longer than 40 characters");
        if (t.ClientOrderId.Length > 0 && book.ByClientId.ContainsKey(t.ClientOrderId))
            throw new SimRejection(101481, $"duplicate clientOrderId {t.ClientOrderId}");
    }

    /// <summary>A close may not exceed the position less what other live closes already claim.</summary>
    public static void Closable(SimBook book, OrderTicket t)
    {
        var held = book.Positions.TryGetValue((t.Symbol, t.PositionSide), out var p) ? p.Qty : 0m;
        var claimed = book.Orders.Values.Where(o => o.IsLive && !o.IsOpening && o.Symbol == t.Symbol && o.PositionSide == t.PositionSide)
            .Sum(o => o.Remaining);
        if (t.Quantity > held - claimed)
            throw new SimRejection(101400, $"close quantity {t.Quantity} exceeds the closable position {held - claimed}");
    }

    /// <summary>An opening order needs its isolated margin and its fee available.</summary>
    public static void Affordable(SimBook book, OrderTicket t, int leverage)
    {
        var price = t.Price ?? book.MarkOf(t.Symbol);
        var needed = t.Quantity * price / leverage + t.Quantity * price * book.Options.TakerFeeRate;
        if (needed > book.Account().AvailableMargin)
            throw new SimRejection(101204, $"insufficient margin: need {needed:0.####}, available {book.Account().AvailableMargin:0.####}");
    }
}
