using Pink.Core;
using Pink.Tests.Kernel;

namespace Pink.Tests.Regressions;

/// <summary>
/// Found by the property "exactly one row per logical event per table" (Pink.Properties): a price-less exit fill that
/// came with its own exchange settlement wrote two trade_exit_legs rows with the same identity (event_seq and
/// trade:leg key) — the skipped estimate and the repair. A sink that recognises retried inserts by identity keeps the
/// first, so the table showed the unrepaired 0 with realized_skipped_no_price instead of the exchange's `rp`.
/// </summary>
public class RepairedLegRowOnceTests
{
    private const string Fet = "FET-USDT";

    [Fact]
    public void Rule17_a_price_less_exit_leg_repaired_by_its_own_settlement_writes_one_leg_row_with_the_exchange_figure()
    {
        var d = new Driver();
        d.Open(0, Fet, PositionSide.Long, 100, "e1").Ack("e1", 11).Fill(11, Fet, OrderSide.Buy, 100, 1.0m);
        d.Close(0, "x1").Ack("x1", 12).Fill(12, Fet, OrderSide.Sell, 100, 0.0m, rp: 20, fee: 0.1m);
        var leg = Assert.Single(d.Last.OfType<PersistRow>().Select(r => r.Row).OfType<TradeExitLegRow>());
        Assert.Equal(("exchange", 20.0m, ""), (leg.PnlSource, leg.RealizedPnl, leg.Flags));
        Assert.Equal(20.0m, d.Trade("t-e1").RealizedPnl, 9);
    }

    [Fact]
    public void Rule17_a_priced_exit_leg_confirmed_by_its_own_rp_writes_one_row_with_the_estimate_and_source_exchange()
    {
        var d = new Driver();
        d.Open(0, Fet, PositionSide.Long, 100, "e1").Ack("e1", 11).Fill(11, Fet, OrderSide.Buy, 100, 1.0m);
        d.Close(0, "x1").Ack("x1", 12).Fill(12, Fet, OrderSide.Sell, 100, 1.2m, rp: 20, fee: 0.1m);
        var leg = Assert.Single(d.Last.OfType<PersistRow>().Select(r => r.Row).OfType<TradeExitLegRow>());
        // Rule 13: the estimate stays booked; the exchange's rp within tolerance makes its provenance exchange,
        // as it does for the trade.
        Assert.Equal(("exchange", 20.0m), (leg.PnlSource, Math.Round(leg.RealizedPnl, 9)));
    }
}
