using Pink.Core;
using Pink.Tests.Kernel;

namespace Pink.Tests.Regressions;

/// <summary>
/// Found by the property "idempotence of duplicated exchange events" (Pink.Properties): a balance report or positions
/// report that changed nothing when it arrived (same balance, nothing to adopt) was not remembered, so when the
/// exchange delivered it again later — after the account had moved — it was applied as new: capital snapped back to
/// a stale balance (and a false divergence blocked entries), or a position closed since was adopted again.
/// </summary>
public class StaleDuplicateReportTests
{
    private const string Fet = "FET-USDT";

    [Fact]
    public void Rule14_a_balance_report_that_changed_nothing_is_still_remembered_so_a_late_repeat_changes_nothing()
    {
        var d = new Driver();
        d.Balance(1000, "b0").Balance(1000, "b1", BalanceReason.Poll).Balance(1500, "deposit", BalanceReason.Transfer);
        var before = d.State;
        d.Balance(1000, "b1", BalanceReason.Poll); // the poll frame delivered again
        Assert.Equal(1500, d.State.Account.Capital);
        Assert.Same(before, d.State);
        Assert.Equal(DiagnosticKinds.DuplicateIgnored, Assert.Single(d.Last.OfType<Diagnostic>()).Kind);
    }

    [Fact]
    public void Rule14_a_positions_report_that_changed_nothing_is_still_remembered_so_a_late_repeat_adopts_nothing()
    {
        var d = new Driver();
        d.Open(0, Fet, PositionSide.Long, 100, "e1").Ack("e1", 11).Fill(11, Fet, OrderSide.Buy, 100, 1.0m);
        var reconciled = d.State;
        var report = new PositionsReport("p1", [new ExchangePosition("FETUSDT", PositionSide.Long, 100, 1.0m, 3)], d.Tick());
        d.Apply(report);
        Assert.Equal(reconciled.EventSeq, d.State.EventSeq); // nothing to adopt: no event_seq, no rows
        Assert.Empty(d.Last);
        d.Close(0, "x1").Ack("x1", 12).Fill(12, Fet, OrderSide.Sell, 100, 1.1m);
        var closed = d.State;
        d.Apply(report); // the same report delivered again, after the position was closed
        Assert.Same(closed, d.State);
        Assert.Equal(DiagnosticKinds.DuplicateIgnored, Assert.Single(d.Last.OfType<Diagnostic>()).Kind);
        Assert.All(d.State.Slots, s => Assert.Equal(SlotPhase.Idle, s.Phase));
    }
}
