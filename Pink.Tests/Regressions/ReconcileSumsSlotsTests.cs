using Pink.Core;
using Pink.Tests.Kernel;

namespace Pink.Tests.Regressions;

/// <summary>
/// Found by the property "no double settlement" (Pink.Properties): in hedge mode the exchange reports one position per
/// instrument and side, the sum over every slot holding it. A restart's reconcile compared that sum with each slot's
/// own quantity, so two slots short the same instrument raised a false POSITION_MISMATCH error (and an anomaly row)
/// on every restart, although the books agreed.
/// </summary>
public class ReconcileSumsSlotsTests
{
    private const string Btc = "BTC-USDT";

    private static Driver TwoShortSlots()
    {
        var d = new Driver();
        d.Open(0, Btc, PositionSide.Short, 0.001m, "e1").Ack("e1", 11).Fill(11, Btc, OrderSide.Sell, 0.001m, 60_000);
        d.Open(1, Btc, PositionSide.Short, 0.003m, "e2").Ack("e2", 12).Fill(12, Btc, OrderSide.Sell, 0.003m, 60_000);
        return d;
    }

    [Fact]
    public void Rule8_a_reconcile_compares_the_exchange_position_with_the_sum_of_the_slots_holding_that_instrument_and_side()
    {
        var d = TwoShortSlots();
        var before = d.State;
        d.Apply(new PositionsReport("pos-1", [new ExchangePosition("BTCUSDT", PositionSide.Short, 0.004m, 60_000, 3)], d.Tick()));
        Assert.Equal(before, d.State with { Dedup = before.Dedup }); // only the report's id is remembered (rule 14)
        Assert.Empty(d.Last);
    }

    [Fact]
    public void Rule8_a_real_difference_between_the_sum_and_the_exchange_is_still_reported_once()
    {
        var d = TwoShortSlots();
        var before = d.State;
        d.Apply(new PositionsReport("pos-1", [new ExchangePosition("BTCUSDT", PositionSide.Short, 0.005m, 60_000, 3)], d.Tick()));
        Assert.Equal(before, d.State with { Dedup = before.Dedup }); // reported, never silently rewritten
        var mismatch = Assert.Single(d.Last.OfType<Diagnostic>());
        Assert.Equal((DiagnosticKinds.PositionMismatch, Severity.Error), (mismatch.Kind, mismatch.Severity));
        Assert.Contains("0.005", mismatch.Detail);
    }
}
