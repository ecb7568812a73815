namespace Pink.Core;

/// <summary>One order as the kernel knows it.</summary>
internal sealed record OrderV2(string ClientOrderId, long? VenueOrderId, int Slot, string TradeId, OrderPurpose Purpose,
    OrderSide Side, decimal Qty, decimal FilledQty, OrderStatus Status, decimal ReportedCumQty, decimal ReportedAvgPrice,
    decimal EstimatedRealized, decimal ExchangeRealized, bool ExchangeSettled, decimal Fees, bool External, decimal RepairedQty, int AwaitedSettlements, bool Provisional)
{
    public static OrderV2 From(Order o) => new(o.ClientOrderId, o.VenueOrderId, o.Slot, o.TradeId, o.Purpose, o.Side, o.Qty,
        o.FilledQty, o.Status, o.ReportedCumQty, o.ReportedAvgPrice, o.EstimatedRealized, o.ExchangeRealized, o.ExchangeSettled,
        o.Fees, o.External, o.RepairedQty, o.AwaitedSettlements, o.Provisional);

    public Order ToState() => new(ClientOrderId, VenueOrderId, Slot, TradeId, Purpose, Side, Qty, FilledQty, Status,
        ReportedCumQty, ReportedAvgPrice, EstimatedRealized, ExchangeRealized, ExchangeSettled, Fees, External, RepairedQty, AwaitedSettlements, Provisional);
}
