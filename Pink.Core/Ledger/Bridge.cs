namespace Pink.Core;

/// <summary>
/// Moves a trade's realized PnL and fees into capital, incrementally (rules 8 and 10).
/// Invariants: capital moves by (realized − baseline) − (fees − fee baseline), then the baselines equal the totals,
/// so applying it again moves nothing; restoring a saved state keeps the baselines, and adoption seeds them, so no
/// PnL is ever settled twice. Between anchors this is the bridge: capital_source becomes k_bridged.
/// </summary>
internal static class Bridge
{
    public static void Settle(Step s, string tradeId)
    {
        if (s.TradeOf(tradeId) is not Trade trade) return;
        var increment = trade.RealizedPnl - trade.SettledRealized;
        var fees = trade.Fees - trade.SettledFees;
        if (increment == 0 && fees == 0) return;
        var a = s.Account;
        var delta = increment - fees;
        a = a with
        {
            Capital = a.Capital + delta, KLedger = a.KLedger + delta, FeesPaid = a.FeesPaid + fees, Source = CapitalSource.KBridged,
        };
        s.Put(a);
        s.Put(trade with { SettledRealized = trade.RealizedPnl, SettledFees = trade.Fees });
        s.Row(new AccountEventRow(s.Ts, s.Seq, "bridge", tradeId, a.Capital, Names.Of(a.Source), a.EWalletBalance, a.AvailableMargin,
            increment, fees, a.KLedger, 0, 0, tradeId));
        s.Touch();
    }
}
