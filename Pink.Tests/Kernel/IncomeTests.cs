using Pink.Core;

namespace Pink.Tests.Kernel;

/// <summary>Exchange truth 2: the exchange's income history as an input (Income).</summary>
public class IncomeTests
{
    private const string Fet = "FET-USDT";

    // A short of 1,000 at 0.2 (fee 0.1), closed at 0.19 (rp 10, fee 0.095), all settled by the stream.
    private static Driver Closed()
    {
        var d = new Driver();
        d.Balance(10_000, "b0", BalanceReason.Poll);
        // The account reads its income history from the start: a closed trade then stays until it was compared with it.
        d.Apply(new IncomeComplete(d.Now, d.Tick()));
        d.Open(0, Fet, PositionSide.Short, 1_000, "e1", 3, "T1").Ack("e1", 1001).Fill(1001, Fet, OrderSide.Sell, 1_000, 0.2m, rp: 0, fee: 0.1m, id: "f1");
        d.Close(0, "x1").Ack("x1", 1002).Fill(1002, Fet, OrderSide.Buy, 1_000, 0.19m, rp: 10, fee: 0.095m, id: "f2");
        return d;
    }

    private static IncomeRecord Record(Driver d, string id, IncomeKind kind, decimal amount, long time) => new(id, Fet, kind, amount, time);

    [Fact]
    public void Income_of_a_trade_settled_by_the_stream_is_a_check_never_booked_twice()
    {
        var d = Closed();
        var t = d.Trade("T1");
        var capital = d.State.Account.Capital;
        d.Apply(Record(d, "1_fee", IncomeKind.TradingFee, -0.1m, t.OpenedMs));
        d.Apply(Record(d, "2_fee", IncomeKind.TradingFee, -0.095m, t.ClosedMs));
        d.Apply(Record(d, "2_pnl", IncomeKind.RealizedPnl, 10, t.ClosedMs));
        d.Apply(new IncomeComplete(t.ClosedMs + Pink.Core.Kernel.IncomeSettleMs, d.Tick()));
        t = d.Trade("T1");
        Assert.Equal((10.0m, 0.195m, true), (t.IncomeRealized, Math.Round(t.IncomeFees, 9), t.IncomeChecked));
        Assert.Equal(10, t.RealizedPnl, 9); // not doubled
        Assert.Equal(capital, d.State.Account.Capital);
        Assert.Empty(d.Diagnostics(DiagnosticKinds.IncomeMismatch));
        // the same records again: once by tranId
        var before = d.State;
        d.Apply(Record(d, "2_pnl", IncomeKind.RealizedPnl, 10, t.ClosedMs));
        Assert.Equal(before.Trades, d.State.Trades);
        // Compared with the history, the trade was settled in every sense: the state forgot it.
        Assert.True(d.Forgot("T1"));
        Assert.True(d.State.Trades.IsEmpty);
    }

    [Fact]
    public void A_closed_trade_that_disagrees_with_the_income_history_is_reported()
    {
        var d = Closed();
        var t = d.Trade("T1");
        d.Apply(Record(d, "2_pnl", IncomeKind.RealizedPnl, 14, t.ClosedMs)); // 4 beyond fees + slippage
        d.Apply(Record(d, "2_fee", IncomeKind.TradingFee, -0.095m, t.ClosedMs));
        d.Apply(new IncomeComplete(t.ClosedMs + Pink.Core.Kernel.IncomeSettleMs, d.Tick()));
        var mismatch = Assert.Single(d.Diagnostics(DiagnosticKinds.IncomeMismatch));
        Assert.Equal(Severity.Error, mismatch.Severity);
        Assert.Single(d.Rows<AnomalyEventRow>(), r => r.Kind == DiagnosticKinds.IncomeMismatch);
        d.Apply(new IncomeComplete(t.ClosedMs + Pink.Core.Kernel.IncomeSettleMs + 1, d.Tick()));
        Assert.Single(d.Diagnostics(DiagnosticKinds.IncomeMismatch)); // reported once
    }

    [Fact]
    public void Funding_is_reported_per_open_trade_and_never_reaches_sizer_feedback()
    {
        var d = new Driver();
        d.Balance(10_000, "b0", BalanceReason.Poll);
        d.Open(0, Fet, PositionSide.Short, 1_000, "e1", 3, "T1").Ack("e1", 1001).Fill(1001, Fet, OrderSide.Sell, 1_000, 0.2m, rp: 0, fee: 0.1m, id: "f1");
        d.Apply(Record(d, "fund-1", IncomeKind.FundingFee, 0.02m, d.Tick()));
        d.Close(0, "x1").Ack("x1", 1002).Fill(1002, Fet, OrderSide.Buy, 1_000, 0.19m, rp: 10, fee: 0.095m, id: "f2");
        Assert.Equal(0.02m, d.Trade("T1").Funding, 12);
        Assert.Equal(10 - 0.195m, Assert.Single(d.Effects.OfType<SizerFeedback>()).Pnl, 9);
    }

    [Fact]
    public void An_inferred_exit_is_repaired_from_the_income_history_and_no_divergence_is_raised()
    {
        var d = new Driver();
        d.Balance(10_000, "b0", BalanceReason.Poll);
        d.Open(0, Fet, PositionSide.Short, 1_000, "e1", 3, "T1").Ack("e1", 1001).Fill(1001, Fet, OrderSide.Sell, 1_000, 0.2m, rp: 0, fee: 0.1m, id: "f1");
        var stopTime = d.Tick();
        // a stop closed it with no order update: only the positions report and the income history show it
        d.Apply(new PositionsReport("pos-1", [], d.Tick()));
        Assert.Single(d.State.Account.UnknownLegs);
        d.Balance(9_999.9m + 10 - 0.095m, "poll-1", BalanceReason.Poll); // capital anchors; the check waits for the leg
        Assert.Empty(d.Diagnostics(DiagnosticKinds.LedgerDivergence));
        d.Apply(Record(d, "s_pnl", IncomeKind.RealizedPnl, 10, stopTime));
        d.Apply(Record(d, "s_fee", IncomeKind.TradingFee, -0.095m, stopTime));
        d.Apply(Record(d, "e_fee", IncomeKind.TradingFee, -0.1m, d.Trade("T1").OpenedMs));
        d.Apply(new IncomeComplete(d.Now + Pink.Core.Kernel.IncomeSettleMs, d.Tick()));
        var t = d.Trade("T1");
        Assert.Equal((10.0m, PnlSource.Exchange), (Math.Round(t.RealizedPnl, 9), t.PnlSource));
        Assert.False(t.Flags.HasFlag(TradeFlags.RealizedSkippedNoPrice));
        Assert.Empty(d.State.Account.UnknownLegs);
        Assert.Equal(d.State.Account.Capital, d.State.Account.KLedger, 9);
        Assert.Empty(d.Diagnostics(DiagnosticKinds.LedgerDivergence));
        Assert.Empty(d.Diagnostics(DiagnosticKinds.IncomeMismatch));
        Assert.Equal(1, d.Effects.OfType<SizerFeedback>().Last().Revision);
    }

    [Fact]
    public void An_income_record_no_single_trade_held_is_unattributed()
    {
        var d = Closed();
        d.Apply(new IncomeRecord("x", "BTC-USDT", IncomeKind.RealizedPnl, 5, d.Tick()));
        Assert.Single(d.Diagnostics(DiagnosticKinds.IncomeUnattributed));
    }
}
