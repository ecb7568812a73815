namespace Pink.Shell.Simulator.Engine;

/// <summary>A venue order (mutable; guarded by the exchange lock).</summary>
internal sealed class SimOrder
{
    public required long Id { get; init; }
    public required string ClientOrderId { get; init; }
    public required string Symbol { get; init; }
    public required string Side { get; init; }
    public required string PositionSide { get; init; }
    public required string Type { get; init; }
    /// <summary>Settable only for a closePosition stop, whose quantity is the position's when it triggers.</summary>
    public required decimal Quantity { get; set; }
    public decimal? LimitPrice { get; init; }
    /// <summary>One-way mode: the order may only reduce the net position (never set in hedge mode, where the sides say it).</summary>
    public bool ReduceOnly { get; init; }
    /// <summary>Who placed it: the client, or the venue itself (a liquidation, an ADL), which streams its fills as CALCULATED.</summary>
    public OrderOrigin Origin { get; init; } = OrderOrigin.Client;
    /// <summary>A STOP_MARKET / TAKE_PROFIT_MARKET order's trigger: it rests, untouched by fills, until a mark crosses it.</summary>
    public decimal? StopPrice { get; init; }
    /// <summary>A conditional order that closes whatever the position holds when it triggers (`closePosition=true`).</summary>
    public bool ClosePosition { get; init; }
    /// <summary>What the stream's `p` carries: the limit price, or for MARKET the mark at entry (or a protective bound).</summary>
    public decimal NominalPrice { get; set; }
    public int Leverage { get; init; }
    public long Time { get; init; }
    public long UpdateTime { get; set; }
    public string Status { get; set; } = SimStatus.New;
    public decimal ExecutedQty { get; set; }
    public decimal CumQuote { get; set; }
    public decimal Realized { get; set; }
    public decimal Fees { get; set; }
    public List<Engine.SimFill> Fills { get; } = [];
    /// <summary>A scripted partial fill waiting for this order's first fill event; taken by it.</summary>
    public PartialFill? Partial { get; set; }

    /// <summary>Hedge mode: the order opens (BUY LONG, SELL SHORT). A one-way order's part that opens depends on the position: see <see cref="Netting"/>.</summary>
    public bool IsOpening => (Side, PositionSide) is ("BUY", "LONG") or ("SELL", "SHORT");
    public bool IsLive => Status is SimStatus.New or SimStatus.PartiallyFilled;
    /// <summary>A stop or take-profit not yet triggered (a triggered one fills or expires under the same lock).</summary>
    public bool IsConditional => StopPrice is not null;
    /// <summary>The venue closed the position by itself: liquidation or ADL.</summary>
    public bool IsForced => Origin is OrderOrigin.Liquidation or OrderOrigin.Adl;
    public decimal Remaining => Quantity - ExecutedQty;
    public decimal AvgPrice => ExecutedQty == 0 ? 0 : Math.Round(CumQuote / ExecutedQty, 8);

    public SimOrderView View() => new(Id, ClientOrderId, Symbol, Side, PositionSide, Type, Quantity, LimitPrice, Status,
        ExecutedQty, AvgPrice, Realized, Fees, Fills.Select(f => f.View()).ToList(), StopPrice);
}

/// <summary>One fill as booked.</summary>
internal sealed record SimFill(decimal Qty, decimal Price, decimal Fee, decimal Realized, long TimeMs, long TradeId, bool Maker)
{
    public SimFillView View() => new(Qty, Price, Fee, Realized, TimeMs, TradeId);
}

/// <summary>Order states as the stream spells them (REST spells a resting order PENDING and a cancelled one CANCELLED).</summary>
internal static class SimStatus
{
    public const string New = "NEW";
    public const string PartiallyFilled = "PARTIALLY_FILLED";
    public const string Filled = "FILLED";
    public const string Canceled = "CANCELED";
    /// <summary>A triggered stop that found less (or nothing) left to close: its remainder lapses.</summary>
    public const string Expired = "EXPIRED";

    public static string Rest(string status) => status switch
    {
        New => "PENDING",
        Canceled => "CANCELLED",
        _ => status,
    };
}
