using Pink.Core;
using Pink.Shell.Simulator;

namespace Pink.Tests.Venue;

/// <summary>
/// Exchange truth 2, end to end: the venue closes our positions itself — liquidation, ADL, an exchange-side stop with
/// and without a stream event, a close from the web UI — and the ledger still ends with the exchange's numbers, the
/// slot free, no phantom position.
/// </summary>
public class ExternalCloseEndToEndTests
{
    private static OpenIntent Open(int slot, string symbol, PositionSide side, decimal qty, string coid, string trade) =>
        new(slot, symbol, side, qty, 2, coid, trade, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    private static async Task<(SimVenue Venue, KernelHarness Harness)> Opened(EventOrder order = EventOrder.AccountFirst,
        PositionMode mode = PositionMode.Hedge, PositionSide side = PositionSide.Short)
    {
        var v = await SimVenue.StartAsync(new SimulatorOptions(EventOrder: order, PositionMode: mode));
        v.Sim.SetFillSlices(2);
        var h = await KernelHarness.StartAsync(v, "FET-USDT");
        h.Submit(Open(0, "FET-USDT", side, 1000, "pk-0-t1-in", "T1"));
        await h.Until(s => s.Trades.Find("T1").Case is Trade { OpenQty: 1000 }, "T1 open");
        await h.Idle();
        return (v, h);
    }

    private static async Task EndsWithTheExchange(KernelHarness h, BingxSimulator sim)
    {
        await h.Until(_ => h.Closed("T1"), "T1 closed by the exchange");
        await h.Idle();
        await h.PollBalanceAsync();
        await h.Idle();
        Assert.Equal((decimal)sim.Account.WalletBalance, h.State.Account.Capital);
        Assert.Equal(CapitalSource.EAnchored, h.State.Account.Source);
        Assert.Empty(h.Diagnostics(DiagnosticKinds.LedgerDivergence));
        Assert.Empty(h.Diagnostics(DiagnosticKinds.EntryRefused));
        var t = h.Trade("T1");
        var venue = sim.Orders.Where(o => o.Symbol == "FET-USDT").ToList();
        Assert.Equal((decimal)venue.Sum(o => o.RealizedPnl), t.RealizedPnl);
        Assert.Equal((decimal)venue.Sum(o => o.FeesPaid), t.Fees);
        Assert.True(t.Flags.HasFlag(TradeFlags.ExternalClose));
        Assert.NotEmpty(h.Diagnostics(DiagnosticKinds.ExternalClose));
        Assert.Equal(SlotPhase.Idle, h.State.Slots[0].Phase);
        Assert.Empty(sim.Positions);
    }

    [Theory]
    [InlineData(EventOrder.AccountFirst, PositionMode.Hedge)]
    [InlineData(EventOrder.OrderFirst, PositionMode.Hedge)]
    [InlineData(EventOrder.Random, PositionMode.OneWay)]
    public async Task A_liquidation_closes_our_trade_with_the_exchange_s_loss(EventOrder order, PositionMode mode)
    {
        var (v, h) = await Opened(order, mode);
        await using (v)
        await using (h)
        {
            v.Sim.SetMark("FET-USDT", 0.2m);
            v.Sim.Liquidate("FET-USDT", mode == PositionMode.OneWay ? "BOTH" : "SHORT");
            await EndsWithTheExchange(h, v.Sim);
            Assert.True(h.Trade("T1").RealizedPnl < 0);
            Assert.Single(h.Effects.OfType<SizerFeedback>(), f => f.TradeId == "T1");
        }
    }

    [Fact]
    public async Task An_adl_reduces_our_trade_and_the_rest_stays_ours()
    {
        var (v, h) = await Opened();
        await using (v)
        await using (h)
        {
            v.Sim.AutoDeleverage("FET-USDT", "SHORT", 400m, 0.19m);
            await h.Until(s => s.Trades.Find("T1").Case is Trade { OpenQty: 600 }, "T1 reduced by 400");
            await h.Idle();
            Assert.False(h.Trade("T1").Closed);
            Assert.Empty(h.Diagnostics(DiagnosticKinds.UnresolvedSlot));
        }
    }

    [Fact]
    public async Task An_exchange_side_stop_that_triggers_closes_our_trade()
    {
        var (v, h) = await Opened(side: PositionSide.Long);
        await using (v)
        await using (h)
        {
            v.Sim.PlaceExchangeStop("FET-USDT", "LONG", "STOP_MARKET", 0.17m);
            v.Sim.SetMark("FET-USDT", 0.169m);
            await EndsWithTheExchange(h, v.Sim);
        }
    }

    [Fact]
    public async Task A_stop_that_fills_without_any_order_update_is_found_by_reconciliation_and_repaired()
    {
        var (v, h) = await Opened(side: PositionSide.Long);
        await using (v)
        await using (h)
        {
            v.Sim.SilentTriggers();
            v.Sim.PlaceExchangeStop("FET-USDT", "LONG", "STOP_MARKET", 0.17m);
            v.Sim.SetMark("FET-USDT", 0.169m);
            await h.Idle();
            // Only the account update came; the position is gone at the exchange. Reconciliation (positions, balance)
            // books an inferred exit instead of keeping a phantom position.
            await h.ReconcileAsync(income: true);
            await h.Idle();
            var t = h.Trade("T1");
            Assert.True(t.Closed);
            Assert.True(t.Flags.HasFlag(TradeFlags.ExternalClose));
            Assert.Equal(SlotPhase.Idle, h.State.Slots[0].Phase);
            Assert.Empty(h.Diagnostics(DiagnosticKinds.PositionMismatch));
            // the income history repaired the inferred leg with the exchange's own figures
            var venue = v.Sim.Orders.Where(o => o.Symbol == "FET-USDT").ToList();
            Assert.Equal((decimal)venue.Sum(o => o.RealizedPnl), t.RealizedPnl);
            Assert.Equal((decimal)venue.Sum(o => o.FeesPaid), t.Fees);
            Assert.Equal(PnlSource.Exchange, t.PnlSource);
            Assert.Empty(h.Diagnostics(DiagnosticKinds.IncomeMismatch));
            await h.PollBalanceAsync();
            await h.Idle();
            Assert.Equal((decimal)v.Sim.Account.WalletBalance, h.State.Account.Capital);
            Assert.Empty(h.Diagnostics(DiagnosticKinds.LedgerDivergence));
        }
    }

    [Fact]
    public async Task A_close_from_the_web_ui_is_booked_to_our_trade()
    {
        var (v, h) = await Opened(side: PositionSide.Long);
        await using (v)
        await using (h)
        {
            v.Sim.SetMark("FET-USDT", 0.19m);
            v.Sim.CloseFromWebUi("FET-USDT", "LONG");
            await EndsWithTheExchange(h, v.Sim);
            Assert.True(h.Trade("T1").RealizedPnl > 0);
        }
    }

    [Fact]
    public async Task On_a_shared_account_a_liquidation_is_found_by_the_positions_report_not_taken_from_the_fill()
    {
        var v = await SimVenue.StartAsync();
        await using (v)
        {
            await using var h = await KernelHarness.StartAsync(v, new KernelConfig(SlotCount: 4, SeedCapital: 0, AccountMode: AccountMode.Shared), "FET-USDT");
            h.Submit(Open(0, "FET-USDT", PositionSide.Short, 1000, "pk-0-t1-in", "T1"));
            await h.Until(s => s.Trades.Find("T1").Case is Trade { OpenQty: 1000 }, "T1 open");
            v.Sim.Liquidate("FET-USDT", "SHORT", 0.2m);
            // someone else's fill, as far as a shared account knows
            await Eventually.True(() => h.Diagnostics(DiagnosticKinds.UnresolvedSlot).Any(), "the liquidation's fill arrived and was not ours");
            await h.Idle();
            Assert.False(h.Trade("T1").Closed);
            await h.ReconcileAsync();
            await h.Idle();
            Assert.True(h.Trade("T1").Closed); // inferred from the positions report: never a phantom position
        }
    }
}
