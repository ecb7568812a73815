using Pink.Bench.Mutable;
using Pink.Core;

namespace Pink.Bench.Check;

/// <summary>
/// Runs the pure kernel and the mutable baseline side by side on the same stream and fails loudly on the first
/// difference: every effect of every event (rows, snapshots, orders, sizer feedback, diagnostics) must be equal, and at
/// the end the ledgers must agree — capital, its source, fees, the K-ledger, the wallet, and each trade's realized PnL,
/// fees, pnl_source and closed flag.
/// <para>
/// The mutable baseline keeps every trade; the kernel forgets a closed and settled one (TradeForgotten). That effect is
/// the one the baseline does not model, so it is left out of the effect-by-effect comparison and checked instead: a trade
/// the kernel forgot must be closed in the baseline with every exit order settled by the exchange, and its final figures
/// (from the effect) must equal the baseline's; the trades the kernel still holds are compared as before.
/// </para>
/// </summary>
public static class LedgerCheck
{
    /// <summary>What was compared.</summary>
    public sealed record Report(int Events, long Effects, int Trades, int Feedback, decimal Capital, decimal FeesPaid, int Forgotten);

    public static Report Verify(KernelConfig config, IReadOnlyList<KernelEvent> events)
    {
        var pure = Kernel.Initial(config);
        var mutable = new MutableKernel(config);
        var effects = new List<Effect>(16);
        long compared = 0;
        var feedback = 0;
        var forgotten = new Dictionary<string, Trade>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            var o = Kernel.Apply(pure, events[i]);
            pure = o.State;
            mutable.Apply(events[i], effects);
            var n = 0;
            foreach (var expected in o.Effects)
            {
                if (expected is TradeForgotten gone)
                {
                    if (gone.Trade is not Trade t || !gone.Settled) Fail(i, events[i], $"the kernel forgot {gone.TradeId} unsettled or without its trade");
                    else forgotten.Add(t.TradeId, t);
                    continue;
                }
                if (n >= effects.Count) Fail(i, events[i], $"the mutable baseline is missing effect {n}: {expected}");
                if (!expected.Equals(effects[n])) Fail(i, events[i], $"effect {n} differs:\n  pure:    {expected}\n  mutable: {effects[n]}");
                if (expected is SizerFeedback) feedback++;
                n++;
            }
            if (n != effects.Count) Fail(i, events[i], $"the mutable baseline has {effects.Count - n} effect(s) more: {effects[n]}");
            compared += n;
        }
        var a = pure.Account;
        Same("capital", a.Capital, mutable.Capital);
        Same("K-ledger", a.KLedger, mutable.KLedger);
        Same("fees paid", a.FeesPaid, mutable.FeesPaid);
        Same("wallet", a.EWalletBalance, mutable.EWalletBalance);
        if (a.Source != mutable.Source) throw new LedgerMismatch($"capital source: pure {a.Source}, mutable {mutable.Source}");
        if (a.EntriesBlocked != mutable.EntriesBlocked) throw new LedgerMismatch("entries blocked differ");
        if (pure.EventSeq != mutable.EventSeq) throw new LedgerMismatch($"event_seq: pure {pure.EventSeq}, mutable {mutable.EventSeq}");
        if (pure.Trades.Count + forgotten.Count != mutable.Trades.Count)
            throw new LedgerMismatch($"trades: pure {pure.Trades.Count} held + {forgotten.Count} forgotten, mutable {mutable.Trades.Count}");
        var ordersOf = mutable.OrdersByTrade();
        foreach (var t in pure.Trades.Values.Concat(forgotten.Values))
        {
            if (!mutable.Trades.TryGetValue(t.TradeId, out var m)) throw new LedgerMismatch($"trade {t.TradeId} missing in the mutable baseline");
            if (forgotten.ContainsKey(t.TradeId) && !(m.Closed && ordersOf[t.TradeId].All(o => o.Status != OrderStatus.Working &&
                    (o.Purpose != OrderPurpose.Exit || o.FilledQty == 0 || o.ExchangeSettled))))
                throw new LedgerMismatch($"{t.TradeId} was forgotten by the kernel but the baseline has it open or not settled by the exchange");
            Same($"{t.TradeId} realized", t.RealizedPnl, m.RealizedPnl);
            Same($"{t.TradeId} fees", t.Fees, m.Fees);
            if (t.PnlSource != m.PnlSource) throw new LedgerMismatch($"{t.TradeId} pnl_source: pure {t.PnlSource}, mutable {m.PnlSource}");
            if (t.Closed != m.Closed) throw new LedgerMismatch($"{t.TradeId} closed: pure {t.Closed}, mutable {m.Closed}");
            if (t.FeedbackRevision != m.FeedbackRevision) throw new LedgerMismatch($"{t.TradeId} feedback revision differs");
        }
        return new Report(events.Count, compared, pure.Trades.Count + forgotten.Count, feedback, a.Capital, a.FeesPaid, forgotten.Count);
    }

    private static void Same(string what, decimal pure, decimal mutable)
    {
        if (!pure.Equals(mutable)) throw new LedgerMismatch($"{what}: pure {pure:R}, mutable {mutable:R}");
    }

    private static void Fail(int index, KernelEvent e, string what) =>
        throw new LedgerMismatch($"event {index} ({e}): {what}");
}

/// <summary>The pure kernel and the mutable baseline disagree.</summary>
public sealed class LedgerMismatch(string message) : Exception($"LEDGER MISMATCH between the pure kernel and the mutable baseline: {message}");
