using Pink.Core;

namespace Pink.Tests.Kernel;

/// <summary>Exchange truth 1: what the venue says about our orders in its own way (lower-cased ids, repeats, errors).</summary>
public class VenueEchoTests
{
    private const string Fet = "FET-USDT";

    private static Driver Placed()
    {
        var d = new Driver();
        d.Balance(10_000, "b0", BalanceReason.Poll);
        return d.Open(0, Fet, PositionSide.Short, 1_000, "PK-0-1", 3, "T1");
    }

    [Fact]
    public void An_acknowledgement_with_the_lower_cased_client_id_binds_our_order()
    {
        var d = Placed().Ack("pk-0-1", 1001);
        Assert.Empty(d.Diagnostics(DiagnosticKinds.UnresolvedSlot));
        Assert.Equal(1001, d.State.Orders.Find("PK-0-1").Map(o => o.VenueOrderId).IfNone(() => null));
    }

    [Fact]
    public void A_cancel_naming_the_lower_cased_client_id_ends_our_order()
    {
        var d = Placed().Apply(new OrderCancelled("pk-0-1", null, "CANCELLED", 5));
        Assert.Empty(d.Diagnostics(DiagnosticKinds.UnresolvedSlot));
        Assert.Equal(SlotPhase.Idle, d.Slot(0).Phase);
    }

    [Fact]
    public void An_intent_whose_client_id_differs_only_by_case_is_rejected()
    {
        var d = Placed().Ack("PK-0-1", 1001);
        d.Open(1, "BTC-USDT", PositionSide.Long, 1, "pk-0-1", 1, "T2");
        var rejected = Assert.Single(d.Diagnostics(DiagnosticKinds.IntentRejected));
        Assert.Contains("lower-cases", rejected.Detail);
        Assert.Empty(d.Last.OfType<PlaceOrder>());
    }

    [Fact]
    public void A_report_of_a_cumulative_quantity_already_applied_is_a_duplicate_not_malformed()
    {
        var d = Placed().Ack("PK-0-1", 1001);
        d.Apply(new Fill(1001, null, Fet, OrderSide.Sell, 1_000, 0.2m, d.Tick(), "fill:1001:1000", 1_000, 0.2m));
        var before = d.State;
        // the stream reports the same cumulative quantity after REST did: an increment of 0
        d.Apply(new Fill(1001, null, Fet, OrderSide.Sell, 0, 0.2m, d.Tick(), "otu:1001:1000", 1_000, 0.2m));
        Assert.Equal(DiagnosticKinds.DuplicateIgnored, Assert.Single(d.Last.OfType<Diagnostic>()).Kind);
        Assert.Empty(d.Diagnostics(DiagnosticKinds.MalformedInput));
        Assert.Equal(before.Trades, d.State.Trades);
    }

    [Fact]
    public void An_order_reported_filled_without_its_figures_is_queried()
    {
        var d = Placed().Ack("PK-0-1", 1001);
        d.Apply(new OrderUnclear(1001, null, Fet, "FILLED without a cumulative quantity z", d.Tick()));
        var query = Assert.Single(d.Last.OfType<QueryOrder>());
        Assert.Equal((0, "PK-0-1", 1001L, Fet), (query.Slot, query.ClientOrderId, query.VenueOrderId, query.Symbol));
        Assert.Single(d.Diagnostics(DiagnosticKinds.FillUnreported));
    }

    [Fact]
    public void An_unclear_report_of_an_unknown_order_changes_nothing()
    {
        var d = Placed();
        var before = d.State;
        d.Apply(new OrderUnclear(999, null, Fet, "FILLED without z", d.Tick()));
        Assert.Empty(d.Last.OfType<QueryOrder>());
        Assert.Single(d.Diagnostics(DiagnosticKinds.UnresolvedSlot));
        Assert.Equal(before.Trades, d.State.Trades);
    }

    [Fact]
    public void A_venue_error_is_its_own_diagnostic_not_malformed_input()
    {
        var d = Placed();
        d.Apply(new VenueError("GET /openApi/swap/v2/user/balance", 100410, "rate limited", d.Tick()));
        var diagnostic = Assert.Single(d.Last.OfType<Diagnostic>());
        Assert.Equal((DiagnosticKinds.VenueError, Severity.Warning), (diagnostic.Kind, diagnostic.Severity));
        Assert.Contains("100410", diagnostic.Detail);
    }
}
