using Pink.Shell.Simulator.Wire;

namespace Pink.Shell.Simulator.Engine;

/// <summary>
/// Closes the client never asked for: the venue's liquidation and auto-deleverage, and a close from the web UI. Each is
/// an order with an id the client never saw; they settle like any fill (rp, fee, wallet, income) and stream in the
/// configured <see cref="EventOrder"/>.
/// </summary>
internal sealed partial class SimExchange
{
    /// <summary>
    /// Closes the whole position at <paramref name="price"/> (the mark when null): one fill of a LIQUIDATION order,
    /// no NEW frame, `x` CALCULATED, `c` empty, at the liquidation fee rate.
    /// </summary>
    public SimOrder Liquidate(string symbol, string positionSide, decimal? price)
    {
        lock (_lock)
        {
            var position = Held(symbol, positionSide);
            var at = Price(price ?? book.MarkOf(symbol));
            var order = VenueOrder(position, "LIQUIDATION", position.Qty, OrderOrigin.Liquidation, "", at);
            Fill(order, order.Quantity, at, maker: false, silent: false);
            frames.Flush();
            return order;
        }
    }

    /// <summary>
    /// Closes <paramref name="qty"/> of the position at <paramref name="price"/>: one fill of a MARKET order, no NEW
    /// frame, `x` CALCULATED, `c` empty, at the ADL fee rate.
    /// </summary>
    public SimOrder AutoDeleverage(string symbol, string positionSide, decimal qty, decimal price)
    {
        lock (_lock)
        {
            var position = Held(symbol, positionSide);
            if (qty <= 0 || qty > position.Qty) throw new SimRejection(109400, $"ADL quantity {qty} must be within the position's {position.Qty}");
            var at = Price(price);
            var order = VenueOrder(position, "MARKET", qty, OrderOrigin.Adl, "", at);
            Fill(order, qty, at, maker: false, silent: false);
            frames.Flush();
            return order;
        }
    }

    /// <summary>
    /// A MARKET close placed in the web UI: its NEW frame carries a `web_n` clientOrderId, then it fills like a MARKET
    /// order of the client's (at the mark, in the configured slices, taker fee).
    /// </summary>
    public SimOrder CloseFromWebUi(string symbol, string positionSide, decimal? qty)
    {
        lock (_lock)
        {
            var position = Held(symbol, positionSide);
            var quantity = qty ?? position.Qty;
            if (quantity <= 0 || quantity > position.Qty) throw new SimRejection(101400, $"close quantity {quantity} exceeds the position's {position.Qty}");
            var order = VenueOrder(position, "MARKET", quantity, OrderOrigin.WebUi, book.NextWebClientId(), 0m);
            var mark = book.MarkOf(symbol);
            order.NominalPrice = NominalMarketPrice(order, mark);
            frames.Barrier(UserFrames.OrderUpdate(order, "NEW", null, order.Time));
            FillTaker(order, mark, quantity);
            frames.Flush();
            return order;
        }
    }

    /// <summary>The open position a close from outside concerns; its side must fit the position mode.</summary>
    private SimPosition Held(string symbol, string positionSide)
    {
        if (!book.Marks.ContainsKey(symbol)) throw new SimRejection(109425, $"symbol {symbol} does not exist");
        OrderChecks.PositionSideFitsTheMode(book.Options.PositionMode, positionSide);
        if (!book.Positions.TryGetValue((symbol, positionSide), out var p) || p.Qty == 0)
            throw new SimRejection(101400, $"no {positionSide} position in {symbol}");
        return p;
    }

    /// <summary>An order that closes <paramref name="position"/> (against its direction), booked as placed now.</summary>
    private SimOrder VenueOrder(SimPosition position, string type, decimal qty, OrderOrigin origin, string clientId, decimal nominal)
    {
        var time = now();
        var order = new SimOrder
        {
            Id = book.NextOrderId(), ClientOrderId = clientId, Symbol = position.Symbol, Side = position.Sign > 0 ? "SELL" : "BUY",
            PositionSide = position.Side, Type = type, Quantity = qty, Leverage = book.LeverageOf(position.Symbol, position.Side),
            Time = time, UpdateTime = time, ReduceOnly = position.Side == "BOTH", Origin = origin, NominalPrice = nominal,
        };
        book.Orders[order.Id] = order;
        if (clientId.Length > 0) book.ByClientId[clientId] = order.Id;
        return order;
    }

    private decimal Price(decimal price)
    {
        if (price <= 0) throw new SimRejection(109400, $"price {price} must be positive");
        return Math.Round(price, book.Options.PriceDecimals);
    }
}
