using System.Diagnostics.CodeAnalysis;

namespace Pink.Core;

/// <summary>The policy asks to open a trade in a slot.</summary>
public sealed record OpenIntent : KernelEvent
{
    /// <summary>Every member is set by name (an object initializer): no value can land in the wrong place.</summary>
    public OpenIntent() { }

    /// <summary>Positional, for Pink itself (readers, tests); a host names every member.</summary>
    [SetsRequiredMembers]
    internal OpenIntent(int Slot, string Symbol, PositionSide Side, decimal Qty, int ExchangeLeverage,
        string ClientOrderId, string? TradeId, long TimeMs) : base(TimeMs)
    {
        this.Slot = Slot;
        this.Symbol = Symbol;
        this.Side = Side;
        this.Qty = Qty;
        this.ExchangeLeverage = ExchangeLeverage;
        this.ClientOrderId = ClientOrderId;
        this.TradeId = TradeId;
    }

    /// <summary>Slot index, 0..N-1.</summary>
    public required int Slot { get; init; }
    /// <summary>Instrument, either spelling.</summary>
    public required string Symbol { get; init; }
    /// <summary>LONG or SHORT.</summary>
    public required PositionSide Side { get; init; }
    /// <summary>Exchange quantity in coin units (not notional, not leveraged).</summary>
    public required decimal Qty { get; init; }
    /// <summary>The leverage set at the exchange; it never enters PnL.</summary>
    public required int ExchangeLeverage { get; init; }
    /// <summary>Client order id of the entry order; unique.</summary>
    public required string ClientOrderId { get; init; }
    /// <summary>Trade id; derived from the client order id when absent.</summary>
    public required string? TradeId { get; init; }

    private protected override void Closed() { }
}

/// <summary>The policy asks to close the trade of a slot. An exit is never skipped (rule 16).</summary>
public sealed record CloseIntent : KernelEvent
{
    /// <summary>Every member is set by name (an object initializer): no value can land in the wrong place.</summary>
    public CloseIntent() { }

    /// <summary>Positional, for Pink itself (readers, tests); a host names every member.</summary>
    [SetsRequiredMembers]
    internal CloseIntent(int Slot, string ClientOrderId, long TimeMs) : base(TimeMs)
    {
        this.Slot = Slot;
        this.ClientOrderId = ClientOrderId;
    }

    /// <summary>Slot index, 0..N-1.</summary>
    public required int Slot { get; init; }
    /// <summary>Client order id of the exit order; unique.</summary>
    public required string ClientOrderId { get; init; }

    private protected override void Closed() { }
}
