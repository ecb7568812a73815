using LanguageExt;

namespace Pink.Core;

/// <summary>
/// One trade. Its settlement baseline (<c>settled_realized</c>, <c>settled_fees</c>) is what capital already holds of
/// it: a document without it must be refused, since restoring it as 0 settles the trade's realized PnL a second time.
/// </summary>
internal sealed record TradeV2(
    string TradeId, int Slot, string Symbol, PositionSide Side, int ExchangeLeverage,
    decimal EntryQty, decimal PricedEntryQty, decimal EntryBasis, decimal OpenQty,
    decimal ExitQty, decimal PricedExitQty, decimal ExitNotional,
    decimal RealizedPnl, decimal Fees, PnlSource PnlSource, TradeFlags Flags, bool Closed,
    ExitLegV2[] Legs, long OpenedMs, long ClosedMs,
    decimal SettledRealized, decimal SettledFees, int FeedbackRevision,
    decimal Funding, decimal IncomeRealized, decimal IncomeFees, bool IncomeChecked, long[] EntryTimes)
{
    public static TradeV2 From(Trade t) => new(
        t.TradeId, t.Slot, t.Symbol, t.Side, t.ExchangeLeverage,
        t.EntryQty, t.PricedEntryQty, t.EntryBasis, t.OpenQty,
        t.ExitQty, t.PricedExitQty, t.ExitNotional,
        t.RealizedPnl, t.Fees, t.PnlSource, t.Flags, t.Closed,
        t.Legs.Map(ExitLegV2.From).ToArray(), t.OpenedMs, t.ClosedMs,
        t.SettledRealized, t.SettledFees, t.FeedbackRevision,
        t.Funding, t.IncomeRealized, t.IncomeFees, t.IncomeChecked, t.EntryTimes.ToArray());

    public Trade ToState() => new(
        TradeId, Slot, Symbol, Side, ExchangeLeverage,
        EntryQty, PricedEntryQty, EntryBasis, OpenQty,
        ExitQty, PricedExitQty, ExitNotional,
        RealizedPnl, Fees, PnlSource, Flags, Closed,
        new Arr<ExitLeg>(Legs.Select(l => l.ToState())), OpenedMs, ClosedMs,
        SettledRealized, SettledFees, FeedbackRevision,
        Funding, IncomeRealized, IncomeFees, IncomeChecked, new Arr<long>(EntryTimes));
}

/// <summary>One exit leg of a trade.</summary>
internal sealed record ExitLegV2(int Index, string ClientOrderId, long? VenueOrderId, decimal Qty, decimal Price, decimal Realized,
    bool SkippedNoPrice, bool Repaired, long TimeMs)
{
    public static ExitLegV2 From(ExitLeg l) =>
        new(l.Index, l.ClientOrderId, l.VenueOrderId, l.Qty, l.Price, l.Realized, l.SkippedNoPrice, l.Repaired, l.TimeMs);

    public ExitLeg ToState() => new(Index, ClientOrderId, VenueOrderId, Qty, Price, Realized, SkippedNoPrice, Repaired, TimeMs);
}
