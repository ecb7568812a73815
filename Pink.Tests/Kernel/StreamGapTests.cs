using Pink.Core;

namespace Pink.Tests.Kernel;

/// <summary>
/// What a stream gap (a reconnect, a listenKey renewal) leaves behind and the ledger must still get right: an order's
/// fills that only the REST order query reports, as one fill, after an account update showed its first part; a funding
/// payment whose account update never came. Figures: a short of 1,000 FET at 0.2 (fee 0.1).
/// </summary>
public class StreamGapTests
{
    private const string Fet = "FET-USDT";
    private const decimal W0 = 10_000;
    private const decimal W1 = W0 - 0.1m;

    private static Driver OpenShort()
    {
        var d = new Driver();
        d.Balance(W0, "b0", BalanceReason.Poll);
        d.Open(0, Fet, PositionSide.Short, 1_000, "e1", 3, "T1").Ack("e1", 1001);
        d.Apply(Update(d, W1, 1_000));
        d.Fill(1001, Fet, OrderSide.Sell, 1_000, 0.2m, rp: 0, fee: 0.1m, id: "fill:1001:1000");
        return d;
    }

    private static BalanceReport Update(Driver d, decimal wallet, decimal held, BalanceReason reason = BalanceReason.Order, decimal? bc = 0) =>
        new($"au-{d.Now}", wallet, null, reason, d.Tick(), [new ExchangePosition(Fet, PositionSide.Short, held, 0.2m, 3)], bc);

    private static BalanceReport Poll(Driver d, decimal wallet) => new($"poll-{d.Now}", wallet, null, BalanceReason.Poll, d.Tick());

    [Fact]
    public void Partial_fills_at_two_prices_reported_as_one_after_an_update_of_the_first_take_the_updates_own_wallet_move()
    {
        // The exit fills 600 at 0.19 (rp 6, fee 0.057), then 400 at 0.185 (rp 6, fee 0.037). The stream shows the first
        // part's account update, then drops; the order query reports the whole order: 1,000 at 0.188, rp 12, fee 0.094.
        var d = OpenShort();
        d.Close(0, "x1").Ack("x1", 1002);
        var afterFirst = W1 + 6 - 0.057m;
        var afterBoth = afterFirst + 6 - 0.037m;
        d.Apply(Update(d, afterFirst, 400));
        d.Fill(1002, Fet, OrderSide.Buy, 1_000, 0.188m, rp: 12, fee: 0.094m, id: "fill:1002:1000");

        var a = d.State.Account;
        // Pro rata (0.6 of the fill's 11.906) would put 7.1436 in the wallet instead of its own 5.943: capital 1.2 too high.
        Assert.Equal(afterBoth, a.Capital, 9);
        Assert.Equal(afterBoth, a.KLedger, 9);
        Assert.Empty(d.Diagnostics(DiagnosticKinds.LedgerDivergence));
        d.Apply(Poll(d, afterBoth));
        Assert.Equal((afterBoth, afterBoth), (d.State.Account.Capital, d.State.Account.KLedger));
        Assert.Empty(d.Diagnostics(DiagnosticKinds.LedgerDivergence));
    }

    [Fact]
    public void An_update_ahead_of_its_fill_remembers_its_wallet_move_across_a_restart()
    {
        var d = OpenShort();
        d.Close(0, "x1").Ack("x1", 1002);
        d.Apply(Update(d, W1 + 5.943m, 400));
        var lead = Assert.Single(d.State.Account.Ahead);
        Assert.Equal(5.943m, lead.WalletDelta!.Value, 9);
        // The lead survives a restart with its figure.
        var restored = StateDocument.Restore(StateDocument.Save(d.State)).IfLeft(e => throw new Exception(e));
        Assert.Equal(lead, Assert.Single(restored.Account.Ahead));
    }

    [Fact]
    public void Funding_whose_account_update_was_lost_is_booked_from_the_income_history_at_the_next_poll()
    {
        var d = OpenShort();
        var funded = W1 - 0.5m;
        d.Apply(Poll(d, funded));                       // the wallet paid funding; no update of it reached us: held once
        Assert.Equal(W1, d.State.Account.KLedger, 9);
        Assert.Contains(d.Rows<AccountEventRow>(), r => r.Kind == "poll_held");
        d.Apply(new IncomeRecord("5_1_FUNDING", Fet, IncomeKind.FundingFee, -0.5m, d.Tick()));
        d.Apply(Poll(d, funded));

        var a = d.State.Account;
        Assert.Equal((funded, funded, false), (a.Capital, a.KLedger, a.EntriesBlocked));
        Assert.Empty(d.Diagnostics(DiagnosticKinds.LedgerDivergence));
        Assert.Single(d.Diagnostics(DiagnosticKinds.FundingUnstreamed));
        Assert.Equal(-0.5m, d.Trade("T1").Funding, 9);
        Assert.Empty(a.FundingFlows);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Funding_seen_by_the_stream_and_by_the_income_history_is_booked_once_whichever_comes_first(bool streamFirst)
    {
        var d = OpenShort();
        var funded = W1 - 0.5m;
        var update = Update(d, funded, 1_000, BalanceReason.Funding, bc: -0.5m);
        var income = new IncomeRecord("5_1_FUNDING", Fet, IncomeKind.FundingFee, -0.5m, update.TimeMs);
        if (streamFirst) d.Apply(update).Apply(income);
        else d.Apply(income).Apply(update);
        d.Apply(Poll(d, funded));
        d.Apply(new IncomeComplete(d.Now + Pink.Core.Kernel.IncomeSettleMs, d.Tick()));

        var a = d.State.Account;
        Assert.Equal((funded, funded), (a.Capital, a.KLedger));
        Assert.Empty(d.Diagnostics(DiagnosticKinds.LedgerDivergence));
        Assert.Empty(d.Diagnostics(DiagnosticKinds.FundingUnstreamed));
        Assert.Empty(a.FundingFlows);
    }

    [Fact]
    public void Income_funding_that_does_not_explain_a_disagreement_is_not_booked_and_the_disagreement_is_reported()
    {
        var d = OpenShort();
        d.Apply(Poll(d, W1 - 3));
        d.Apply(new IncomeRecord("5_1_FUNDING", Fet, IncomeKind.FundingFee, -0.5m, d.Tick()));
        d.Apply(Poll(d, W1 - 3));
        Assert.Single(d.Diagnostics(DiagnosticKinds.LedgerDivergence));
        Assert.Empty(d.Diagnostics(DiagnosticKinds.FundingUnstreamed));
        Assert.Empty(d.State.Account.FundingFlows);
    }
}
