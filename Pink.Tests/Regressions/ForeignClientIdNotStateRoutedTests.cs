using Pink.Core;
using Pink.Tests.Kernel;

namespace Pink.Tests.Regressions;

/// <summary>
/// Found by the properties "no double settlement", "sizer feedback" and "unresolved events mutate nothing"
/// (Pink.Properties): on a shared account, another runtime's fill that carried its own client order id was taken by
/// state routing for our unacknowledged order of the same instrument and side — closing our trade, even flipping it.
/// State routing exists for fills without a client order id (BingX's stream omits it); a fill that names a client
/// order id we never issued is someone else's, just as a fill with another venue id is never routed to an order that
/// already has one.
/// </summary>
public class ForeignClientIdNotStateRoutedTests
{
    private const string Fet = "FET-USDT";

    [Fact]
    public void Rule7_a_fill_naming_a_client_order_id_we_never_issued_is_unresolved_and_changes_nothing()
    {
        var d = new Driver(new KernelConfig(SeedCapital: 10_000, AccountMode: AccountMode.Shared)); // another runtime trades here
        d.Open(0, Fet, PositionSide.Short, 100, "e1").Ack("e1", 11).Fill(11, Fet, OrderSide.Sell, 100, 1.0m);
        d.Close(0, "x1"); // exit not acknowledged yet: a state-routing candidate
        var before = d.State;
        d.Apply(new Fill(900_001, "other-runtime-7", Fet, OrderSide.Buy, 300, 0.9m, d.Tick(), "ff1"));
        Assert.Same(before, d.State);
        var unresolved = Assert.Single(d.Last.OfType<Diagnostic>());
        Assert.Equal((DiagnosticKinds.UnresolvedSlot, Severity.Warning), (unresolved.Kind, unresolved.Severity));
    }

    [Fact]
    public void Rule6_a_fill_without_a_client_order_id_is_still_routed_by_state()
    {
        var d = new Driver();
        d.Open(0, Fet, PositionSide.Short, 100, "e1").Ack("e1", 11).Fill(11, Fet, OrderSide.Sell, 100, 1.0m);
        d.Close(0, "x1");
        d.Apply(new Fill(12, null, Fet, OrderSide.Buy, 100, 0.9m, d.Tick(), "f12"));
        Assert.Single(d.Diagnostics(DiagnosticKinds.FillRoutedByState));
        Assert.True(d.Trade("t-e1").Closed);
    }
}
