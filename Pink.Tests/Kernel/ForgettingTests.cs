using Pink.Core;

namespace Pink.Tests.Kernel;

/// <summary>
/// A state that forgets (Pink.Core/Fold/Forgetting.cs): a closed and settled trade leaves the state with its orders, its
/// ids stay in a bounded window, and a late repeat of its reports books nothing and is never taken for someone else's.
/// </summary>
public class ForgettingTests
{
    private const string Fet = "FET-USDT";

    // One round trip on slot 0: entry e{i} (venue 10_000 + 2i), exit x{i} (venue 10_001 + 2i), rp on the exit unless awaited.
    private static Driver RoundTrip(Driver d, int i, bool rpLater = false)
    {
        long entry = 10_000 + 2 * i, exit = entry + 1;
        d.Open(0, Fet, PositionSide.Long, 100, $"e{i}", 3, $"T{i}").Ack($"e{i}", entry)
            .Fill(entry, Fet, OrderSide.Buy, 100, 0.2m, rp: 0, fee: 0.01m, id: $"f{i}a");
        d.Close(0, $"x{i}").Ack($"x{i}", exit)
            .Fill(exit, Fet, OrderSide.Sell, 100, 0.21m, rp: rpLater ? null : 1, fee: 0.0105m, settle: true, id: $"f{i}b");
        return d;
    }

    [Fact]
    public void A_closed_and_settled_trade_leaves_the_state_in_the_step_that_closes_it_with_its_final_figures()
    {
        var d = RoundTrip(new Driver(new KernelConfig(SlotCount: 1, SeedCapital: 10_000)), 1);
        var gone = Assert.Single(d.Last.OfType<TradeForgotten>());
        Assert.True(gone.Settled);
        Assert.Equal((true, 1m, 0.0205m, PnlSource.Exchange), (gone.Trade!.Closed, gone.Trade.RealizedPnl, gone.Trade.Fees, gone.Trade.PnlSource));
        Assert.Equal(["e1", "x1"], gone.Orders.Map(o => o.ClientOrderId).ToArray());
        // The rows and the feedback said everything before it left.
        Assert.Single(d.Rows<TradeEventRow>(), r => r.TradeId == "T1" && r.Event == "close");
        Assert.Single(d.Effects.OfType<SizerFeedback>());
        Assert.True(d.State.Trades.IsEmpty);
        Assert.True(d.State.Orders.IsEmpty);
        Assert.True(d.State.VenueOrders.IsEmpty);
        Assert.Equal(["t:T1", "c:e1", "v:10002", "c:x1", "v:10003"], d.State.Forgotten.Ids().ToArray());
        Assert.Equal(d.State, StateDocument.Restore(StateDocument.Save(d.State)).IfLeft(e => throw new Exception(e)));
    }

    [Fact]
    public void Late_repeats_of_a_forgotten_trade_book_nothing_and_are_never_an_external_close()
    {
        // A dedicated account: an unknown order reducing a held position would be booked as an external close.
        var d = RoundTrip(new Driver(new KernelConfig(SlotCount: 2, SeedCapital: 10_000)), 1);
        d.Open(1, Fet, PositionSide.Long, 100, "e2", 3, "T2").Ack("e2", 20_000).Fill(20_000, Fet, OrderSide.Buy, 100, 0.2m, rp: 0, fee: 0.01m, id: "g1");
        // T2's exit is working and not acknowledged yet: a fill without a client id would be routed to it by state.
        d.Close(1, "x2");
        var before = d.State;
        // The exit's fill again under another identity (a REST order answer), its settlement, its ack, its cancel.
        d.Apply(new Pink.Core.Fill(10_003, "x1", Fet, OrderSide.Sell, 100, 0.21m, d.Tick(), "fill:10003:100", CumQty: 100,
            Settlement: new ExchangeSettlement(1, 0.0105m)));
        Assert.Contains(d.Last.OfType<Diagnostic>(), x => x.Kind == DiagnosticKinds.ForgottenTrade && x.Severity == Severity.Warning);
        d.Apply(new Pink.Core.Fill(10_003, null, Fet, OrderSide.Sell, 100, 0.21m, d.Tick(), "otu:10003:100"));
        d.Apply(new FillSettled("inc:10003", 10_003, 1, 0.0105m, d.Tick()));
        d.Apply(new OrderAcknowledged("X1", 10_003, d.Tick())); // the venue lower- or upper-cases client ids
        d.Apply(new OrderCancelled("e1", 10_002, "expired", d.Tick()));
        d.Apply(new OrderUnclear(10_003, null, Fet, "FILLED without z", d.Tick()));
        Assert.Equal(6, d.Diagnostics(DiagnosticKinds.ForgottenTrade).Count());
        Assert.Empty(d.Diagnostics(DiagnosticKinds.ExternalClose));
        Assert.Empty(d.Diagnostics(DiagnosticKinds.UnresolvedSlot));
        Assert.Equal(before.Account, d.State.Account);
        Assert.Equal(before.Trades, d.State.Trades); // T2 is untouched: its 100 are still open
        Assert.Equal(100, d.Trade("T2").OpenQty);
        Assert.Equal(0, d.State.Orders["x2"].FilledQty);
        Assert.Empty(d.Diagnostics(DiagnosticKinds.FillRoutedByState));
        var since = d.Effects.IndexOf(d.Effects.OfType<PublishSnapshot>().Last(s => s.Snapshot.EventSeq == before.EventSeq)) + 1;
        Assert.DoesNotContain(d.Effects.Skip(since).OfType<PersistRow>(), r => r.Row is not AnomalyEventRow);
        // An intent that reuses the forgotten ids is refused.
        d.Open(0, Fet, PositionSide.Long, 100, "e9", 3, "T1");
        Assert.Contains(d.Last.OfType<Diagnostic>(), x => x.Kind == DiagnosticKinds.IntentRejected && x.Detail.Contains("already used"));
        d.Open(0, Fet, PositionSide.Long, 100, "E1", 3, "T9");
        Assert.Contains(d.Last.OfType<Diagnostic>(), x => x.Kind == DiagnosticKinds.ForgottenTrade);
        Assert.True(d.State.Trades.Find("T9").IsNone);
    }

    [Fact]
    public void A_trade_whose_exit_rp_is_still_awaited_stays_until_it_comes_then_leaves_with_the_revised_feedback()
    {
        var d = RoundTrip(new Driver(new KernelConfig(SlotCount: 1, SeedCapital: 10_000)), 1, rpLater: true);
        Assert.True(d.Trade("T1").Closed);
        Assert.False(d.Forgot("T1"));
        Assert.Equal(1, d.State.Orders["x1"].AwaitedSettlements);
        d.Apply(new FillSettled("inc:10003:100", 10_003, 1, 0, d.Tick()));
        var gone = Assert.Single(d.Last.OfType<TradeForgotten>());
        Assert.Equal(PnlSource.Exchange, gone.Trade!.PnlSource);
        Assert.Equal(0, gone.Orders.Find(o => o.ClientOrderId == "x1").Map(o => o.AwaitedSettlements).IfNone(-1));
        Assert.True(d.State.Trades.IsEmpty);
    }

    [Fact]
    public void A_price_less_leg_keeps_its_trade_until_the_exchange_repairs_it()
    {
        var d = new Driver(new KernelConfig(SlotCount: 1, SeedCapital: 10_000));
        d.Open(0, Fet, PositionSide.Long, 100, "e1", 3, "T1").Ack("e1", 10_002).Fill(10_002, Fet, OrderSide.Buy, 100, 0.2m, rp: 0, fee: 0.01m, id: "f1");
        d.Close(0, "x1").Ack("x1", 10_003).Fill(10_003, Fet, OrderSide.Sell, 100, 0, settle: true, fee: 0.0105m, id: "f2");
        Assert.False(d.Forgot("T1"));
        d.Apply(new FillSettled("inc:f2", 10_003, 1, 0, d.Tick()));
        Assert.True(d.Forgot("T1"));
        Assert.Equal(1, d.Trade("T1").RealizedPnl);
    }

    [Fact]
    public void With_an_income_history_a_closed_trade_stays_until_the_history_has_passed_it()
    {
        var d = new Driver(new KernelConfig(SlotCount: 1, SeedCapital: 10_000));
        d.Apply(new IncomeComplete(d.Now, d.Tick()));
        RoundTrip(d, 1);
        Assert.False(d.Forgot("T1"));
        var closed = d.Trade("T1").ClosedMs;
        d.Apply(new IncomeComplete(closed + 1, d.Tick()));
        Assert.False(d.Forgot("T1"));
        d.Apply(new IncomeComplete(closed + Pink.Core.Kernel.IncomeSettleMs, d.Tick()));
        Assert.True(d.Forgot("T1"));
    }

    [Fact]
    public void At_most_a_thousand_closed_trades_wait_for_their_figures_the_oldest_beyond_is_forgotten_unsettled()
    {
        var d = new Driver(new KernelConfig(SlotCount: 1, SeedCapital: 10_000));
        for (var i = 0; i < Forgetting.MaxUnsettled + 2; i++) RoundTrip(d, i, rpLater: true);
        var unsettled = d.Diagnostics(DiagnosticKinds.ForgottenUnsettled).ToList();
        Assert.Equal(2, unsettled.Count);
        Assert.Equal(["T0", "T1"], unsettled.Select(x => x.TradeId ?? "").ToArray());
        Assert.Equal(Forgetting.MaxUnsettled, d.State.Trades.Count);
        Assert.All(d.Effects.OfType<TradeForgotten>(), f => Assert.False(f.Settled));
        // Its late settlement is then recognised, never booked.
        var capital = d.State.Account.Capital;
        d.Apply(new FillSettled("inc:late", 10_001, 1, 0, d.Tick()));
        Assert.Single(d.Last.OfType<Diagnostic>(), x => x.Kind == DiagnosticKinds.ForgottenTrade);
        Assert.Equal(capital, d.State.Account.Capital);
    }

    [Fact]
    public void The_window_keeps_the_newest_ids_only()
    {
        var d = new Driver(new KernelConfig(SlotCount: 1, SeedCapital: 10_000, ForgottenMemory: 7));
        RoundTrip(d, 1);
        RoundTrip(d, 2);
        Assert.Equal(["v:10003", "t:T2", "c:e2", "v:10004", "c:x2", "v:10005"], d.State.Forgotten.Ids().Skip(1).ToArray());
        Assert.Equal(7, d.State.Forgotten.Ids().Count());
    }

    [Fact]
    public void The_checkpoint_after_ten_times_as_many_closed_trades_is_the_same_size()
    {
        // A window of 200 ids (40 trades) fills by the 50th trade: after that the document holds what is live and the window.
        static int BytesAfter(int trades)
        {
            var d = new Driver(new KernelConfig(SlotCount: 1, SeedCapital: 10_000, ForgottenMemory: 200, DedupMemory: 100));
            for (var i = 0; i < trades; i++) RoundTrip(d, i);
            Assert.True(d.State.Trades.IsEmpty);
            return StateDocument.SaveBytes(d.State).Length;
        }
        var (n, tenN) = (BytesAfter(60), BytesAfter(600));
        // Only the ids' digits grow (T59 → T599, venue ids likewise).
        Assert.InRange(tenN, n, n * 1.05);
    }
}
