using Pink.Core;

namespace Pink.Tests.Kernel;

/// <summary>
/// Exchange truth 1: the same ledger whatever order a fill and its account update arrive in (Coverage, Anchors).
/// Figures: a short of 1,000 FET at 0.2 (fee 0.1), closed at 0.19 (rp +10, fee 0.095).
/// </summary>
public class AnchoringOrderTests
{
    private const string Fet = "FET-USDT";
    private const decimal W0 = 10_000;
    private const decimal W1 = W0 - 0.1m;          // after the entry's fee
    private const decimal W2 = W1 + 10 - 0.095m;   // after the exit's rp and fee

    private static BalanceReport Update(Driver d, decimal wallet, decimal held, PositionSide side = PositionSide.Short, string symbol = Fet, bool oneWay = false) =>
        new($"au-{d.Now}", wallet, null, BalanceReason.Order, d.Tick(),
            [new ExchangePosition(symbol, side, held, 0.2m, 3, oneWay)], 0);

    private static Driver Opened()
    {
        var d = new Driver();
        d.Balance(W0, "b0", BalanceReason.Poll);
        return d.Open(0, Fet, PositionSide.Short, 1_000, "e1", 3, "T1").Ack("e1", 1001);
    }

    private static Driver EntryFill(Driver d) => d.Fill(1001, Fet, OrderSide.Sell, 1_000, 0.2m, rp: 0, fee: 0.1m, id: "fill:1001:1000");
    private static Driver ExitFill(Driver d) => d.Fill(1002, Fet, OrderSide.Buy, 1_000, 0.19m, rp: 10, fee: 0.095m, id: "fill:1002:1000");

    private static Driver RoundTrip(bool accountFirst, bool restartBetween = false)
    {
        var d = Opened();
        if (accountFirst) d.Apply(Update(d, W1, 1_000));
        if (restartBetween) d = Restarted(d);
        EntryFill(d);
        if (!accountFirst) d.Apply(Update(d, W1, 1_000));
        d.Close(0, "x1").Ack("x1", 1002);
        if (accountFirst) d.Apply(Update(d, W2, 0));
        if (restartBetween) d = Restarted(d);
        ExitFill(d);
        if (!accountFirst) d.Apply(Update(d, W2, 0));
        return d;
    }

    private static Driver Restarted(Driver d)
    {
        var restored = StateDocument.Restore(StateDocument.Save(d.State)).IfLeft(e => throw new Exception(e));
        var resumed = new Driver();
        typeof(Driver).GetProperty("State")!.SetValue(resumed, restored);
        for (var i = 0; i < 100; i++) resumed.Tick();
        return resumed;
    }

    [Fact]
    public void Account_update_before_its_fill_leaves_capital_at_the_wallet_and_raises_no_divergence()
    {
        var d = RoundTrip(accountFirst: true);
        var a = d.State.Account;
        Assert.Equal((W2, W2, CapitalSource.EAnchored, false), (a.Capital, a.KLedger, a.Source, a.EntriesBlocked));
        Assert.Empty(d.Diagnostics(DiagnosticKinds.LedgerDivergence));
        Assert.Equal(10, d.Trade("T1").RealizedPnl, 9);
        // the fills already in the wallet moved the K-ledger, not capital: their rows say so
        Assert.Equal(2, d.Rows<AccountEventRow>().Count(r => r.Kind == "in_wallet"));
        Assert.DoesNotContain(d.Rows<AccountEventRow>(), r => r.Kind == "bridge");
    }

    [Fact]
    public void Account_first_and_order_first_give_the_same_ledger_rows_and_diagnostics()
    {
        var first = RoundTrip(accountFirst: true);
        var second = RoundTrip(accountFirst: false);
        Assert.Equal(second.State.Account.Capital, first.State.Account.Capital, 9);
        Assert.Equal(second.State.Account.KLedger, first.State.Account.KLedger, 9);
        Assert.Equal(second.State.Account.FeesPaid, first.State.Account.FeesPaid, 9);
        Assert.Equal(second.Trade("T1") with { OpenedMs = 0, ClosedMs = 0, Legs = default, EntryTimes = default },
            first.Trade("T1") with { OpenedMs = 0, ClosedMs = 0, Legs = default, EntryTimes = default }); // times differ by construction
        foreach (var table in Tables.All)
            Assert.Equal(second.Effects.OfType<PersistRow>().Count(r => r.Row.Table == table), first.Effects.OfType<PersistRow>().Count(r => r.Row.Table == table));
        Assert.Equal(Kinds(second), Kinds(first));
    }

    [Fact]
    public void Restart_between_an_account_update_and_its_fill_keeps_the_outcome()
    {
        var straight = RoundTrip(accountFirst: true);
        var restarted = RoundTrip(accountFirst: true, restartBetween: true);
        Assert.Equal(straight.State.Account with { Unconfirmed = default, Ahead = default }, restarted.State.Account with { Unconfirmed = default, Ahead = default });
        Assert.Empty(restarted.Diagnostics(DiagnosticKinds.LedgerDivergence));
    }

    [Fact]
    public void Fills_ahead_of_their_account_updates_are_confirmed_oldest_first()
    {
        var d = Opened();
        d.Fill(1001, Fet, OrderSide.Sell, 400, 0.2m, rp: 0, fee: 0.04m, id: "f1");
        d.Fill(1001, Fet, OrderSide.Sell, 600, 0.2m, rp: 0, fee: 0.06m, id: "f2");
        Assert.Equal(W0 - 0.1m, d.State.Account.Capital, 9);
        d.Apply(Update(d, W0 - 0.04m, 400)); // the first fill's update: the second is not in this wallet
        Assert.Equal((W0 - 0.1m, CapitalSource.KBridged), (Math.Round(d.State.Account.Capital, 9), d.State.Account.Source));
        d.Apply(Update(d, W0 - 0.1m, 1_000));
        Assert.Equal((W0 - 0.1m, CapitalSource.EAnchored), (d.State.Account.Capital, d.State.Account.Source));
        Assert.Empty(d.Diagnostics(DiagnosticKinds.LedgerDivergence));
    }

    [Fact]
    public void One_way_account_update_with_a_signed_amount_confirms_the_net_position()
    {
        var d = Opened();
        d.Apply(Update(d, W1, 1_000, PositionSide.Short, oneWay: true)); // ps BOTH, pa −1000
        Assert.True(d.State.Account.CheckPending);
        EntryFill(d);
        Assert.Equal((W1, W1, false), (d.State.Account.Capital, d.State.Account.KLedger, d.State.Account.CheckPending));
        Assert.Empty(d.Diagnostics(DiagnosticKinds.LedgerDivergence));
    }

    [Fact]
    public void A_poll_while_an_order_is_working_is_not_taken()
    {
        var d = Opened();
        var before = d.State;
        d.Balance(W1, "poll-1", BalanceReason.Poll); // the entry may have filled: the balance cannot be placed
        Assert.Equal(before.Account, d.State.Account);
        EntryFill(d);
        d.Balance(W1, "poll-2", BalanceReason.Poll); // at rest: taken and compared
        Assert.Equal((W1, CapitalSource.EAnchored), (d.State.Account.Capital, d.State.Account.Source));
        Assert.Empty(d.Diagnostics(DiagnosticKinds.LedgerDivergence));
    }

    [Fact]
    public void An_account_update_overtaken_by_a_poll_moves_nothing()
    {
        var d = Opened();
        d.Fill(1001, Fet, OrderSide.Sell, 400, 0.2m, rp: 0, fee: 0.04m, id: "f1");
        d.Fill(1001, Fet, OrderSide.Sell, 600, 0.2m, rp: 0, fee: 0.06m, id: "f2");
        d.Balance(W1, "poll", BalanceReason.Poll);
        var capital = d.State.Account.Capital;
        d.Apply(Update(d, W0 - 0.04m, 400)); // older than the poll
        Assert.Equal(capital, d.State.Account.Capital);
        d.Apply(Update(d, W1, 1_000));
        Assert.Equal((W1, W1), (d.State.Account.Capital, d.State.Account.EWalletBalance));
        Assert.Empty(d.Diagnostics(DiagnosticKinds.LedgerDivergence));
    }

    [Fact]
    public void A_position_change_no_order_of_ours_explains_never_defers_the_check_on_a_shared_account()
    {
        var d = new Driver(new KernelConfig(SeedCapital: 10_000, AccountMode: AccountMode.Shared));
        d.Balance(W0, "b0", BalanceReason.Poll);
        d.Open(0, Fet, PositionSide.Short, 1_000, "e1", 3, "T1").Ack("e1", 1001);
        EntryFill(d);
        d.Apply(Update(d, W1, 1_000));
        // the venue closed the short itself: on a shared account nothing of ours can explain it
        d.Apply(Update(d, W1 - 50, 0));
        Assert.False(d.State.Account.CheckPending);
        Assert.Single(d.Diagnostics(DiagnosticKinds.LedgerDivergence));
        Assert.True(d.State.Account.EntriesBlocked);
    }

    [Fact]
    public void On_a_dedicated_account_an_exchange_close_shown_first_waits_for_its_fill()
    {
        var d = Opened();
        EntryFill(d);
        d.Apply(Update(d, W1, 1_000));
        d.Apply(Update(d, W1 - 50 - 0.125m, 0)); // liquidated at 0.25: rp −50, fee 0.125; its order update comes next
        Assert.True(d.State.Account.CheckPending);
        d.Fill(777, Fet, OrderSide.Buy, 1_000, 0.25m, rp: -50, fee: 0.125m, id: "fill:777:1000");
        var a = d.State.Account;
        Assert.Equal((W1 - 50.125m, W1 - 50.125m, false, false), (Math.Round(a.Capital, 9), Math.Round(a.KLedger, 9), a.CheckPending, a.EntriesBlocked));
        Assert.Empty(d.Diagnostics(DiagnosticKinds.LedgerDivergence));
        Assert.True(d.Trade("T1").Closed);
    }

    [Fact]
    public void A_flow_with_its_own_amount_confirms_the_fills_its_balance_contains()
    {
        var d = Opened();
        EntryFill(d); // no account update of this fill reaches us
        d.Apply(new BalanceReport("funding-1", W1 - 0.5m, null, BalanceReason.Funding, d.Tick(), BalanceChange: -0.5m));
        Assert.Equal((W1 - 0.5m, CapitalSource.EAnchored), (d.State.Account.Capital, d.State.Account.Source));
        Assert.Empty(d.State.Account.Unconfirmed);
    }

    [Fact]
    public void Capital_never_counts_a_fill_twice_in_the_incident_order()
    {
        // Seed §0 in account-first order: before this rule each late fill's realized − fee was bridged on top of a
        // wallet that already held it (capital 10,399.94 against a wallet of 10,204.87).
        var d = RoundTrip(accountFirst: true);
        Assert.Equal(d.State.Account.EWalletBalance, d.State.Account.Capital);
        d.Open(0, Fet, PositionSide.Long, 10, "e2", 1, "T2");
        Assert.Empty(d.Diagnostics(DiagnosticKinds.EntryRefused));
    }

    [Fact]
    public void An_account_update_with_an_empty_position_list_is_a_report_of_the_whole_wallet()
    {
        var d = Opened();
        EntryFill(d);
        d.Apply(new BalanceReport("au-empty", W1, null, BalanceReason.Order, d.Tick(), [], 0));
        Assert.Equal((W1, CapitalSource.EAnchored), (d.State.Account.Capital, d.State.Account.Source)); // the fee counted once
    }

    [Fact]
    public void A_position_we_do_not_hold_moving_back_and_forth_keeps_one_netted_lead()
    {
        var d = new Driver(new KernelConfig(SeedCapital: 10_000, AccountMode: AccountMode.Shared));
        d.Balance(W0, "b0", BalanceReason.Poll);
        for (var i = 0; i < 200; i++)
            d.Apply(Update(d, W0, i % 2 == 0 ? 50 : 0, PositionSide.Long, "ETH-USDT")); // another runtime's position
        Assert.True(d.State.Account.Ahead.Count <= 1, $"{d.State.Account.Ahead.Count} leads");
        Assert.Empty(d.Diagnostics(DiagnosticKinds.LedgerDivergence));
    }

    private static List<string> Kinds(Driver d) => d.Effects.OfType<Diagnostic>().Select(x => x.Kind).OrderBy(k => k, StringComparer.Ordinal).ToList();
}
