using Pink.Core;
using Pink.Shell.Simulator;

namespace Pink.Tests.Venue;

/// <summary>
/// The whole shell against the simulator: intents → kernel → order gateway → venue → streams and REST → adapter →
/// kernel. The simulator is the exchange; the kernel must end with the exchange's numbers.
/// </summary>
public class EndToEndTests
{
    private const decimal Exact = 0.000000001m;

    /// <summary>
    /// The kernel's realized is its own estimate from fill prices derived from BingX's 8-decimal cumulative averages
    /// (ap); that derivation costs up to ~1e-8 per unit of price, so "equal to rp" means equal to a hundredth of a cent.
    /// </summary>
    private const decimal PriceDerivation = 0.0001m;

    private static OpenIntent Open(int slot, string symbol, PositionSide side, decimal qty, string coid, string trade) =>
        new(slot, symbol, side, qty, 3, coid, trade, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    private static CloseIntent Close(int slot, string coid) => new(slot, coid, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    private static bool Opened(KernelState s, string trade, decimal qty) =>
        s.Trades.Find(trade).Case is Trade t && Math.Abs(t.OpenQty - qty) < 0.000000001m;


    private static async Task RoundTrip(KernelHarness h, BingxSimulator sim, int slot, string symbol, PositionSide side, decimal qty,
        string trade, decimal exitMark)
    {
        h.Submit(Open(slot, symbol, side, qty, $"pk-{slot}-{trade.ToLowerInvariant()}-in", trade));
        await h.Until(s => Opened(s, trade, qty), $"{trade} open");
        sim.SetMark(symbol, exitMark);
        h.Submit(Close(slot, $"pk-{slot}-{trade.ToLowerInvariant()}-out"));
        await h.Until(_ => h.Closed(trade), $"{trade} closed");
    }

    /// <summary>The exchange's own rp of a trade: Σ rp of its orders (exit fills carry it; entries book 0).</summary>
    private static decimal ExchangeRealized(BingxSimulator sim, int slot, string trade) =>
        (decimal)sim.Orders.Where(o => o.ClientOrderId.StartsWith($"pk-{slot}-{trade.ToLowerInvariant()}-", StringComparison.Ordinal))
            .Sum(o => o.RealizedPnl);

    private static decimal ExchangeFees(BingxSimulator sim, int slot, string trade) =>
        (decimal)sim.Orders.Where(o => o.ClientOrderId.StartsWith($"pk-{slot}-{trade.ToLowerInvariant()}-", StringComparison.Ordinal))
            .Sum(o => o.FeesPaid);

    private static async Task CapitalMatchesWallet(KernelHarness h, BingxSimulator sim)
    {
        await h.PollBalanceAsync();
        await h.Idle();
        var wallet = (decimal)sim.Account.WalletBalance;
        Assert.Equal(wallet, h.State.Account.Capital);
        Assert.Equal(CapitalSource.EAnchored, h.State.Account.Source);
        Assert.Empty(h.Diagnostics(DiagnosticKinds.LedgerDivergence));
    }

    private static void TradeMatchesExchange(KernelHarness h, BingxSimulator sim, int slot, string trade, decimal qty)
    {
        var t = h.Trade(trade);
        Assert.Equal(qty, t.EntryQty);   // nothing lost, nothing doubled
        Assert.Equal(qty, t.ExitQty);
        Approx.Near(ExchangeRealized(sim, slot, trade), t.RealizedPnl, PriceDerivation);
        Assert.Empty(h.Diagnostics(DiagnosticKinds.PnlMismatch));
        Assert.Equal(ExchangeFees(sim, slot, trade), t.Fees);
        Assert.Equal(PnlSource.Exchange, t.PnlSource);
    }

    [Fact]
    public async Task A_short_and_a_long_with_partial_fills_end_with_the_exchange_s_wallet_and_rp()
    {
        await using var v = await SimVenue.StartAsync();
        v.Sim.SetFillSlices(3);
        await using var h = await KernelHarness.StartAsync(v, "FET-USDT", "BTC-USDT");
        Assert.Equal(10_000, h.State.Account.Capital);

        await RoundTrip(h, v.Sim, 0, "FETUSDT", PositionSide.Short, 1000, "T1", 0.17m);
        await RoundTrip(h, v.Sim, 1, "BTC-USDT", PositionSide.Long, 0.05m, "T2", 61_000m);

        await CapitalMatchesWallet(h, v.Sim);
        TradeMatchesExchange(h, v.Sim, 0, "T1", 1000);
        TradeMatchesExchange(h, v.Sim, 1, "T2", 0.05m);
        Assert.True(h.Trade("T1").RealizedPnl > 0, $"T1 {h.Trade("T1")}");
        Assert.True(h.Trade("T2").RealizedPnl > 0, $"T2 {h.Trade("T2")}");
        Assert.Equal(12, v.Sim.Orders.Sum(o => o.Fills.Count)); // 4 orders × 3 partial fills
        Assert.Empty(h.Diagnostics(DiagnosticKinds.PnlMismatch));
        Assert.Empty(v.Sim.Positions);
    }

    [Theory]
    [InlineData(EventOrder.AccountFirst, 0, PositionMode.Hedge)]
    [InlineData(EventOrder.OrderFirst, 0, PositionMode.Hedge)]
    [InlineData(EventOrder.Random, 1, PositionMode.Hedge)]
    [InlineData(EventOrder.Random, 7, PositionMode.Hedge)]
    [InlineData(EventOrder.AccountFirst, 0, PositionMode.OneWay)]
    [InlineData(EventOrder.Random, 3, PositionMode.OneWay)]
    public async Task The_ledger_ends_with_the_exchange_s_numbers_whatever_order_the_stream_delivers(EventOrder order, int seed, PositionMode mode)
    {
        await using var v = await SimVenue.StartAsync(new SimulatorOptions(EventOrder: order, EventOrderSeed: seed, PositionMode: mode));
        v.Sim.SetFillSlices(3);
        await using var h = await KernelHarness.StartAsync(v, "FET-USDT", "BTC-USDT");
        await RoundTrip(h, v.Sim, 0, "FET-USDT", PositionSide.Short, 1000, "T1", 0.17m);
        await RoundTrip(h, v.Sim, 1, "BTC-USDT", PositionSide.Long, 0.05m, "T2", 61_000m);
        await CapitalMatchesWallet(h, v.Sim);
        TradeMatchesExchange(h, v.Sim, 0, "T1", 1000);
        TradeMatchesExchange(h, v.Sim, 1, "T2", 0.05m);
        Assert.Empty(h.Diagnostics(DiagnosticKinds.UnresolvedSlot));
        Assert.Empty(h.Diagnostics(DiagnosticKinds.MalformedInput));
        Assert.Empty(v.Sim.Positions);
    }

    [Fact]
    public async Task A_protective_bound_in_p_never_becomes_a_fill_price()
    {
        await using var v = await SimVenue.StartAsync();
        v.Sim.SetFillSlices(2);
        v.Sim.SetProtectivePrice(0.22m);
        await using var h = await KernelHarness.StartAsync(v, "FET-USDT");
        await RoundTrip(h, v.Sim, 0, "FET-USDT", PositionSide.Short, 1000, "T1", 0.17m);
        await CapitalMatchesWallet(h, v.Sim);
        TradeMatchesExchange(h, v.Sim, 0, "T1", 1000);
        Assert.InRange(h.Trade("T1").EntryBasis, 0.1799m, 0.1801m);
    }

    [Fact]
    public async Task A_connection_dropped_mid_trade_is_reconnected_and_reconciled_with_nothing_lost_or_doubled()
    {
        await using var v = await SimVenue.StartAsync();
        v.Sim.SetFillSlices(3);
        await using var h = await KernelHarness.StartAsync(v, "FET-USDT");
        v.Sim.DropUserStreamsAfter(2); // NEW and the first partial fill arrive; the rest of the entry is lost

        h.Submit(Open(0, "FET-USDT", PositionSide.Short, 1000, "pk-0-t1-in", "T1"));
        await h.Until(s => Opened(s, "T1", 1000), "the missed fills recovered through REST");
        await Eventually.True(() => h.Stream.Reconciliations >= 1, "the reconciliation hook completed");
        Assert.Equal(2, v.Sim.UserStreamConnections);
        await CapitalMatchesWallet(h, v.Sim);

        v.Sim.SetMark("FET-USDT", 0.175m);
        h.Submit(Close(0, "pk-0-t1-out"));
        await h.Until(_ => h.Closed("T1"), "T1 closed on the new connection");
        await CapitalMatchesWallet(h, v.Sim);
        TradeMatchesExchange(h, v.Sim, 0, "T1", 1000);
    }

    [Fact]
    public async Task An_expired_listen_key_mid_trade_is_recovered_and_the_close_arrives_on_the_new_stream()
    {
        await using var v = await SimVenue.StartAsync();
        v.Sim.SetFillSlices(2);
        await using var h = await KernelHarness.StartAsync(v, "FET-USDT");
        h.Submit(Open(0, "FET-USDT", PositionSide.Long, 500, "pk-0-t1-in", "T1"));
        await h.Until(s => Opened(s, "T1", 500), "T1 open");

        var key = h.Stream.ListenKey;
        v.Sim.ExpireListenKeys();
        await Eventually.True(() => h.Stream.ListenKey != key && v.Sim.UserStreamsOpen == 1 && h.Stream.Reconciliations >= 1, "a new key and stream");
        await Eventually.True(() => v.Sim.UserStreamConnections >= 2 && v.Sim.UserStreamsOpen == 1, "the venue registered the new stream");

        v.Sim.SetMark("FET-USDT", 0.19m);
        h.Submit(Close(0, "pk-0-t1-out"));
        await h.Until(_ => h.Closed("T1"), "T1 closed");
        await CapitalMatchesWallet(h, v.Sim);
        TradeMatchesExchange(h, v.Sim, 0, "T1", 500);
    }

    [Fact]
    public async Task A_lost_acknowledgement_is_recovered_from_the_stream_s_lower_cased_id_and_reconciliation_doubles_nothing()
    {
        await using var v = await SimVenue.StartAsync();
        await using var h = await KernelHarness.StartAsync(v, "FET-USDT");
        v.Sim.LoseNextOrderAcks();

        h.Submit(Open(0, "FET-USDT", PositionSide.Short, 1000, "PK-0-T1-IN", "T1"));
        await h.Until(s => Opened(s, "T1", 1000), "the fill arrives on the stream; the REST acknowledgement never does");
        await h.Idle();
        Assert.Contains(h.Results, r => r.Outcome == Pink.Shell.Venue.GatewayOutcome.AckLost);
        // The venue's NEW frame echoes our id lower-cased: it binds the order, so the fill is routed by identity.
        Assert.Empty(h.Diagnostics(DiagnosticKinds.FillRoutedByState));
        Assert.Empty(h.Diagnostics(DiagnosticKinds.UnresolvedSlot));

        await h.ReconcileAsync();
        await h.Idle();
        Assert.Equal(1000, h.Trade("T1").EntryQty);

        v.Sim.SetMark("FET-USDT", 0.17m);
        h.Submit(Close(0, "pk-0-t1-out"));
        await h.Until(_ => h.Closed("T1"), "T1 closed");
        await CapitalMatchesWallet(h, v.Sim);
        TradeMatchesExchange(h, v.Sim, 0, "T1", 1000);
    }

    [Fact]
    public async Task A_duplicated_frame_changes_nothing()
    {
        await using var v = await SimVenue.StartAsync();
        v.Sim.SetFillSlices(2);
        await using var h = await KernelHarness.StartAsync(v, "FET-USDT");
        v.Sim.DuplicateNextUserFrames(5); // NEW, TRADE, ACCOUNT_UPDATE, TRADE, ACCOUNT_UPDATE: each twice
        await RoundTrip(h, v.Sim, 0, "FET-USDT", PositionSide.Short, 1000, "T1", 0.17m);
        await CapitalMatchesWallet(h, v.Sim);
        TradeMatchesExchange(h, v.Sim, 0, "T1", 1000);
    }
}
