namespace Pink.Core;

/// <summary>
/// One order as the kernel knows it. <c>External</c> marks an order Pink never placed that the exchange used to reduce
/// one of our positions (booked as an exit), or the inferred exit of a reduction no fill explained (id <c>inferred-…</c>);
/// <c>RepairedQty</c> is how much of an inferred exit a later fill of the order behind it has given its figures.
/// <c>AwaitedSettlements</c> counts the fills reported without their settlement (no fee and `rp` at all, or an exit fill
/// without its `rp`) that no settlement reported on its own (FillSettled) has answered yet, one each: the order's figures
/// are known only when none is awaited.
/// </summary>
public sealed record Order
{
    /// <summary>The kernel builds orders; a host reads them.</summary>
    internal Order(string ClientOrderId, long? VenueOrderId, int Slot, string TradeId, OrderPurpose Purpose,
        OrderSide Side, decimal Qty, decimal FilledQty, OrderStatus Status, decimal ReportedCumQty,
        decimal ReportedAvgPrice, decimal EstimatedRealized, decimal ExchangeRealized, bool ExchangeSettled,
        decimal Fees = 0, bool External = false, decimal RepairedQty = 0, int AwaitedSettlements = 0, bool Provisional = false)
    {
        this.ClientOrderId = ClientOrderId;
        this.VenueOrderId = VenueOrderId;
        this.Slot = Slot;
        this.TradeId = TradeId;
        this.Purpose = Purpose;
        this.Side = Side;
        this.Qty = Qty;
        this.FilledQty = FilledQty;
        this.Status = Status;
        this.ReportedCumQty = ReportedCumQty;
        this.ReportedAvgPrice = ReportedAvgPrice;
        this.EstimatedRealized = EstimatedRealized;
        this.ExchangeRealized = ExchangeRealized;
        this.ExchangeSettled = ExchangeSettled;
        this.Fees = Fees;
        this.External = External;
        this.RepairedQty = RepairedQty;
        this.AwaitedSettlements = AwaitedSettlements;
        this.Provisional = Provisional;
    }

    /// <summary>Client order id (the order's identity).</summary>
    public string ClientOrderId { get; internal init; }
    /// <summary>The venue's order id, once acknowledged.</summary>
    public long? VenueOrderId { get; internal init; }
    /// <summary>The slot the order belongs to.</summary>
    public int Slot { get; internal init; }
    /// <summary>The trade the order belongs to.</summary>
    public string TradeId { get; internal init; }
    /// <summary>Entry or exit.</summary>
    public OrderPurpose Purpose { get; internal init; }
    /// <summary>BUY or SELL.</summary>
    public OrderSide Side { get; internal init; }
    /// <summary>Quantity asked for.</summary>
    public decimal Qty { get; internal init; }
    /// <summary>Quantity filled so far (sum of the applied fills).</summary>
    public decimal FilledQty { get; internal init; }
    /// <summary>Where the order stands.</summary>
    public OrderStatus Status { get; internal init; }
    /// <summary>The venue's last cumulative filled quantity applied.</summary>
    public decimal ReportedCumQty { get; internal init; }
    /// <summary>The venue's last cumulative average fill price applied.</summary>
    public decimal ReportedAvgPrice { get; internal init; }
    /// <summary>Realized PnL the kernel estimated for the order's exit fills.</summary>
    public decimal EstimatedRealized { get; internal init; }
    /// <summary>Realized PnL the exchange reported for its fills (`rp`).</summary>
    public decimal ExchangeRealized { get; internal init; }
    /// <summary>True once the exchange reported a settlement for it.</summary>
    public bool ExchangeSettled { get; internal init; }
    /// <summary>Fees paid for its fills.</summary>
    public decimal Fees { get; internal init; }
    /// <summary>An order Pink never placed that reduced one of our positions, or the inferred exit of a reduction no fill explained.</summary>
    public bool External { get; internal init; }
    /// <summary>How much of an inferred exit a later fill of the order behind it has given its figures.</summary>
    public decimal RepairedQty { get; internal init; }
    /// <summary>Fills reported without their settlement that no settlement on its own has answered yet (see above).</summary>
    public int AwaitedSettlements { get; internal init; }
    /// <summary>
    /// Its exchange figures so far are stream frames' own (each frame carries its own fill's `rp` and fee): a frame lost
    /// in a gap took its figures with it, and only the venue's cumulative figures for the order (an order answer) can
    /// still bring them. Cleared by the next cumulative figures.
    /// </summary>
    public bool Provisional { get; internal init; }
}
