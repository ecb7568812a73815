using Pink.Core;
using Pink.Core.Bingx;
using Pink.Shell.Simulator;
using Pink.Shell.Venue;
using Pink.Tests.Venue;

namespace Pink.Tests.Kernel;

/// <summary>
/// Exact quantities and the venue's order rules (issue 16): every order Pink sends is a whole multiple of its
/// instrument's step and at least its minimum; "flat" is exact. Figures: FET-USDT with step 1 and minimum 10, BTC-USDT
/// with step 0.001.
/// </summary>
public class InstrumentStepTests
{
    private const string Fet = "FET-USDT";
    private const string Btc = "BTC-USDT";

    private static Driver WithRules()
    {
        var d = new Driver();
        d.Apply(new InstrumentSpec(Fet, 1m, 0.000001m, 10m, d.Tick()));
        d.Apply(new InstrumentSpec(Btc, 0.001m, 0.1m, 0.001m, d.Tick()));
        d.Balance(10_000, "b0", BalanceReason.Poll);
        return d;
    }

    [Fact]
    public void An_entry_off_the_step_or_below_the_minimum_is_refused_naming_the_rule()
    {
        var d = WithRules();
        d.Open(0, Fet, PositionSide.Short, 100.5m, "e1");
        d.Open(1, Fet, PositionSide.Short, 5m, "e2");
        d.Open(2, Btc, PositionSide.Long, 0.0105m, "e3");
        Assert.Empty(d.Effects.OfType<PlaceOrder>());
        var refusals = d.Diagnostics(DiagnosticKinds.IntentRejected).Select(x => x.Detail).ToList();
        Assert.Equal(3, refusals.Count);
        Assert.Contains("qty 100.5 is not a multiple of FET-USDT's step 1", refusals[0]);
        Assert.Contains("qty 5 is below FET-USDT's minimum 10", refusals[1]);
        Assert.Contains("qty 0.0105 is not a multiple of BTC-USDT's step 0.001", refusals[2]);
        d.Open(0, Btc, PositionSide.Long, 0.011m, "e4");
        Assert.Equal(0.011m, Assert.Single(d.Effects.OfType<PlaceOrder>()).Qty);
    }

    [Fact]
    public void An_entry_filled_as_point_one_plus_point_two_exits_exactly_point_three_and_ends_flat()
    {
        // With doubles the exit went out as 0.30000000000000004, which the venue refuses.
        var d = WithRules();
        d.Open(0, Btc, PositionSide.Long, 0.3m, "e1", 3, "T1").Ack("e1", 11);
        d.Fill(11, Btc, OrderSide.Buy, 0.1m, 60_000, id: "f1").Fill(11, Btc, OrderSide.Buy, 0.2m, 60_010, id: "f2");
        d.Close(0, "x1");
        Assert.Equal(0.3m, d.Effects.OfType<PlaceOrder>().Last().Qty);
        d.Ack("x1", 12).Fill(12, Btc, OrderSide.Sell, 0.3m, 60_100, id: "f3");
        var t = d.Trade("T1");
        Assert.Equal((0m, true), (t.OpenQty, t.Closed));
        Assert.Equal(SlotPhase.Idle, d.Slot(0).Phase);
    }

    [Fact]
    public void A_full_exit_above_two_to_the_23_lots_with_a_fractional_step_leaves_no_dust()
    {
        var d = new Driver();
        d.Apply(new InstrumentSpec(Fet, 0.1m, 0.000001m, 0m, d.Tick()));
        d.Balance(10_000_000, "b0", BalanceReason.Poll);
        d.Open(0, Fet, PositionSide.Short, 8_388_608.3m, "e1", 3, "T1").Ack("e1", 11);
        d.Fill(11, Fet, OrderSide.Sell, 4_194_304.1m, 0.2m, id: "f1").Fill(11, Fet, OrderSide.Sell, 4_194_304.2m, 0.2m, id: "f2");
        d.Close(0, "x1").Ack("x1", 12).Fill(12, Fet, OrderSide.Buy, 8_388_608.3m, 0.19m, id: "f3");
        Assert.Equal((0m, true), (d.Trade("T1").OpenQty, d.Trade("T1").Closed));
        Assert.Single(d.Effects.OfType<PlaceOrder>(), p => p.Purpose == OrderPurpose.Exit); // no follow-up exit for dust
    }

    [Fact]
    public void An_exit_the_rules_make_impossible_is_reported_once_and_never_sent()
    {
        // An adopted position of 5 FET (a minimum of 10): no order can close it.
        var d = WithRules();
        d.Apply(new PositionsReport("p1", [new ExchangePosition(Fet, PositionSide.Short, 5, 0.2m, 3)], d.Tick()));
        Assert.Equal(SlotPhase.Open, d.Slot(0).Phase);
        d.Close(0, "x1");
        d.Mark(Fet, 0.21m).Mark(Fet, 0.22m);
        Assert.Empty(d.Effects.OfType<PlaceOrder>());
        var refusal = Assert.Single(d.Diagnostics(DiagnosticKinds.ExitNotWorking));
        Assert.Contains("5 FET-USDT still open is below what an order can close (step 1, minimum 10)", refusal.Detail);
        Assert.False(d.Slot(0).CloseRequested);
    }

    [Fact]
    public void The_same_specification_again_changes_nothing_and_a_malformed_one_is_reported()
    {
        var d = WithRules();
        var before = d.State;
        d.Apply(new InstrumentSpec(Fet, 1m, 0.000001m, 10m, d.Tick()));
        Assert.Equal(before.EventSeq, d.State.EventSeq);
        d.Apply(new InstrumentSpec(Fet, 0m, 0.000001m, 10m, d.Tick()));
        Assert.Single(d.Diagnostics(DiagnosticKinds.MalformedInput));
        Assert.Equal(new Instrument(1m, 0.000001m, 10m), d.State.Config.Instruments.Find(Symbols.Key(Fet)).Case);
        var restored = StateDocument.Restore(StateDocument.Save(d.State)).IfLeft(e => throw new Exception(e));
        Assert.Equal(d.State.Config, restored.Config);
    }

    [Fact]
    public void BingX_contract_specifications_become_the_kernels_steps()
    {
        var response = System.Text.Json.JsonDocument.Parse("""
            {"code":0,"msg":"","data":[
              {"contractId":"100","symbol":"BTC-USDT","size":"0.0001","quantityPrecision":4,"pricePrecision":1,"feeRate":0.0005,
               "makerFeeRate":0.0002,"takerFeeRate":0.0005,"tradeMinLimit":0,"tradeMinQuantity":0.0001,"tradeMinUSDT":2,
               "currency":"USDT","asset":"BTC","status":1,"apiStateOpen":"true","apiStateClose":"true"},
              {"contractId":"101","symbol":"FET-USDT","quantityPrecision":"0","pricePrecision":"6","tradeMinQuantity":"1"},
              {"contractId":"102","symbol":"ODD-USDT","quantityPrecision":2.5,"pricePrecision":2}
            ]}
            """).RootElement;
        var events = BingxAdapter.FromRest("GET", BingxPaths.Contracts, null, response, Pink.Core.Kernel.Initial(), 7);
        Assert.Equal(new InstrumentSpec("BTC-USDT", 0.0001m, 0.1m, 0.0001m, 7), events[0]);
        Assert.Equal(new InstrumentSpec("FET-USDT", 1m, 0.000001m, 1m, 7), events[1]);
        Assert.Contains("readable precisions", Assert.IsType<InputRejected>(events[2]).Detail);
    }

    [Fact]
    public async Task The_simulator_states_its_contracts_and_refuses_a_quantity_off_its_precision()
    {
        await using var v = await SimVenue.StartAsync(new SimulatorOptions(QtyDecimals: 3, TradeMinQuantity: 0.002m));
        var contracts = (await v.Api.GetContractsAsync()).Data.EnumerateArray().ToList();
        var fet = contracts.Single(c => c.GetProperty("symbol").GetString() == "FET-USDT");
        Assert.Equal(3, fet.GetProperty("quantityPrecision").GetInt32());
        Assert.Equal(0.002m, fet.GetProperty("tradeMinQuantity").GetDecimal());
        var offStep = await Assert.ThrowsAsync<BingxApiException>(() => v.Api.PlaceOrderAsync(new OrderRequest("FET-USDT", "BUY", "LONG", "MARKET", 10.0005m, ClientOrderId: "pk-x")));
        Assert.Equal(109400, offStep.Code);
        var belowMinimum = await Assert.ThrowsAsync<BingxApiException>(() => v.Api.PlaceOrderAsync(new OrderRequest("FET-USDT", "BUY", "LONG", "MARKET", 0.001m, ClientOrderId: "pk-y")));
        Assert.Contains("tradeMinQuantity", belowMinimum.VenueMessage);
        await v.Api.PlaceOrderAsync(new OrderRequest("FET-USDT", "BUY", "LONG", "MARKET", 10.001m, ClientOrderId: "pk-z"));
    }
}
