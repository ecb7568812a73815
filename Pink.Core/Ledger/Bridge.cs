namespace Pink.Core;

/// <summary>
/// Moves a trade's realized PnL and fees into capital, incrementally (rules 8 and 10).
/// Invariants: capital moves by (realized − baseline) − (fees − fee baseline), then the baselines equal the totals,
/// so applying it again moves nothing; restoring a saved state keeps the baselines, and adoption seeds them, so no
/// PnL is ever settled twice. Between anchors this is the bridge: capital_source becomes k_bridged. The part of a fill
/// a wallet report already showed (see <see cref="Coverage"/>) moves the K-ledger but not capital: the wallet balance
/// capital was anchored to contains it.
/// </summary>
internal static class Bridge
{
    /// <param name="s">The step.</param>
    /// <param name="tradeId">The trade whose increments to settle.</param>
    /// <param name="move">The fill that caused them, when a fill did (a later exchange settlement is not a fill).</param>
    /// <param name="inWallet">The increments are already in the wallet capital holds (a late repair of a leg whose delta was
    /// unknown): they move the K-ledger only.</param>
    public static void Settle(Step s, string tradeId, FillMove? move = null, bool inWallet = false)
    {
        if (s.TradeOf(tradeId) is not Trade trade) return;
        var increment = trade.RealizedPnl - trade.SettledRealized;
        var fees = trade.Fees - trade.SettledFees;
        var delta = increment - fees;
        var (covered, held) = inWallet ? (1.0m, delta) : move is FillMove m ? Coverage.Consume(s, m, delta) : (0.0m, 0.0m);
        // Wholly in the wallet: capital stays on the wallet's figure (a kernel delta that differs shows at the check).
        var bridged = covered >= 1 ? 0 : delta - held;
        var a = s.Account;
        // A fill waits for the report that confirms it; a settlement after the fact, for the next report of the whole wallet.
        if (move is FillMove fill) a = Coverage.Record(a, fill, 1 - covered, bridged);
        else if (delta != 0 && !inWallet) a = Coverage.RecordSettlement(a, Symbols.Key(trade.Symbol), trade.Side, delta);
        var moved = increment != 0 || fees != 0;
        if (moved)
        {
            a = a with
            {
                Capital = a.Capital + bridged, KLedger = a.KLedger + delta, FeesPaid = a.FeesPaid + fees,
                Source = bridged != 0 ? CapitalSource.KBridged : a.Source,
            };
            s.Put(trade with { SettledRealized = trade.RealizedPnl, SettledFees = trade.Fees });
        }
        var divergence = Coverage.CheckIfDue(s, ref a);
        s.Put(a);
        if (!moved) return;
        s.Row(new AccountEventRow(s.Ts, s.Seq, covered >= 1 ? "in_wallet" : "bridge", tradeId, a.Capital, Names.Of(a.Source), a.EWalletBalance,
            a.AvailableMargin, increment, fees, a.KLedger, divergence ?? 0, 0, tradeId));
        s.Touch();
    }
}
