using Pink.Core;
using Pink.Properties.Scenarios;
using Pink.Properties.Support;
using Xunit.Abstractions;

namespace Pink.Properties.Invariants;

/// <summary>
/// Rules 1 and 2 (seed §7 test 5): exchange leverage never enters PnL. The same history folded with every exchange
/// leverage set to L1 and to L2 (both in [1, cap]) gives the same effects and the same final state once the leverage
/// fields themselves are blanked: realized and unrealized PnL, capital, fees, rows and sizer feedback all agree.
/// </summary>
public class LeverageInvariance(ITestOutputHelper output)
{
    [Fact]
    public void Leverage_invariance_any_exchange_leverage_in_1_to_cap_changes_no_pnl_capital_or_sizer_feedback() =>
        Cases.Check(Drawn.Arbitrary(), d =>
        {
            var history = Simulation.Run(d.Scenario);
            var cap = d.Scenario.LeverageCap;
            var one = Replay.Run(WithLeverage(history, 1 + d.A % cap));
            var other = Replay.Run(WithLeverage(history, 1 + d.B % cap));
            for (var i = 0; i < one.Steps.Count; i++)
            {
                var a = one.Steps[i].Effects.Map(Blank).ToList();
                var b = other.Steps[i].Effects.Map(Blank).ToList();
                Require.That(a.SequenceEqual(b), () =>
                    $"{one.Steps[i].Where}: leverage {1 + d.A % cap} vs {1 + d.B % cap} changed the effects\n  {string.Join("\n  ", a)}\nvs\n  {string.Join("\n  ", b)}");
            }
            Require.That(Blank(one.Final).Equals(Blank(other.Final)), () => "the final states differ beyond their leverage fields");
        }, output);

    /// <summary>The history with every exchange leverage (intents and exchange positions) set to <paramref name="leverage"/>.</summary>
    public static History WithLeverage(History h, int leverage) =>
        h.With(h.Items.Select(item => item switch
        {
            EventItem { Event: OpenIntent o } e => e with { Event = o with { ExchangeLeverage = leverage } },
            EventItem { Event: PositionsReport p } e => e with { Event = Levered(p, leverage) },
            RestartItem r => r with { Reconcile = Levered(r.Reconcile, leverage) },
            _ => item,
        }).ToList());

    private static PositionsReport Levered(PositionsReport p, int leverage) =>
        p with { Positions = p.Positions.Select(x => x with { Leverage = leverage }).ToArray() };

    private static Effect Blank(Effect e) => e switch
    {
        PlaceOrder p => p with { ExchangeLeverage = 0 },
        PublishSnapshot s => new PublishSnapshot(s.Snapshot with { Slots = s.Snapshot.Slots.Map(v => v with { ExchangeLeverage = 0 }) }),
        PersistRow { Row: TradeEventRow r } => new PersistRow(r with { ExchangeLeverage = 0 }),
        TradeForgotten f => f with { Trade = f.Trade is null ? null : f.Trade with { ExchangeLeverage = 0 } },
        _ => e,
    };

    private static KernelState Blank(KernelState s) => s with { Trades = s.Trades.AsEnumerable().Aggregate(s.Trades, (m, p) => m.SetItem(p.Key, p.Value with { ExchangeLeverage = 0 })) };
}
