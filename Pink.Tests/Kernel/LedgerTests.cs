using Pink.Core;

namespace Pink.Tests.Kernel;

/// <summary>Rules 8–15: the ledger of record (seed §3, §5 and golden replays 2 and 3).</summary>
public class LedgerTests
{
    private const string Fet = GoldenReplayTests.Fet;

    [Fact]
    public void Golden2_poisoned_exit_prices_arrive_as_zero_and_the_exchange_rp_repairs_them_to_164()
    {
        var d = GoldenReplayTests.FetShort(3, 0.0m); // the adapter turns the 0.229 protective bound into 0.0
        var t = d.Trade("T1");
        Assert.Equal(0, t.RealizedPnl);
        Assert.True(t.Flags.HasFlag(TradeFlags.RealizedSkippedNoPrice));
        Assert.Equal(PnlSource.KernelEstimate, t.PnlSource);
        d.Apply(new FillSettled("settle-1002", 1002, 164.0m, 78.0m, d.Tick()));
        t = d.Trade("T1");
        Assert.Equal(164.0m, t.RealizedPnl, 9);
        Assert.Equal(PnlSource.Exchange, t.PnlSource);
        Assert.False(t.Flags.HasFlag(TradeFlags.RealizedSkippedNoPrice));
        Assert.All(t.Legs, l => Assert.True(l.Repaired));
        // settled once through the baseline: capital moved by exactly rp − fee
        Assert.Equal(10_000 + 164.0m - 78.0m, d.State.Account.Capital, 9);
        var corrected = d.Effects.OfType<SizerFeedback>().Last();
        Assert.Equal((86.0m, 1), (Math.Round(corrected.Pnl, 9), corrected.Revision));
        // idempotent: the same settlement again changes nothing
        var before = d.State;
        d.Apply(new FillSettled("settle-1002", 1002, 164.0m, 78.0m, d.Tick()));
        Assert.Same(before, d.State);
        Assert.Equal(DiagnosticKinds.DuplicateIgnored, Assert.Single(d.Last.OfType<Diagnostic>()).Kind);
    }

    [Fact]
    public void Golden3_restart_mid_position_settles_only_the_increment()
    {
        var d = new Driver();
        d.Balance(10_000, "b0");
        d.Open(0, Fet, PositionSide.Short, 202_276, "e1", 3, "T1").Ack("e1", 1001).Fill(1001, Fet, OrderSide.Sell, 202_276, 0.1878m);
        d.Close(0, "x1").Ack("x1", 1002).Fill(1002, Fet, OrderSide.Buy, 26_007, 0.1866m);
        var capitalBefore = d.State.Account.Capital;
        Assert.Equal(10_000 + 26_007 * 0.0012m, capitalBefore, 6);

        var restored = StateDocument.Restore(StateDocument.Save(d.State)).IfLeft(e => throw new Exception(e));
        Assert.Equal(d.State, restored);
        var resumed = new Driver();
        typeof(Driver).GetProperty("State")!.SetValue(resumed, restored);
        // reconcile with the exchange: it holds the rest of the short
        resumed.Apply(new PositionsReport("pos-1", [new ExchangePosition("FETUSDT", PositionSide.Short, 176_269, 0.1878m, 3)], d.Tick()));
        // nothing to adopt, nothing re-settled: only the report's id is remembered, so a late repeat is ignored (rule 14)
        Assert.Equal(restored, resumed.State with { Dedup = restored.Dedup });
        Assert.Contains("pos-1", resumed.State.Dedup.Seen);
        Assert.Empty(resumed.Last.OfType<PersistRow>());
        resumed.Fill(1002, Fet, OrderSide.Buy, 176_269, 0.1866m);
        Assert.Equal(10_000 + 202_276 * 0.0012m, resumed.State.Account.Capital, 6);
        var bridges = resumed.Rows<AccountEventRow>().Where(r => r.Kind == "bridge").ToList();
        Assert.Equal(176_269 * 0.0012m, Assert.Single(bridges).RealizedIncrement, 6);
    }

    [Fact]
    public void Rule9_an_anchor_sets_capital_and_source_to_the_wallet()
    {
        var d = new Driver();
        Assert.Equal(CapitalSource.Seed, d.State.Account.Source);
        d.Balance(1234.5m, "b1", BalanceReason.Poll, available: 1000);
        var a = d.State.Account;
        Assert.Equal((1234.5m, CapitalSource.EAnchored, 1234.5m, 1000.0m, 1234.5m), (a.Capital, a.Source, a.EWalletBalance, a.AvailableMargin, a.KLedger));
        var row = Assert.Single(d.Rows<AccountEventRow>());
        Assert.Equal(("anchor", "e_anchored"), (row.Kind, row.CapitalSource));
        var status = Assert.Single(d.Rows<StatusSnapshotRow>());
        Assert.Equal(("e_anchored", 1L), (status.CapitalSource, status.AccountEventSeq));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Rule9_zero_or_negative_balances_are_rejected(int wallet)
    {
        var d = new Driver();
        d.Balance(500, "b0");
        var before = d.State;
        d.Balance(wallet, "b1");
        Assert.Same(before, d.State);
        Assert.Equal(DiagnosticKinds.AnchorRejected, Assert.Single(d.Last.OfType<Diagnostic>()).Kind);
    }

    [Fact]
    public void Rule10_between_anchors_capital_bridges_with_fees_and_an_anchor_then_snaps_exactly()
    {
        var d = new Driver();
        d.Balance(1000, "b0");
        d.Open(0, Fet, PositionSide.Long, 100, "e1").Ack("e1", 11).Fill(11, Fet, OrderSide.Buy, 100, 1.0m, rp: 0, fee: 0.05m);
        d.Close(0, "x1").Ack("x1", 12).Fill(12, Fet, OrderSide.Sell, 100, 1.2m, rp: 20, fee: 0.06m);
        var a = d.State.Account;
        Assert.Equal(CapitalSource.KBridged, a.Source);
        Assert.Equal(1000 + 20 - 0.05m - 0.06m, a.Capital, 9);
        Assert.Equal(0.11m, a.FeesPaid, 9);
        d.Balance(1019.893m, "b1"); // the exchange rounded differently: within tolerance
        Assert.Equal(1019.893m, d.State.Account.Capital);
        Assert.Equal(CapitalSource.EAnchored, d.State.Account.Source);
        Assert.Empty(d.Diagnostics(DiagnosticKinds.LedgerDivergence));
    }

    [Fact]
    public void Rule11_a_divergence_beyond_tolerance_is_reported_with_a_row_and_blocks_entries_until_an_anchor_agrees()
    {
        var d = new Driver();
        d.Balance(1000, "b0").Balance(1100, "b1");
        // A report of the whole wallet that disagrees is held back once (the venue may still be delivering the change)
        Assert.Empty(d.Diagnostics(DiagnosticKinds.LedgerDivergence));
        Assert.Equal(1000, d.State.Account.Capital);
        d.Balance(1100, "b1-again");
        var diag = Assert.Single(d.Diagnostics(DiagnosticKinds.LedgerDivergence));
        Assert.Equal(Severity.Error, diag.Severity);
        Assert.Single(d.Rows<AnomalyEventRow>(), r => r.Kind == DiagnosticKinds.LedgerDivergence);
        Assert.Equal(100, d.Rows<AccountEventRow>().Last().Divergence, 9);
        Assert.True(d.State.Account.EntriesBlocked);
        Assert.Equal(1100, d.State.Account.Capital); // the exchange is the ledger of record
        d.Balance(1100.01m, "b2");
        Assert.False(d.State.Account.EntriesBlocked);
    }

    [Fact]
    public void Rule11_deposits_and_funding_are_explained_flows_not_divergences()
    {
        var d = new Driver();
        d.Balance(1000, "b0").Balance(1500, "dep", BalanceReason.Transfer).Balance(1499.2m, "fund", BalanceReason.Funding);
        Assert.Empty(d.Diagnostics(DiagnosticKinds.LedgerDivergence));
        Assert.Equal(new[] { 0.0m, 500.0m, -0.8m }, d.Rows<AccountEventRow>().Select(r => Math.Round(r.ExternalFlow, 9)));
    }

    [Fact]
    public void Rule13_rp_for_a_priced_leg_sets_the_source_to_exchange_and_a_mismatch_is_an_error_with_the_estimate_kept()
    {
        var ok = new Driver();
        ok.Open(0, Fet, PositionSide.Long, 100, "e1").Ack("e1", 11).Fill(11, Fet, OrderSide.Buy, 100, 1.0m, rp: 0, fee: 0);
        ok.Close(0, "x1").Ack("x1", 12).Fill(12, Fet, OrderSide.Sell, 100, 1.2m, rp: 20.01m, fee: 0);
        Assert.Equal(PnlSource.Exchange, ok.Trade("t-e1").PnlSource);
        Assert.Equal(20, ok.Trade("t-e1").RealizedPnl, 9);
        Assert.Empty(ok.Diagnostics(DiagnosticKinds.PnlMismatch));

        var bad = new Driver();
        bad.Open(0, Fet, PositionSide.Long, 100, "e1").Ack("e1", 11).Fill(11, Fet, OrderSide.Buy, 100, 1.0m);
        bad.Close(0, "x1").Ack("x1", 12).Fill(12, Fet, OrderSide.Sell, 100, 1.2m, rp: 35, fee: 0);
        var mismatch = Assert.Single(bad.Diagnostics(DiagnosticKinds.PnlMismatch));
        Assert.Equal(Severity.Error, mismatch.Severity);
        Assert.Equal(20, bad.Trade("t-e1").RealizedPnl, 9); // never a silent re-book
        Assert.Single(bad.Rows<AnomalyEventRow>(), r => r.Kind == DiagnosticKinds.PnlMismatch);
    }

    [Fact]
    public void Rule14_a_duplicated_exchange_event_changes_nothing()
    {
        var d = new Driver();
        d.Balance(1000, "b0");
        d.Open(0, Fet, PositionSide.Long, 100, "e1").Ack("e1", 11).Fill(11, Fet, OrderSide.Buy, 60, 1.0m, id: "f1");
        var before = d.State;
        d.Fill(11, Fet, OrderSide.Buy, 60, 1.0m, id: "f1").Balance(1000, "b0").Ack("e1", 11);
        Assert.Same(before, d.State);
        Assert.Empty(d.Last.OfType<PersistRow>());
        // a cumulative report at or below what was applied is a duplicate too
        d.Apply(new Fill(11, null, Fet, OrderSide.Buy, 60, 1.0m, d.Tick(), "f1-again", CumQty: 60));
        Assert.Same(before, d.State);
    }

    [Fact]
    public void Rule15_sizer_feedback_is_the_trades_realized_minus_fees_whatever_moves_the_wallet()
    {
        var d = new Driver();
        d.Balance(1000, "b0");
        d.Open(0, Fet, PositionSide.Long, 100, "e1").Ack("e1", 11).Fill(11, Fet, OrderSide.Buy, 100, 1.0m, rp: 0, fee: 0.1m);
        d.Balance(1499.9m, "deposit", BalanceReason.Transfer);           // a deposit mid-trade
        d.Balance(1299.9m, "foreign");                                    // a foreign fill lost 200 on the shared account
        d.Close(0, "x1").Ack("x1", 12).Fill(12, Fet, OrderSide.Sell, 100, 1.5m, rp: 50, fee: 0.2m);
        var feedback = Assert.Single(d.Effects.OfType<SizerFeedback>());
        Assert.Equal(50 - 0.3m, feedback.Pnl, 9);
        Assert.Equal((50.0m, 0.3m), (Math.Round(feedback.Realized, 9), Math.Round(feedback.Fees, 9)));
    }

    [Fact]
    public void Rule12_event_seq_strictly_increases_with_one_snapshot_per_state_changing_event()
    {
        var d = new Driver();
        var seqs = new List<long>();
        void Step(Action a)
        {
            a();
            var snaps = d.Last.OfType<PublishSnapshot>().ToList();
            if (snaps.Count > 0) { Assert.Single(snaps); seqs.Add(snaps[0].Snapshot.EventSeq); Assert.Equal(d.State.EventSeq, snaps[0].Snapshot.EventSeq); }
        }
        Step(() => d.Balance(1000, "b0"));
        Step(() => d.Open(0, Fet, PositionSide.Long, 100, "e1"));
        Step(() => d.Ack("e1", 11));
        Step(() => d.Fill(11, Fet, OrderSide.Buy, 100, 1.0m));
        Step(() => d.Mark(Fet, 1.1m));
        Step(() => d.Fill(99, Fet, OrderSide.Buy, 1, 1)); // unresolved: no snapshot
        Step(() => d.Close(0, "x1"));
        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6 }, seqs);
    }

    [Fact]
    public void Rule8_adoption_seeds_the_baseline_and_flags_the_trade()
    {
        var d = new Driver();
        d.Balance(1000, "b0");
        d.Apply(new PositionsReport("p0", [new ExchangePosition("BTC-USDT", PositionSide.Long, 0.5m, 60_000, 2)], d.Tick()));
        var slot = d.Slot(0);
        Assert.Equal(SlotPhase.Open, slot.Phase);
        var t = d.Trade(slot.TradeId!);
        Assert.True(t.Flags.HasFlag(TradeFlags.Adopted));
        Assert.Equal((0.5m, 60_000.0m), (t.OpenQty, t.EntryBasis));
        Assert.Equal(1000, d.State.Account.Capital);
        Assert.Single(d.Rows<TradeEventRow>(), r => r.Event == "adopted");
        // the same report again is reconciliation, not a second adoption
        var before = d.State;
        d.Apply(new PositionsReport("p1", [new ExchangePosition("BTCUSDT", PositionSide.Long, 0.5m, 60_000, 2)], d.Tick()));
        Assert.Equal(before, d.State with { Dedup = before.Dedup }); // only the report's id is remembered (rule 14)
        Assert.Empty(d.Last);
        // less at the exchange with no order of ours working (exchange truth 2): an inferred exit leg, reported, never a
        // phantom position and never a silent rewrite
        d.Apply(new PositionsReport("p2", [new ExchangePosition("BTCUSDT", PositionSide.Long, 0.4m, 60_000, 2)], d.Tick()));
        Assert.Single(d.Diagnostics(DiagnosticKinds.ExternalClose));
        var reduced = d.Trade(slot.TradeId!);
        Assert.Equal(0.4m, reduced.OpenQty, 12);
        Assert.True(reduced.Flags.HasFlag(TradeFlags.RealizedSkippedNoPrice));
        Assert.Single(reduced.Legs);
    }
}
