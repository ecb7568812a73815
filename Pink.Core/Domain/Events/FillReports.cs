using System.Diagnostics.CodeAnalysis;

namespace Pink.Core;

/// <summary>What the exchange reports it settled for one fill: realized PnL (`rp`) and the fee paid.</summary>
public sealed record ExchangeSettlement
{
    /// <summary>Every member is set by name (an object initializer): no value can land in the wrong place.</summary>
    public ExchangeSettlement() { }

    /// <summary>Positional, for Pink itself (readers, tests); a host names every member.</summary>
    [SetsRequiredMembers]
    internal ExchangeSettlement(decimal? RealizedPnl, decimal Fee, bool Provisional = false)
    {
        this.RealizedPnl = RealizedPnl;
        this.Fee = Fee;
        this.Provisional = Provisional;
    }

    /// <summary>Exchange realized PnL for the fill, when reported.</summary>
    public required decimal? RealizedPnl { get; init; }
    /// <summary>Fee paid, already normalised at the boundary: ≥ 0 paid, &lt; 0 rebate (rule 20).</summary>
    public required decimal Fee { get; init; }
    /// <summary>
    /// The figures may cover only part of the fill: a stream frame carries its own fill's rp and fee, while the fill (an
    /// increase of the cumulative quantity) may span fills whose frames were lost. A disagreement with the kernel's
    /// estimate is then confirmed with the venue's cumulative figures for the order (a <see cref="QueryOrder"/>,
    /// PNL_UNCONFIRMED) before it is an error.
    /// </summary>
    public bool Provisional { get; init; }
}

/// <summary>One fill (leg): an incremental quantity at a true price, or 0.0 when the price is unknown (rule 4).</summary>
public sealed record Fill : KernelEvent
{
    /// <summary>Every member is set by name (an object initializer): no value can land in the wrong place.</summary>
    public Fill() { }

    /// <summary>Positional, for Pink itself (readers, tests); a host names every member.</summary>
    [SetsRequiredMembers]
    internal Fill(long? VenueOrderId, string? ClientOrderId, string Symbol, OrderSide Side, decimal Qty,
        decimal Price, long TimeMs, string? Id = null, decimal? CumQty = null, decimal? CumAvgPrice = null,
        ExchangeSettlement? Settlement = null, PositionSide? PositionSide = null) : base(TimeMs)
    {
        this.VenueOrderId = VenueOrderId;
        this.ClientOrderId = ClientOrderId;
        this.Symbol = Symbol;
        this.Side = Side;
        this.Qty = Qty;
        this.Price = Price;
        this.Id = Id;
        this.CumQty = CumQty;
        this.CumAvgPrice = CumAvgPrice;
        this.Settlement = Settlement;
        this.PositionSide = PositionSide;
    }

    /// <summary>The venue's order id, when known.</summary>
    public required long? VenueOrderId { get; init; }
    /// <summary>Our client order id, when the venue echoed it.</summary>
    public required string? ClientOrderId { get; init; }
    /// <summary>Instrument.</summary>
    public required string Symbol { get; init; }
    /// <summary>BUY or SELL.</summary>
    public required OrderSide Side { get; init; }
    /// <summary>Incremental quantity of this fill (never cumulative).</summary>
    public required decimal Qty { get; init; }
    /// <summary>True fill price, or 0.0 for unknown. Never an order's nominal or protective price.</summary>
    public required decimal Price { get; init; }
    /// <summary>Exchange identity for de-duplication (rule 14), e.g. order id + cumulative quantity.</summary>
    public string? Id { get; init; }
    /// <summary>The venue's cumulative filled quantity after this fill, when reported.</summary>
    public decimal? CumQty { get; init; }
    /// <summary>The venue's cumulative average fill price after this fill, when reported.</summary>
    public decimal? CumAvgPrice { get; init; }
    /// <summary>The exchange's own settlement of this fill, when it came with it.</summary>
    public ExchangeSettlement? Settlement { get; init; }
    /// <summary>The position the fill belongs to (hedge mode `ps` LONG/SHORT); null in one-way mode or when not sent.</summary>
    public PositionSide? PositionSide { get; init; }

    private protected override void Closed() { }
}

/// <summary>The exchange settled a fill of an order after the fact (e.g. from REST income): `rp` and fee.</summary>
public sealed record FillSettled : KernelEvent
{
    /// <summary>Every member is set by name (an object initializer): no value can land in the wrong place.</summary>
    public FillSettled() { }

    /// <summary>Positional, for Pink itself (readers, tests); a host names every member.</summary>
    [SetsRequiredMembers]
    internal FillSettled(string Id, long VenueOrderId, decimal? RealizedPnl, decimal Fee, long TimeMs) : base(TimeMs)
    {
        this.Id = Id;
        this.VenueOrderId = VenueOrderId;
        this.RealizedPnl = RealizedPnl;
        this.Fee = Fee;
    }

    /// <summary>The fill's exchange identity (as in <see cref="Fill.Id"/>).</summary>
    public required string Id { get; init; }
    /// <summary>The venue's order id.</summary>
    public required long VenueOrderId { get; init; }
    /// <summary>Exchange realized PnL (`rp`), when reported.</summary>
    public required decimal? RealizedPnl { get; init; }
    /// <summary>Fee paid, normalised at the boundary: ≥ 0 paid, &lt; 0 rebate (rule 20).</summary>
    public required decimal Fee { get; init; }

    private protected override void Closed() { }
}
