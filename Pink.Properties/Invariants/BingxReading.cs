using System.Text.Json;
using Pink.Core;
using Pink.Core.Bingx;
using Pink.Properties.Scenarios;
using Pink.Properties.Support;
using Xunit.Abstractions;

namespace Pink.Properties.Invariants;

/// <summary>
/// The BingX reading keeps the venue's books: whatever way a venue reports an order's fills — stream frames with or
/// without `L`/`l`, cumulative order answers before or after them, repeated frames, lost frames (the next frame carries
/// the cumulative figures), restarts between any two reports — fed as JSON through <see cref="BingxAdapter"/> into the
/// kernel and ended by the order answer the live loop's query brings, each trade ends with the venue's figures:
/// entry and exit quantity exactly, fees exactly the venue's total commission, the exchange realized on its orders
/// exactly the venue's total rp; the basis is the VWAP of the entry fills and the trade's realized the venue's rp —
/// exactly (to decimal's 28 digits) when the venue's averages are exact, within what their rounding can explain when
/// the venue rounds them; no fill booked twice, no PNL_MISMATCH and no ERROR, and every PNL_UNCONFIRMED asks the venue.
/// </summary>
public class BingxReading(ITestOutputHelper output)
{
    private const long FirstVenueId = 1_900_000_000_000_000_000;
    private const decimal Arithmetic = 0.000000000000000001m; // decimal's own rounding over a handful of operations

    [Fact]
    public void Bingx_reading_every_way_of_reporting_fills_ends_with_the_venue_s_figures()
    {
        var seen = new Dictionary<string, int>();
        Cases.Check(ReportingPlan.Arbitrary(), plan => new Run(plan, seen).Check(), output);
        // What the generated cases exercised (cases in which each happened at least once).
        output.WriteLine(string.Join(", ", seen.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value}")));
    }

    private sealed class Run(ReportingPlan plan, Dictionary<string, int> seen)
    {
        private readonly HashSet<string> _happened = [];
        private KernelState _state = Kernel.Initial(new KernelConfig(SeedCapital: 10_000));
        private long _time = 1_750_000_000_000;
        private readonly List<string> _log = [];
        // What the kernel said of the trades it forgot (closed, every venue figure in): their final figures.
        private readonly Dictionary<string, TradeForgotten> _forgotten = [];

        public void Check()
        {
            for (var t = 0; t < plan.Trades.Count; t++) Trade(t, plan.Trades[t]);
            if (plan.Exact) _happened.Add("exact averages");
            foreach (var d in plan.Trades.SelectMany(t => t.Entry.Deliveries.Concat(t.Exit.Deliveries)))
            {
                if (d.Lost) _happened.Add("lost frame");
                if (d.Repeated) _happened.Add("repeated frame");
                if (d.AnswerBefore) _happened.Add("answer before frame");
                if (d.RestartBefore || d.RestartAfter) _happened.Add("restart");
            }
            lock (seen)
                foreach (var h in _happened) seen[h] = seen.GetValueOrDefault(h) + 1;
        }

        private void Trade(int t, TradePlan trade)
        {
            var (tradeId, entryId, exitId) = ($"T{t + 1}", $"e{t + 1}", $"x{t + 1}");
            var entry = new ReportingVenue(plan, trade.Entry, FirstVenueId + 2 * t, entryId, buy: trade.Long, trade.Long, null);
            var side = trade.Long ? PositionSide.Long : PositionSide.Short;
            var placed = Apply(new OpenIntent(0, "FET-USDT", side, trade.Entry.Total, trade.Leverage, entryId, tradeId, Tick()));
            Require.That(placed.Exists(e => e is PlaceOrder { ClientOrderId: var c } && c == entryId), () => Where($"the open intent placed no entry order {entryId}"));
            Apply(new OrderAcknowledged(entryId, entry.VenueId, Tick()));
            Deliver(entry);

            var exit = new ReportingVenue(plan, trade.Exit, FirstVenueId + 2 * t + 1, exitId, buy: !trade.Long, trade.Long, entry.TrueAverage);
            var closing = Apply(new CloseIntent(0, exitId, Tick()));
            Require.That(closing.Exists(e => e is PlaceOrder { ClientOrderId: var c, Qty: var q } && c == exitId && q == trade.Entry.Total),
                () => Where($"the close intent placed no exit {exitId} of {trade.Entry.Total}: {string.Join(", ", closing.OfType<PlaceOrder>())}"));
            Apply(new OrderAcknowledged(exitId, exit.VenueId, Tick()));
            Deliver(exit);
            Books(tradeId, trade, entry, exit);
        }

        private void Deliver(ReportingVenue order)
        {
            foreach (var report in order.Schedule())
            {
                var time = Tick();
                switch (report)
                {
                    case FrameReport f:
                        var frame = order.Frame(f.K, f.Shape, time);
                        _log.Add($"ws {frame}");
                        foreach (var e in BingxAdapter.FromWs(frame, _state, time)) Apply(e);
                        break;
                    case AnswerReport a:
                        var answer = order.Answer(a.K, time);
                        _log.Add($"rest {answer}");
                        using (var doc = JsonDocument.Parse(answer))
                        using (var request = JsonDocument.Parse($$"""{"symbol":"FET-USDT","orderId":"{{order.VenueId}}"}"""))
                            foreach (var e in BingxAdapter.FromRest("GET", "/openApi/swap/v2/trade/order", request.RootElement, doc.RootElement, _state, time)) Apply(e);
                        break;
                    case RestartReport:
                        _log.Add("restart");
                        var restored = StateDocument.Restore(StateDocument.Save(_state));
                        Require.That(restored.IsRight, () => Where($"the state document does not restore: {restored.IfRight("")}"));
                        _state = restored.IfLeft(() => throw new InvalidOperationException());
                        break;
                }
            }
        }

        private LanguageExt.Seq<Effect> Apply(KernelEvent e)
        {
            var outcome = Kernel.Apply(_state, e);
            _state = outcome.State;
            foreach (var gone in outcome.Effects.OfType<TradeForgotten>()) _forgotten[gone.TradeId] = gone;
            foreach (var d in outcome.Effects.OfType<Diagnostic>())
            {
                _log.Add($"  {d.Severity} {d.Kind}: {d.Detail}");
                Require.That(d.Kind != DiagnosticKinds.PnlMismatch, () => Where($"PNL_MISMATCH although the venue's figures are consistent: {d.Detail}"));
                Require.That(d.Severity != Severity.Error, () => Where($"an ERROR: {d.Kind} {d.Detail}"));
                if (d.Kind != DiagnosticKinds.PnlUnconfirmed) continue;
                _happened.Add("PNL_UNCONFIRMED");
                Require.That(outcome.Effects.Exists(x => x is QueryOrder), () => Where($"PNL_UNCONFIRMED without a query of the order: {d.Detail}"));
            }
            return outcome.Effects;
        }

        private void Books(string tradeId, TradePlan plan1, ReportingVenue entry, ReportingVenue exit)
        {
            // Every report ends with the venue's final figures: nothing of the trade is still to come, so the state must
            // have let it go (its final figures are in the TradeForgotten effect).
            Require.That(_state.Trades.Find(tradeId).IsNone && _forgotten.ContainsKey(tradeId),
                () => Where($"{tradeId} is still in the state although every figure of it is in"));
            var gone = _forgotten[tradeId];
            Require.That(gone.Settled, () => Where($"{tradeId} was forgotten unsettled"));
            var trade = gone.Trade;
            Require.That(trade is not null, () => Where($"no trade {tradeId}"));
            var t = trade!;
            var total = plan1.Entry.Total;
            Require.That(t.EntryQty == total && t.OpenQty == 0 && t.ExitQty == total && t.Closed,
                () => Where($"{tradeId}: entry {t.EntryQty}, exit {t.ExitQty}, open {t.OpenQty}, closed {t.Closed}; the venue filled {total} each way"));
            Require.That(t.Legs.Sum(l => l.Qty) == total, () => Where($"{tradeId}: exit legs of {t.Legs.Sum(l => l.Qty)} for {total}"));
            foreach (var (venue, id) in new[] { (entry, $"e{tradeId[1..]}"), (exit, $"x{tradeId[1..]}") })
            {
                var o = gone.Orders.Find(x => x.ClientOrderId == id).Case as Order;
                Require.That(o is not null, () => Where($"no order {id}"));
                Require.That(o!.FilledQty == total && o.ReportedCumQty == total, () => Where($"{id}: filled {o.FilledQty}, cumulative {o.ReportedCumQty}; the venue filled {total}"));
                Require.That(o.ExchangeRealized == venue.Profit[^1], () => Where($"{id}: exchange realized {o.ExchangeRealized}, the venue's rp total {venue.Profit[^1]}"));
                Require.That(o.Fees == -venue.Commissions[^1], () => Where($"{id}: fees {o.Fees}, the venue's commission {venue.Commissions[^1]}"));
            }
            var fees = -(entry.Commissions[^1] + exit.Commissions[^1]);
            Require.That(t.Fees == fees, () => Where($"{tradeId}: fees {t.Fees}, the venue's commission total {fees}"));
            Require.That(t.PnlSource == PnlSource.Exchange, () => Where($"{tradeId}: pnl source {t.PnlSource}"));

            // The averages' rounding: each increment priced from them is off by at most u·z (u: one unit in their last place),
            // so the basis by at most (entry fills)·u and the realized by Z·(all fills)·u, plus the venue's rp rounding.
            var unit = plan.Exact ? 0m : Unit(plan.Places);
            var (ne, nx) = (plan1.Entry.Cum.Count, plan1.Exit.Cum.Count);
            var basisBound = ne * unit + Arithmetic;
            Require.That(Math.Abs(t.EntryBasis - entry.TrueAverage) <= basisBound,
                () => Where($"{tradeId}: basis {t.EntryBasis}, the entry fills' VWAP {entry.TrueAverage} (bound {basisBound})"));
            var venueRealized = exit.Profit[^1];
            var realizedBound = total * (ne + nx) * unit + (plan.Exact ? 0 : nx * 0.000000005m) + 1000 * Arithmetic;
            Require.That(Math.Abs(t.RealizedPnl - venueRealized) <= realizedBound,
                () => Where($"{tradeId}: realized {t.RealizedPnl}, the venue's rp {venueRealized} (bound {realizedBound})"));
        }

        private static decimal Unit(int places)
        {
            var u = 1m;
            for (var i = 0; i < places; i++) u /= 10;
            return u;
        }

        private long Tick() => _time += 1_000;

        private string Where(string what) => $"{what}\nplan: {plan}\nreports:\n  {string.Join("\n  ", _log)}";
    }
}
