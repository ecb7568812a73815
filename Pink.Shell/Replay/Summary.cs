using Pink.Core;

namespace Pink.Shell.Replay;

/// <summary>
/// The replay summary (recording-format.md): read off the final state and the effects, no rule of its own. The trades are
/// the ones the final state holds and the ones the kernel forgot on the way (their final figures, from TradeForgotten).
/// </summary>
public sealed record Summary(
    AccountSummary Account,
    IReadOnlyList<SlotSummary> Slots,
    IReadOnlyList<TradeSummary> Trades,
    IReadOnlyList<FeedbackSummary> SizerFeedback,
    IReadOnlyDictionary<string, int> Rows,
    IReadOnlyList<AnomalySummary> Anomalies)
{
    public static Summary Of(KernelState state, IEnumerable<Effect> effects)
    {
        var a = state.Account;
        var snapshot = Queries.Snapshot(state);
        var account = new AccountSummary(a.Capital, Names.Of(a.Source), a.EWalletBalance, state.EventSeq, a.FeesPaid,
            snapshot.Equity, a.AvailableMargin, a.KLedger, a.EntriesBlocked);
        var slots = snapshot.Slots.Select(v => new SlotSummary(v.Slot, v.Symbol, v.Side, Names.Of(v.Phase), v.OpenQty, v.EntryPrice,
            v.RealizedPnl, Names.Of(v.Flags))).ToList();
        var effectList = effects as IReadOnlyCollection<Effect> ?? effects.ToList();
        var forgotten = effectList.OfType<TradeForgotten>().Select(f => f.Trade).OfType<Trade>();
        var trades = Queries.Trades(state).Concat(forgotten).OrderBy(t => t.OpenedMs).ThenBy(t => t.TradeId, StringComparer.Ordinal)
            .Select(t => new TradeSummary(t.TradeId, t.Slot, t.Symbol, Names.Of(t.Side), t.EntryQty, t.EntryBasis, Queries.ExitPrice(t),
                t.RealizedPnl, t.Fees, Names.Of(t.PnlSource), t.Closed, Names.Of(Queries.FlagsOf(t)), t.Funding, t.IncomeRealized, t.IncomeFees)).ToList();
        var rows = Tables.All.ToDictionary(t => t, _ => 0);
        var feedback = new List<FeedbackSummary>();
        var anomalies = new List<AnomalySummary>();
        foreach (var effect in effectList)
        {
            switch (effect)
            {
                case PersistRow { Row: var row }: rows[row.Table] = rows.GetValueOrDefault(row.Table) + 1; break;
                case SizerFeedback f:
                    feedback.RemoveAll(x => x.TradeId == f.TradeId); // a later exchange correction supersedes
                    feedback.Add(new FeedbackSummary(f.TradeId, f.Pnl, f.Revision));
                    break;
                case Diagnostic d: anomalies.Add(new AnomalySummary(d.Kind, Names.Of(d.Severity), d.Detail)); break;
            }
        }
        return new Summary(account, slots, trades, feedback, rows, anomalies);
    }
}

public sealed record AccountSummary(decimal Capital, string CapitalSource, decimal EWalletBalance, long EventSeq, decimal FeesPaid,
    decimal Equity, decimal AvailableMargin, decimal KLedger, bool EntriesBlocked);

public sealed record SlotSummary(int Slot, string Symbol, string Side, string Phase, decimal OpenQty, decimal EntryPrice,
    decimal RealizedPnl, IReadOnlyList<string> Flags);

public sealed record TradeSummary(string TradeId, int Slot, string Symbol, string Side, decimal Qty, decimal EntryPrice, decimal ExitPrice,
    decimal RealizedPnl, decimal Fees, string PnlSource, bool Closed, IReadOnlyList<string> Flags,
    decimal Funding = 0, decimal IncomeRealized = 0, decimal IncomeFees = 0);

public sealed record FeedbackSummary(string TradeId, decimal Pnl, int Revision);

public sealed record AnomalySummary(string Kind, string Severity, string Detail);
