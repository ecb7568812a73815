using Pink.Core;

namespace Pink.Properties.Scenarios;

/// <summary>
/// A minimal exchange for one account in hedge mode: the orders the kernel placed, the positions per instrument and
/// side (aggregated over slots, as the exchange does), and the wallet. It is the ground truth of a scenario: it knows
/// every true fill price even when the event says 0.0, and books `rp` and fees into the wallet as they happen, so
/// balance reports are consistent with the fills (wallet = previous + Σ rp − Σ fees).
/// Mutable, and used only while a <see cref="Simulation"/> runs.
/// </summary>
internal sealed class Venue
{
    private long _nextVenueId = 1_000;
    private readonly Dictionary<(string Key, PositionSide Side), Position> _positions = new();
    private readonly List<VenueOrder> _orders = new();

    public decimal Wallet { get; set; } = Scenario.InitialWallet;

    /// <summary>Orders in the order the kernel placed them.</summary>
    public IReadOnlyList<VenueOrder> Orders => _orders;

    /// <summary>Settlements the exchange owes the stream (Settle = Later), oldest first.</summary>
    public List<FillSettled> Pending { get; } = new();

    /// <summary>Exchange events with an identity already delivered (candidates for duplication).</summary>
    public List<KernelEvent> Delivered { get; } = new();

    /// <summary>Carry out what the kernel asked: place orders, note cancel requests.</summary>
    public void React(IEnumerable<Effect> effects)
    {
        foreach (var effect in effects)
        {
            if (effect is PlaceOrder p)
                _orders.Add(new VenueOrder(p.ClientOrderId, _nextVenueId++, p.Slot, p.TradeId, p.Symbol, p.Side, p.PositionSide, p.Purpose,
                    p.Qty, p.ExchangeLeverage));
            else if (effect is CancelOrder c && Find(c.ClientOrderId) is VenueOrder o)
                o.CancelRequested = true;
        }
    }

    public VenueOrder? Find(string clientOrderId) => _orders.Find(o => o.ClientOrderId == clientOrderId);

    /// <summary>The slot's newest live order of that purpose.</summary>
    public VenueOrder? Live(int slot, OrderPurpose purpose) => _orders.FindLast(o => o.Slot == slot && o.Purpose == purpose && o.Live);

    /// <summary>A position the exchange held before the scenario (adopted at start-up).</summary>
    public void Hold(string symbol, PositionSide side, decimal qty, decimal price, int leverage) =>
        Open(symbol, side, qty, price, leverage);

    /// <summary>Book an opening quantity at the true price.</summary>
    public void Open(string symbol, PositionSide side, decimal qty, decimal price, int leverage)
    {
        var key = (Symbols.Key(symbol), side);
        if (!_positions.TryGetValue(key, out var p)) _positions[key] = p = new Position(symbol);
        p.Avg = (p.Avg * p.Qty + price * qty) / (p.Qty + qty);
        p.Qty += qty;
        p.Leverage = leverage;
    }

    /// <summary>Book a closing quantity at the true price; returns the exchange's realized PnL (`rp`).</summary>
    public decimal Close(string symbol, PositionSide side, decimal qty, decimal price)
    {
        var key = (Symbols.Key(symbol), side);
        if (!_positions.TryGetValue(key, out var p)) return 0;
        var closing = Math.Min(qty, p.Qty);
        var rp = Names.Sign(side) * closing * (price - p.Avg);
        p.Qty -= closing;
        if (p.Qty <= KernelConfig.QtyEpsilon) _positions.Remove(key);
        return rp;
    }

    /// <summary>What the exchange holds of an instrument and side.</summary>
    public decimal Held(string symbol, PositionSide side) =>
        _positions.TryGetValue((Symbols.Key(symbol), side), out var p) ? p.Qty : 0;

    /// <summary>The truth after the current event.</summary>
    public VenueView View()
    {
        var positions = _positions
            .OrderBy(kv => kv.Key.Key, StringComparer.Ordinal).ThenBy(kv => kv.Key.Side)
            .Select(kv => new ExchangePosition(kv.Value.Symbol, kv.Key.Side, kv.Value.Qty, kv.Value.Avg, kv.Value.Leverage))
            .ToArray();
        return new VenueView(positions, Wallet);
    }

    private sealed class Position(string symbol)
    {
        public string Symbol { get; } = symbol;
        public decimal Qty { get; set; }
        public decimal Avg { get; set; }
        public int Leverage { get; set; } = 1;
    }
}

/// <summary>One order at the venue.</summary>
internal sealed class VenueOrder(string clientOrderId, long venueId, int slot, string tradeId, string symbol, OrderSide side,
    PositionSide positionSide, OrderPurpose purpose, decimal qty, int leverage)
{
    public string ClientOrderId { get; } = clientOrderId;
    public long VenueId { get; } = venueId;
    public int Slot { get; } = slot;
    public string TradeId { get; } = tradeId;
    public string Symbol { get; } = symbol;
    public OrderSide Side { get; } = side;
    public PositionSide PositionSide { get; } = positionSide;
    public OrderPurpose Purpose { get; } = purpose;
    public decimal Qty { get; } = qty;
    public int Leverage { get; } = leverage;
    public decimal Filled { get; set; }
    public int Fills { get; set; }
    public bool Live { get; set; } = true;
    public bool AckDelivered { get; set; }
    public bool CancelRequested { get; set; }
    public decimal Remaining => Math.Max(0, Qty - Filled);
}
