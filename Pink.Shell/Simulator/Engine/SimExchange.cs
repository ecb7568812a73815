using Pink.Shell.Simulator.Wire;

namespace Pink.Shell.Simulator.Engine;

/// <summary>
/// The matching engine: MARKET orders fill against the mark at once, LIMIT orders fill at once when marketable and
/// otherwise rest until a mark reaches them; every order fills in the configured number of partial fills. One lock
/// orders everything, and frames are published under it through the <see cref="FrameSequencer"/>, which merges a
/// fill's order and account updates in the configured <see cref="EventOrder"/> and has published everything by the
/// time each call returns. What the venue does by itself — liquidation, ADL, web UI closes, triggered stops, funding —
/// lives in the other parts of this class, under the same lock.
/// </summary>
internal sealed partial class SimExchange(SimBook book, FaultScript faults, FrameSequencer frames, Action<string, decimal, long> markFrame, Func<long> now)
{
    private readonly object _lock = new();

    public T Read<T>(Func<SimBook, T> read)
    {
        lock (_lock) return read(book);
    }

    public SimOrder Place(OrderTicket t)
    {
        lock (_lock)
        {
            OrderChecks.Validate(book, t);
            var leverage = book.LeverageOf(t.Symbol, t.PositionSide);
            OrderChecks.Admissible(book, t, leverage);
            var order = Create(t, leverage);
            frames.Barrier(UserFrames.OrderUpdate(order, "NEW", null, order.Time));
            var mark = book.MarkOf(t.Symbol);
            if (order.IsConditional) TriggerIfCrossed(order, mark);
            else if (t.Type == "MARKET" || Marketable(order, mark)) FillTaker(order, mark, order.Remaining);
            frames.Flush();
            return order;
        }
    }

    public SimOrder Cancel(string symbol, long? id, string? clientId)
    {
        lock (_lock)
        {
            var order = Find(symbol, id, clientId);
            if (!order.IsLive) throw new SimRejection(101400, $"order {order.Id} is already {SimStatus.Rest(order.Status)}");
            order.Status = SimStatus.Canceled;
            order.UpdateTime = now();
            frames.Barrier(UserFrames.OrderUpdate(order, "CANCELED", null, order.UpdateTime));
            return order;
        }
    }

    public SimOrder Query(string symbol, long? id, string? clientId)
    {
        lock (_lock) return Find(symbol, id, clientId);
    }

    public int SetLeverage(string symbol, string side, int leverage)
    {
        lock (_lock)
        {
            if (!book.Marks.ContainsKey(symbol)) throw new SimRejection(109425, $"symbol {symbol} does not exist");
            if (leverage is < 1 or > 125) throw new SimRejection(109400, "leverage must be 1..125");
            if (side is not ("LONG" or "SHORT" or "BOTH")) throw new SimRejection(109400, "side must be LONG, SHORT or BOTH");
            // BOTH sets the one-way position's leverage and, as in hedge mode, both sides'.
            var sides = side == "BOTH" ? ["LONG", "SHORT", "BOTH"] : new[] { side };
            foreach (var s in sides) book.Leverage[(symbol, s)] = leverage;
            return leverage;
        }
    }

    /// <summary>Moves the mark, pushes it on the market stream, and fills resting LIMIT orders it reached.</summary>
    public void SetMark(string symbol, decimal price)
    {
        lock (_lock)
        {
            book.Marks[symbol] = price;
            markFrame(symbol, price, now());
            foreach (var order in book.Orders.Values.Where(o => o.IsLive && o.Symbol == symbol && Marketable(o, price)).ToList())
                FillMaker(order);
            foreach (var stop in book.Orders.Values.Where(o => o.IsLive && o.IsConditional && o.Symbol == symbol).OrderBy(o => o.Id).ToList())
                TriggerIfCrossed(stop, price);
            frames.Flush();
        }
    }

    private SimOrder Create(OrderTicket t, int leverage)
    {
        var time = now();
        var stop = StopTypes.IsStop(t.Type) ? t.StopPrice : null; // a stopPrice sent with MARKET or LIMIT means nothing
        var order = new SimOrder
        {
            Id = book.NextOrderId(), ClientOrderId = t.ClientOrderId, Symbol = t.Symbol, Side = t.Side, PositionSide = t.PositionSide,
            Type = t.Type, Quantity = t.Quantity, LimitPrice = t.Price, Leverage = leverage, Time = time, UpdateTime = time,
            // Hedge mode does not take it (the sides say what reduces); a one-way stop only ever reduces.
            ReduceOnly = t.PositionSide == "BOTH" && (t.ReduceOnly || stop is not null),
            StopPrice = stop, ClosePosition = stop is not null && t.ClosePosition,
            // The scripted partial fill is for the next order that fills at once or at its limit, not for a stop.
            Partial = stop is null ? faults.TakePartialFill() : null,
        };
        // A stop has no price until it triggers (it then fills as a MARKET order at the mark).
        order.NominalPrice = t.Price ?? (order.IsConditional ? 0m : NominalMarketPrice(order, book.MarkOf(t.Symbol)));
        book.Orders[order.Id] = order;
        if (t.ClientOrderId.Length > 0) book.ByClientId[t.ClientOrderId] = order.Id;
        return order;
    }

    /// <summary>A MARKET order's `p`: the mark, or a protective bound ~22% away when that fault is set.</summary>
    private decimal NominalMarketPrice(SimOrder order, decimal mark) => faults.ProtectiveBound is decimal bound
        ? Math.Round(mark * (1 + Direction(order) * bound), book.Options.PriceDecimals)
        : mark;

    private static bool Marketable(SimOrder o, decimal mark) =>
        o.LimitPrice is decimal limit && mark > 0 && (o.Side == "BUY" ? mark <= limit : mark >= limit);

    private static int Direction(SimOrder o) => Netting.Direction(o.Side);

    /// <summary>Fills up to <paramref name="fillable"/> at the mark, in slices; <paramref name="silent"/> sends no order updates.</summary>
    private void FillTaker(SimOrder order, decimal mark, decimal fillable, bool silent = false)
    {
        var (quantity, silentPart) = ThisFill(order, fillable);
        silent |= silentPart;
        var slices = Slices(quantity);
        for (var k = 0; k < slices.Count; k++)
        {
            var price = Math.Round(mark * (1 + Direction(order) * k * book.Options.SliceSlippage), book.Options.PriceDecimals);
            if (order.LimitPrice is decimal limit) price = order.Side == "BUY" ? Math.Min(price, limit) : Math.Max(price, limit);
            Fill(order, slices[k], price, maker: false, silent);
        }
    }

    private void FillMaker(SimOrder order)
    {
        var (quantity, silent) = ThisFill(order, Netting.Fillable(book, order));
        foreach (var qty in Slices(quantity)) Fill(order, qty, order.LimitPrice!.Value, maker: true, silent);
    }

    /// <summary>What a fill event takes: all it can, or once, the scripted part of the order (and whether it goes unreported).</summary>
    private (decimal Qty, bool Silent) ThisFill(SimOrder order, decimal fillable)
    {
        if (order.Partial is not PartialFill partial) return (fillable, false);
        order.Partial = null;
        var part = Math.Round(order.Quantity * partial.Fraction, book.Options.QtyDecimals, MidpointRounding.ToZero);
        return (Math.Min(part, fillable), partial.WithoutOrderUpdates);
    }

    /// <summary>
    /// Books one fill and streams it — as `x` TRADE, or CALCULATED when the venue forced it; a silent fill streams only
    /// its account update.
    /// </summary>
    private void Fill(SimOrder order, decimal qty, decimal price, bool maker, bool silent)
    {
        var time = now();
        var fill = Settlement.Book(book, order, qty, price, maker, time);
        frames.Fill(silent ? null : UserFrames.OrderUpdate(order, order.IsForced ? "CALCULATED" : "TRADE", fill, time),
            UserFrames.AccountUpdate(book, book.Position(order.Symbol, order.PositionSide), time));
    }

    /// <summary>The quantity cut into the configured number of partial fills; the last takes the rounding remainder.</summary>
    private List<decimal> Slices(decimal quantity)
    {
        var n = Math.Max(1, faults.FillSlices ?? book.Options.FillSlices);
        var slice = Math.Round(quantity / n, book.Options.QtyDecimals, MidpointRounding.ToZero);
        var result = new List<decimal>();
        var left = quantity;
        for (var i = 0; i < n - 1 && slice > 0; i++)
        {
            result.Add(slice);
            left -= slice;
        }
        if (left > 0) result.Add(left);
        return result;
    }

    private SimOrder Find(string symbol, long? id, string? clientId)
    {
        SimOrder? order = null;
        if (id is long i) book.Orders.TryGetValue(i, out order);
        else if (!string.IsNullOrEmpty(clientId) && book.ByClientId.TryGetValue(clientId.ToLowerInvariant(), out var byClient))
            order = book.Orders[byClient];
        if (order is null || order.Symbol != symbol) throw new SimRejection(109421, "order does not exist");
        return order;
    }
}
