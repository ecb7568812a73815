using System.Diagnostics.CodeAnalysis;

namespace Pink.Core;

/// <summary>A mark price. Moves unrealized PnL only; never becomes an entry basis (rule 2).</summary>
public sealed record MarkPrice : KernelEvent
{
    /// <summary>Every member is set by name (an object initializer): no value can land in the wrong place.</summary>
    public MarkPrice() { }

    /// <summary>Positional, for Pink itself (readers, tests); a host names every member.</summary>
    [SetsRequiredMembers]
    internal MarkPrice(string Symbol, decimal Price, long TimeMs) : base(TimeMs)
    {
        this.Symbol = Symbol;
        this.Price = Price;
    }

    /// <summary>Instrument.</summary>
    public required string Symbol { get; init; }
    /// <summary>The mark price.</summary>
    public required decimal Price { get; init; }

    private protected override void Closed() { }
}

/// <summary>What the venue states about an instrument's orders (its contract specification); see <see cref="Instrument"/>.</summary>
public sealed record InstrumentSpec : KernelEvent
{
    /// <summary>Every member is set by name (an object initializer): no value can land in the wrong place.</summary>
    public InstrumentSpec() { }

    /// <summary>Positional, for Pink itself (readers, tests); a host names every member.</summary>
    [SetsRequiredMembers]
    internal InstrumentSpec(string Symbol, decimal QtyStep, decimal PriceStep, decimal MinQty, long TimeMs) : base(TimeMs)
    {
        this.Symbol = Symbol;
        this.QtyStep = QtyStep;
        this.PriceStep = PriceStep;
        this.MinQty = MinQty;
    }

    /// <summary>Instrument.</summary>
    public required string Symbol { get; init; }
    /// <summary>Every order quantity is a whole multiple of this.</summary>
    public required decimal QtyStep { get; init; }
    /// <summary>Prices move in this step.</summary>
    public required decimal PriceStep { get; init; }
    /// <summary>The smallest order quantity the venue takes (0 when not stated).</summary>
    public required decimal MinQty { get; init; }

    private protected override void Closed() { }
}
