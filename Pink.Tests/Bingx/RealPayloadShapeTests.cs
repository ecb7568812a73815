using System.Text.Json;
using Pink.Core;
using Pink.Core.Bingx;

namespace Pink.Tests.Bingx;

/// <summary>
/// Exchange truth 1: payload shapes seen in captured BingX traffic and other clients (bingx-api-facts.md §6), each
/// read right — through the adapter and, where it matters, into the kernel.
/// </summary>
public class RealPayloadShapeTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    /// <summary>A kernel holding an entry order PK-0-1 (venue id 42) for 300 FET long, fed through the adapter.</summary>
    private sealed class Session
    {
        public KernelState State = Pink.Core.Kernel.Initial(new KernelConfig(SeedCapital: 1_000));
        public List<Effect> Effects { get; } = new();

        public Session(bool acknowledged = true)
        {
            Apply(new BalanceReport("b0", 1_000, null, BalanceReason.Poll, 1));
            Apply(new OpenIntent(0, "FET-USDT", PositionSide.Long, 300, 1, "PK-0-1", "T1", 2));
            if (acknowledged) Apply(new OrderAcknowledged("PK-0-1", 42, 3));
        }

        public void Apply(KernelEvent e)
        {
            var o = Pink.Core.Kernel.Apply(State, e);
            State = o.State;
            Effects.AddRange(o.Effects);
        }

        public IReadOnlyList<KernelEvent> Ws(string frame)
        {
            var events = BingxAdapter.FromWs(frame, State, 10);
            foreach (var e in events) Apply(e);
            return events;
        }

        public IReadOnlyList<KernelEvent> Rest(string method, string path, string? request, string response)
        {
            var events = BingxAdapter.FromRest(method, path, request is null ? null : Json(request), Json(response), State, 10);
            foreach (var e in events) Apply(e);
            return events;
        }

        public IEnumerable<string> Kinds => Effects.OfType<Diagnostic>().Select(d => d.Kind);
    }

    private const string FillFrame =
        """{"e":"ORDER_TRADE_UPDATE","E":1700000001000,"o":{"s":"FET-USDT","c":"","i":42,"S":"BUY","o":"MARKET","q":"300","p":"0.22","ap":"0.20000000","x":"TRADE","X":"FILLED","N":"USDT","n":"-0.03000000","T":1700000001000,"ps":"LONG","rp":"0","z":"300.00000000"}}""";

    private const string AccountFrame =
        """{"e":"ACCOUNT_UPDATE","E":1700000001001,"a":{"m":"ORDER","B":[{"a":"USDT","wb":"999.97000000","cw":"999.97","bc":"0"}],"P":[{"s":"FET-USDT","pa":"300.00000000","ep":"0.2","up":"0","mt":"cross","iw":"0","ps":"LONG","cr":"0"}]}}""";

    [Fact]
    public void An_account_update_carries_its_positions_and_balance_change_to_the_kernel()
    {
        var report = Assert.IsType<BalanceReport>(Assert.Single(BingxAdapter.FromWs(AccountFrame, Pink.Core.Kernel.Initial(), 0)));
        Assert.Equal((999.97m, BalanceReason.Order, 0.0m), (report.WalletBalance, report.Reason, report.BalanceChange));
        var p = Assert.Single(report.Positions!);
        Assert.Equal(("FET-USDT", PositionSide.Long, 300.0m, false), (p.Symbol, p.Side, p.Qty, p.OneWay));
    }

    [Fact]
    public void Account_update_before_its_fill_through_the_adapter_ends_at_the_wallet()
    {
        var s = new Session();
        s.Ws(AccountFrame);
        s.Ws(FillFrame);
        Assert.Equal((999.97m, CapitalSource.EAnchored), (Math.Round(s.State.Account.Capital, 8), s.State.Account.Source));
        Assert.DoesNotContain(DiagnosticKinds.LedgerDivergence, s.Kinds);
    }

    [Fact]
    public void A_one_way_account_update_has_a_signed_amount_and_positionSide_both()
    {
        const string frame = """{"e":"ACCOUNT_UPDATE","E":1,"a":{"m":"ORDER","B":[{"a":"USDT","wb":"10","bc":"0"}],"P":[{"s":"FET-USDT","pa":"-120.5","ep":"0.2","ps":"BOTH"}]}}""";
        var p = Assert.Single(Assert.IsType<BalanceReport>(Assert.Single(BingxAdapter.FromWs(frame, Pink.Core.Kernel.Initial(), 0))).Positions!);
        Assert.Equal((PositionSide.Short, 120.5m, true), (p.Side, p.Qty, p.OneWay));
    }

    [Theory]
    [InlineData("ASSET_TRANSFER", "25", null, BalanceReason.Transfer)]
    [InlineData("INSURANCE_CLEAR", "0", """[{"s":"FET-USDT","pa":"0","ps":"LONG"}]""", BalanceReason.Order)]
    [InlineData("SOMETHING_NEW", "0", null, BalanceReason.Poll)]
    [InlineData("funding_fee", "-0.5", null, BalanceReason.Funding)]
    public void An_unknown_reason_is_classified_by_what_the_update_is_never_compared_as_a_trade(string m, string bc, string? positions, BalanceReason expected)
    {
        var extra = positions is null ? "" : $",\"P\":{positions}";
        var frame = $$$"""{"e":"ACCOUNT_UPDATE","E":1,"a":{"m":"{{{m}}}","B":[{"a":"USDT","wb":"1025","bc":"{{{bc}}}"}]{{{extra}}}}}""";
        var report = Assert.IsType<BalanceReport>(Assert.Single(BingxAdapter.FromWs(frame, Pink.Core.Kernel.Initial(), 0)));
        Assert.Equal(expected, report.Reason);
    }

    [Fact]
    public void An_asset_transfer_moves_capital_as_a_flow_and_raises_no_divergence()
    {
        var s = new Session();
        s.Ws("""{"e":"ACCOUNT_UPDATE","E":5,"a":{"m":"ASSET_TRANSFER","B":[{"a":"USDT","wb":"1025","bc":"25"}]}}""");
        Assert.Equal(1_025, s.State.Account.Capital);
        Assert.DoesNotContain(DiagnosticKinds.LedgerDivergence, s.Kinds);
        Assert.False(s.State.Account.EntriesBlocked);
    }

    [Fact]
    public void A_snapshot_frame_with_balances_is_a_report_of_the_whole_wallet()
    {
        const string frame = """{"e":"SNAPSHOT","E":7,"a":{"B":[{"a":"USDT","wb":"1000.5","cw":"1000.5"}]}}""";
        var report = Assert.IsType<BalanceReport>(Assert.Single(BingxAdapter.FromWs(frame, Pink.Core.Kernel.Initial(), 0)));
        Assert.Equal((1000.5m, BalanceReason.Poll), (report.WalletBalance, report.Reason));
        Assert.StartsWith("snap:", report.Id);
        Assert.Empty(BingxAdapter.FromWs("""{"e":"SNAPSHOT","E":7,"a":{}}""", Pink.Core.Kernel.Initial(), 0));
    }

    [Fact]
    public void A_cancel_answer_of_a_partly_filled_order_books_its_fill_and_fee_before_the_cancel()
    {
        var s = new Session();
        var events = s.Rest("DELETE", "/openApi/swap/v2/trade/order", """{"symbol":"FET-USDT","orderId":42}""",
            """{"code":0,"msg":"","data":{"order":{"symbol":"FET-USDT","orderId":42,"side":"BUY","positionSide":"LONG","type":"MARKET","origQty":"300","executedQty":"120","avgPrice":"0.2","profit":"0","commission":"-0.012","status":"CANCELLED","clientOrderId":"pk-0-1","updateTime":11}}}""");
        var fill = events.ToList().FindIndex(e => e is Fill);
        Assert.InRange(fill, 0, events.Count - 2);
        Assert.IsType<OrderCancelled>(events[^1]);
        var t = s.State.Trades.Find("T1").Case as Trade;
        Assert.Equal((120.0m, 0.2m, 0.012m), (t!.EntryQty, t.EntryBasis, Math.Round(t.Fees, 9)));
        Assert.Equal(SlotPhase.Open, s.State.Slots[0].Phase);
        Assert.DoesNotContain(s.Kinds, k => k is DiagnosticKinds.UnresolvedSlot or DiagnosticKinds.MalformedInput);
    }

    [Fact]
    public void The_v3_balance_answer_is_an_array_per_asset()
    {
        var report = Assert.IsType<BalanceReport>(Assert.Single(BingxAdapter.FromRest("GET", "/openApi/swap/v3/user/balance", null,
            Json("""{"code":0,"msg":"","data":[{"asset":"BTC","balance":"0.1"},{"asset":"USDT","balance":"1234.5","availableMargin":"1200"}]}"""),
            Pink.Core.Kernel.Initial(), 5)));
        Assert.Equal((1234.5m, 1200.0m, BalanceReason.Poll), (report.WalletBalance, report.AvailableMargin, report.Reason));
    }

    [Theory]
    [InlineData("GET", "/openApi/swap/v2/user/balance", 100410, "rate limited")]
    [InlineData("GET", "/openApi/swap/v2/user/positions", 100001, "signature verification failed")]
    [InlineData("GET", "/openApi/swap/v2/trade/order", 109421, "order does not exist")]
    [InlineData("DELETE", "/openApi/swap/v2/trade/order", 109421, "order does not exist")]
    [InlineData("GET", "/openApi/swap/v3/user/balance", 100500, "internal error")]
    public void A_rest_error_envelope_is_a_venue_error_not_malformed_input(string method, string path, long code, string msg)
    {
        var s = new Session();
        var error = Assert.IsType<VenueError>(Assert.Single(s.Rest(method, path, null, $$"""{"code":{{code}},"msg":"{{msg}}"}""")));
        Assert.Equal((code, msg), (error.Code, error.Message));
        Assert.Contains(DiagnosticKinds.VenueError, s.Kinds);
        Assert.DoesNotContain(DiagnosticKinds.MalformedInput, s.Kinds);
    }

    [Fact]
    public void A_refused_subscription_is_a_venue_error_and_an_accepted_one_is_silent()
    {
        var refused = Assert.IsType<VenueError>(Assert.Single(BingxAdapter.FromWs("""{"code":80015,"id":"a1","msg":"dataType not supported"}""", Pink.Core.Kernel.Initial(), 0)));
        Assert.Equal(80015, refused.Code);
        Assert.Contains("a1", refused.Message);
        Assert.Empty(BingxAdapter.FromWs("""{"code":0,"id":"a2","msg":""}""", Pink.Core.Kernel.Initial(), 0));
    }

    [Theory]
    [InlineData("\"z\":\"0.00000000\",")]
    [InlineData("")]
    [InlineData("\"z\":\"n/a\",")]
    public void Filled_without_a_usable_z_asks_the_kernel_to_query_the_order(string z)
    {
        var s = new Session();
        var frame = $$$"""{"e":"ORDER_TRADE_UPDATE","E":5,"o":{"s":"FET-USDT","c":"","i":42,"S":"BUY","o":"MARKET","q":"300","ap":"0.2",{{{z}}}"x":"TRADE","X":"FILLED","n":"-0.03","T":5,"ps":"LONG","rp":"0"}}""";
        Assert.IsType<OrderUnclear>(Assert.Single(s.Ws(frame)));
        var query = Assert.Single(s.Effects.OfType<QueryOrder>());
        Assert.Equal((42L, "PK-0-1"), (query.VenueOrderId, query.ClientOrderId));
        // the answer to the query books the fill
        s.Rest("GET", "/openApi/swap/v2/trade/order", """{"symbol":"FET-USDT","orderId":42}""",
            """{"code":0,"msg":"","data":{"order":{"symbol":"FET-USDT","orderId":42,"side":"BUY","positionSide":"LONG","origQty":"300","executedQty":"300","avgPrice":"0.2","profit":"0","commission":"-0.03","status":"FILLED","clientOrderId":"pk-0-1","updateTime":6}}}""");
        Assert.Equal(300, (s.State.Trades.Find("T1").Case as Trade)!.OpenQty);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_fill_reported_by_rest_and_by_the_stream_is_one_fill_whichever_comes_first(bool restFirst)
    {
        var s = new Session();
        const string answer = """{"code":0,"msg":"","data":{"order":{"symbol":"FET-USDT","orderId":42,"side":"BUY","positionSide":"LONG","origQty":"300","executedQty":"300","avgPrice":"0.2","profit":"0","commission":"-0.03","status":"FILLED","clientOrderId":"pk-0-1","updateTime":6}}}""";
        if (restFirst) s.Rest("GET", "/openApi/swap/v2/trade/order", """{"symbol":"FET-USDT","orderId":42}""", answer);
        s.Ws(FillFrame);
        if (!restFirst) s.Rest("GET", "/openApi/swap/v2/trade/order", """{"symbol":"FET-USDT","orderId":42}""", answer);
        var t = (s.State.Trades.Find("T1").Case as Trade)!;
        Assert.Equal((300.0m, 0.03m), (t.EntryQty, Math.Round(t.Fees, 9)));
        Assert.DoesNotContain(DiagnosticKinds.MalformedInput, s.Kinds);
    }

    [Fact]
    public void A_new_frame_and_an_order_answer_with_the_lower_cased_client_id_bind_our_order()
    {
        var s = new Session(acknowledged: false);
        s.Ws("""{"e":"ORDER_TRADE_UPDATE","E":4,"o":{"s":"FET-USDT","c":"pk-0-1","i":42,"S":"BUY","o":"MARKET","q":"300","ap":"0","x":"NEW","X":"NEW","n":"0","T":4,"ps":"LONG","rp":"0","z":"0"}}""");
        Assert.Equal(42L, (s.State.Orders.Find("PK-0-1").Case as Order)!.VenueOrderId);
        s.Rest("GET", "/openApi/swap/v2/trade/order", """{"symbol":"FET-USDT","orderId":42}""",
            """{"code":0,"msg":"","data":{"order":{"symbol":"FET-USDT","orderId":42,"side":"BUY","positionSide":"LONG","origQty":"300","executedQty":"0","avgPrice":"0","status":"PENDING","clientOrderId":"pk-0-1","updateTime":6}}}""");
        Assert.DoesNotContain(DiagnosticKinds.UnresolvedSlot, s.Kinds);
    }

    [Fact]
    public void The_income_history_becomes_records_and_how_far_it_is_complete()
    {
        var events = BingxAdapter.FromRest("GET", "/openApi/swap/v2/user/income", Json("""{"startTime":1000,"limit":1000}"""),
            Json("""
            {"code":0,"msg":"","data":[
              {"symbol":"FET-USDT","incomeType":"REALIZED_PNL","income":"-20.00000000","asset":"USDT","info":"Liquidation","time":1500,"tranId":"1000006_PNL","tradeId":"1000006"},
              {"symbol":"FET-USDT","incomeType":"TRADING_FEE","income":"-0.20000000","asset":"USDT","info":"Closing Fee","time":1500,"tranId":"1000006_COMMISSION","tradeId":"1000006"},
              {"symbol":"FET-USDT","incomeType":"FUNDING_FEE","income":"-0.01000000","asset":"USDT","info":"Funding Fee","time":1600,"tranId":"1_18_FUNDING","tradeId":""},
              {"symbol":"FET-USDT","incomeType":"INSURANCE_CLEAR","income":"-1","asset":"USDT","info":"Strong liquidation","time":1600,"tranId":"9_IC","tradeId":"9"},
              {"symbol":"","incomeType":"TRANSFER","income":"100","asset":"USDT","info":"","time":1700,"tranId":"t1","tradeId":""}]}
            """),
            Pink.Core.Kernel.Initial(), 2000);
        var records = events.OfType<IncomeRecord>().ToList();
        Assert.Equal([IncomeKind.RealizedPnl, IncomeKind.TradingFee, IncomeKind.FundingFee, IncomeKind.RealizedPnl, IncomeKind.Other], records.Select(r => r.Kind));
        Assert.Equal(("1000006_PNL", -20.0m, 1500L), (records[0].TranId, records[0].Amount, records[0].TimeMs));
        Assert.Equal(1700, Assert.IsType<IncomeComplete>(events[^1]).UpToMs); // complete up to its newest record, in the venue's clock
    }

    [Fact]
    public void A_fill_carries_the_position_side_it_belongs_to()
    {
        var fill = Assert.IsType<Fill>(Assert.Single(BingxAdapter.FromWs(FillFrame, Pink.Core.Kernel.Initial(), 0)));
        Assert.Equal(PositionSide.Long, fill.PositionSide);
    }
}
