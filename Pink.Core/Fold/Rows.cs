namespace Pink.Core;

/// <summary>Row builders: every row is built from kernel facts here, never recomputed by a sink.</summary>
internal static class Rows
{
    public static TradeEventRow TradeEvent(Step s, Trade t, string @event) =>
        new(s.Ts, s.Seq, t.TradeId, @event, t.Slot, t.Symbol, Names.Of(t.Side), t.EntryQty, t.EntryBasis,
            Queries.ExitPrice(t), t.RealizedPnl, t.Fees, Names.Of(t.PnlSource),
            @event is "open" or "adopted" ? 0 : Queries.BarsHeld(t, s.TimeMs, s.Config.BarSeconds), t.ExchangeLeverage,
            Names.FlagText(t.Flags));

    public static TradeExitLegRow ExitLeg(Step s, Trade t, ExitLeg leg, PnlSource source = PnlSource.KernelEstimate) =>
        new(s.Ts, s.Seq, t.TradeId, leg.Index, t.Slot, t.Symbol, Names.Of(t.Side), leg.Qty, leg.Price, leg.Realized, Names.Of(source),
            leg.SkippedNoPrice && !leg.Repaired ? "realized_skipped_no_price" : "", leg.VenueOrderId ?? 0);
}
