using System.Text.Json;
using Pink.Core;
using Pink.Core.Bingx;
using Pink.Tests.Kernel;

namespace Pink.Tests.Bingx;

/// <summary>The adapter on BingX's documented payloads (bingx-api-facts.md); one case per field rule.</summary>
public class AdapterTests
{
    // The documented ORDER_TRADE_UPDATE, verbatim (§3).
    private const string DocumentedOrderTradeUpdate =
        """{"e":"ORDER_TRADE_UPDATE","E":1676973375161,"o":{"s":"LINK-USDT","c":"","i":1627970445070303232,"S":"SELL","o":"MARKET","q":"5.00000000","p":"7.82700000","sp":"7.82700000","ap":"7.82690000","x":"TRADE","X":"FILLED","N":"USDT","n":"-0.01369708","T":1676973375149,"wt":"MARK_PRICE","ps":"SHORT","rp":"0.00000000","z":"5.00000000"}}""";

    // The documented ACCOUNT_UPDATE, verbatim (§3).
    private const string DocumentedAccountUpdate =
        """{"e":"ACCOUNT_UPDATE","E":1758608899352,"a":{"m":"ORDER","B":[{"a":"USDT","wb":"117.80007595","cw":"95.23045595","bc":"0"}],"P":[{"s":"BTC-USDT","pa":"0.00100000","ep":"112848.1","up":"-0.00004435","mt":"cross","iw":"22.56957565","ps":"SHORT","cr":"-0.05642405"}]}}""";

    private static KernelState Empty => Pink.Core.Kernel.Initial();

    private static string Otu(object id, string z, string ap, string p = "9.99", string? last = null, string n = "-0.01", string rp = "0", string status = "PARTIALLY_FILLED", string idKey = "i", string? c = "") =>
        $$$"""{"e":"ORDER_TRADE_UPDATE","E":1700000000000,"o":{"s":"FET-USDT","c":"{{{c}}}","{{{idKey}}}":{{{(id is string s ? $"\"{s}\"" : id)}}},"S":"BUY","o":"MARKET","q":"300","p":"{{{p}}}","ap":"{{{ap}}}",{{{(last is null ? "" : $"\"L\":\"{last}\",")}}}"x":"{{{(status is "NEW" or "CANCELED" or "CANCELLED" or "EXPIRED" ? status : "TRADE")}}}","X":"{{{status}}}","N":"USDT","n":"{{{n}}}","T":0,"ps":"LONG","rp":"{{{rp}}}","z":"{{{z}}}"}}""";

    /// <summary>A kernel with a long entry order e1 bound to venue id 42, so cumulative progress is remembered.</summary>
    private static (KernelState State, Func<string, IReadOnlyList<KernelEvent>> Feed) Bound()
    {
        var state = Pink.Core.Kernel.Apply(Empty, new OpenIntent(0, "FET-USDT", PositionSide.Long, 300, 1, "e1", null, 1)).State;
        state = Pink.Core.Kernel.Apply(state, new OrderAcknowledged("e1", 42, 2)).State;
        var holder = new[] { state };
        return (state, frame =>
        {
            var events = BingxAdapter.FromWs(frame, holder[0], 3);
            foreach (var e in events) holder[0] = Pink.Core.Kernel.Apply(holder[0], e).State;
            return events;
        });
    }

    [Fact]
    public void Documented_order_trade_update_becomes_one_fill_with_its_settlement()
    {
        var fill = Assert.IsType<Fill>(Assert.Single(BingxAdapter.FromWs(DocumentedOrderTradeUpdate, Empty, 0)));
        Assert.Equal(1627970445070303232L, fill.VenueOrderId);
        Assert.Null(fill.ClientOrderId); // "c" is empty on the stream
        Assert.Equal(("LINK-USDT", OrderSide.Sell, 5.0m, 7.8269m), (fill.Symbol, fill.Side, fill.Qty, fill.Price));
        Assert.Equal(1676973375149, fill.TimeMs);
        Assert.Equal(0.01369708m, fill.Settlement!.Fee, 12); // negative n = paid → positive fee
        Assert.Equal(0.0m, fill.Settlement.RealizedPnl);
    }

    [Fact]
    public void Quantity_is_the_increase_of_cumulative_z_per_order()
    {
        var (_, feed) = Bound();
        Assert.Equal(100, Assert.IsType<Fill>(Assert.Single(feed(Otu(42, "100", "1.0")))).Qty);
        Assert.Equal(150, Assert.IsType<Fill>(Assert.Single(feed(Otu(42, "250", "1.1")))).Qty, 9);
        Assert.Equal(50, Assert.IsType<Fill>(Assert.Single(feed(Otu(42, "300", "1.1", status: "FILLED")))).Qty, 9);
    }

    [Fact]
    public void Price_is_derived_from_the_cumulative_average_never_taken_from_p()
    {
        var (_, feed) = Bound();
        Assert.Equal(1.0m, Assert.IsType<Fill>(feed(Otu(42, "100", "1.0", p: "0.229"))[0]).Price, 12);
        // (1.1·250 − 1.0·100) / 150 = 1.1666…
        Assert.Equal((1.1m * 250 - 1.0m * 100) / 150, Assert.IsType<Fill>(feed(Otu(42, "250", "1.1", p: "0.229"))[0]).Price, 9);
    }

    [Fact]
    public void Price_is_L_when_present()
    {
        var (_, feed) = Bound();
        Assert.Equal(1.05m, Assert.IsType<Fill>(feed(Otu(42, "100", "1.0", last: "1.05"))[0]).Price);
    }

    [Fact]
    public void Price_is_unknown_when_neither_L_nor_ap_is_usable()
    {
        var (_, feed) = Bound();
        var fill = Assert.IsType<Fill>(feed(Otu(42, "100", "0", p: "0.229"))[0]);
        Assert.Equal(0.0m, fill.Price);
        Assert.Equal(100, fill.Qty);
    }

    [Fact]
    public void Fee_sign_is_normalised_once_negative_n_is_paid_positive_n_is_a_rebate()
    {
        var (_, feed) = Bound();
        Assert.Equal(0.05m, Assert.IsType<Fill>(feed(Otu(42, "100", "1", n: "-0.05"))[0]).Settlement!.Fee, 12);
        Assert.Equal(-0.02m, Assert.IsType<Fill>(feed(Otu(42, "200", "1", n: "0.02"))[0]).Settlement!.Fee, 12);
    }

    [Theory]
    [InlineData("1933012399999999999")]
    [InlineData(1933012399999999999L)]
    public void Ids_are_read_as_long_from_numbers_or_strings_without_rounding(object id)
    {
        var fill = Assert.IsType<Fill>(Assert.Single(BingxAdapter.FromWs(Otu(id, "1", "1"), Empty, 0)));
        Assert.Equal(1933012399999999999L, fill.VenueOrderId);
    }

    [Fact]
    public void Spelling_variants_are_accepted()
    {
        var fill = Assert.IsType<Fill>(BingxAdapter.FromWs(Otu(7, "1", "1", idKey: "orderID"), Empty, 0)[0]);
        Assert.Equal(7, fill.VenueOrderId);
        var cancelled = BingxAdapter.FromWs(Otu(7, "0", "0", status: "CANCELLED"), Empty, 0);
        Assert.IsType<OrderCancelled>(Assert.Single(cancelled));
        Assert.IsType<OrderCancelled>(Assert.Single(BingxAdapter.FromWs(Otu(7, "0", "0", status: "CANCELED"), Empty, 0)));
        Assert.IsType<OrderCancelled>(Assert.Single(BingxAdapter.FromWs(Otu(7, "0", "0", status: "EXPIRED"), Empty, 0)));
        var placed = BingxAdapter.FromRest("POST", "/openApi/swap/v2/trade/order", Parse("""{"clientOrderID":"pk-1"}"""),
            Parse("""{"code":0,"msg":"","data":{"order":{"orderID":"1745839584339562496","symbol":"LTC-USDT"}}}"""), Empty, 0);
        Assert.Equal(new OrderAcknowledged("pk-1", 1745839584339562496L, 0), Assert.Single(placed));
    }

    [Fact]
    public void A_new_order_with_a_client_id_is_an_acknowledgement()
    {
        var events = BingxAdapter.FromWs(Otu(9, "0", "0", status: "NEW", c: "pk-9"), Empty, 0);
        Assert.Equal(new OrderAcknowledged("pk-9", 9, 1700000000000), Assert.Single(events));
    }

    [Fact]
    public void A_duplicated_frame_is_reported_by_the_kernel_and_changes_nothing()
    {
        var (_, feed) = Bound();
        feed(Otu(42, "100", "1.0"));
        var duplicate = Assert.IsType<Fill>(Assert.Single(feed(Otu(42, "100", "1.0"))));
        Assert.Equal(0, duplicate.Qty);
    }

    [Fact]
    public void Documented_account_update_becomes_an_anchor()
    {
        var report = Assert.IsType<BalanceReport>(Assert.Single(BingxAdapter.FromWs(DocumentedAccountUpdate, Empty, 0)));
        Assert.Equal((117.80007595m, BalanceReason.Order, 1758608899352L), (report.WalletBalance, report.Reason, report.TimeMs));
        var funding = BingxAdapter.FromWs("""{"e":"ACCOUNT_UPDATE","E":5,"a":{"m":"FUNDING_FEE","B":[{"a":"USDT","wb":"100.5","cw":"100.5","bc":"0"}]}}""", Empty, 0);
        Assert.Equal(BalanceReason.Funding, Assert.IsType<BalanceReport>(Assert.Single(funding)).Reason);
    }

    [Fact]
    public void Rest_balance_v2_object_and_v3_array_and_positions_become_anchor_and_adoption()
    {
        var v2 = BingxAdapter.FromRest("GET", "/openApi/swap/v2/user/balance", null,
            Parse("""{"code":0,"msg":"","data":{"balance":{"asset":"VST","balance":"100000.5","availableMargin":"99000","freezedMargin":"0"}}}"""), Empty, 9);
        Assert.Equal((100000.5m, 99000.0m, BalanceReason.Poll), Values(Assert.IsType<BalanceReport>(Assert.Single(v2))));
        var v3 = BingxAdapter.FromRest("GET", "/openApi/swap/v2/user/balance", null,
            Parse("""{"code":0,"msg":"","data":[{"asset":"BTC","balance":"1"},{"asset":"USDT","balance":"250.25","availableMargin":"200"}]}"""), Empty, 9);
        Assert.Equal(250.25m, Assert.IsType<BalanceReport>(Assert.Single(v3)).WalletBalance);
        var positions = BingxAdapter.FromRest("GET", "/openApi/swap/v2/user/positions", null,
            Parse("""{"code":0,"msg":"","data":[{"positionId":"1","symbol":"FET-USDT","positionAmt":"202276","positionSide":"SHORT","avgPrice":"0.1878","leverage":3,"unrealizedProfit":"1","realisedProfit":"0","markPrice":"0.187","isolated":false,"updateTime":1}]}"""), Empty, 9);
        var report = Assert.IsType<PositionsReport>(Assert.Single(positions));
        Assert.Equal(new ExchangePosition("FET-USDT", PositionSide.Short, 202276, 0.1878m, 3), Assert.Single(report.Positions));
        static (decimal, decimal?, BalanceReason) Values(BalanceReport r) => (r.WalletBalance, r.AvailableMargin, r.Reason);
    }

    [Fact]
    public void A_place_order_response_never_carries_a_fill_and_an_error_is_a_rejection()
    {
        var ok = BingxAdapter.FromRest("POST", "/openApi/swap/v2/trade/order", Parse("""{"clientOrderId":"pk-0-1"}"""),
            Parse("""{"code":0,"msg":"","data":{"order":{"orderId":1745839584339562496,"symbol":"LTC-USDT","positionSide":"LONG","side":"BUY","type":"MARKET","price":0,"quantity":0.1,"stopPrice":0,"workingType":"MARK_PRICE","clientOrderID":"","timeInForce":"GTC"}}}"""), Empty, 1);
        Assert.Equal(new OrderAcknowledged("pk-0-1", 1745839584339562496L, 1), Assert.Single(ok));
        var rejected = BingxAdapter.FromRest("POST", "/openApi/swap/v2/trade/order", Parse("""{"clientOrderId":"pk-0-1"}"""),
            Parse("""{"code":101204,"msg":"Insufficient margin","data":{}}"""), Empty, 1);
        Assert.Contains("101204", Assert.IsType<OrderRejected>(Assert.Single(rejected)).Reason);
    }

    [Fact]
    public void Mark_price_push_becomes_a_mark()
    {
        var mark = BingxAdapter.FromWs("""{"code":0,"dataType":"ETH-USDT@markPrice","data":{"e":"markPriceUpdate","E":1714650884021,"s":"ETH-USDT","p":"2999.63"}}""", Empty, 0);
        Assert.Equal(new MarkPrice("ETH-USDT", 2999.63m, 1714650884021), Assert.Single(mark));
    }

    [Theory]
    [InlineData("Ping")]
    [InlineData("""{"e":"SNAPSHOT","E":1,"a":{}}""")]
    [InlineData("""{"e":"ACCOUNT_CONFIG_UPDATE","E":1,"ac":{"s":"BTC-USDT","l":5,"S":5,"mt":"cross"}}""")]
    [InlineData("""{"e":"listenKeyExpired","E":1,"listenKey":"abc"}""")]
    [InlineData("""{"id":"e1f","code":0,"msg":""}""")]
    public void Heartbeats_snapshots_and_config_updates_do_not_touch_the_ledger(string frame) =>
        Assert.Empty(BingxAdapter.FromWs(frame, Empty, 0));

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"e":"ORDER_TRADE_UPDATE","E":1}""")]
    [InlineData("""{"e":"ORDER_TRADE_UPDATE","E":1,"o":{"s":"X","S":"BUY","z":"1"}}""")]
    [InlineData("""{"e":"ORDER_TRADE_UPDATE","E":1,"o":{"s":"X","i":5,"S":"SIDEWAYS","z":"1"}}""")]
    [InlineData("""{"e":"WHATEVER","E":1}""")]
    [InlineData("""{"code":0,"dataType":"ETH-USDT@markPrice","data":{"s":"ETH-USDT"}}""")]
    public void Malformed_input_becomes_a_MALFORMED_INPUT_diagnostic_never_an_exception(string frame)
    {
        var events = BingxAdapter.FromWs(frame, Empty, 0);
        var rejected = Assert.IsType<InputRejected>(Assert.Single(events));
        var outcome = Pink.Core.Kernel.Apply(Empty, rejected);
        Assert.Equal(DiagnosticKinds.MalformedInput, Assert.Single(outcome.Effects.OfType<Diagnostic>()).Kind);
    }

    [Fact]
    public void Fet_incident_frames_through_the_adapter_book_the_true_price_not_the_protective_bound()
    {
        var (state, _) = Bound();
        state = Pink.Core.Kernel.Apply(state, BingxAdapter.FromWs(Otu(42, "300", "0.1878", status: "FILLED"), state, 3)[0]).State;
        Assert.Equal(0.1878m, state.Trades.Values.Single().EntryBasis, 12);
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
