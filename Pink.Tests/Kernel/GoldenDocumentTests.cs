using System.Text.Json.Nodes;
using Pink.Core;

namespace Pink.Tests.Kernel;

/// <summary>
/// The golden documents of every version restore to the session's figures; version 3 re-saves byte for byte. Versions 1
/// and 2 were written by builds that kept closed trades: their closed T1 is read as it was, and forgotten at the next
/// sweep.
/// </summary>
public class GoldenDocumentTests
{
    /// <summary>Rewrites state-v3.json from the session (after a deliberate change of the document): PINK_WRITE_GOLDEN=1.</summary>
    [Fact]
    public void Golden_v3_is_what_this_build_writes_for_the_session()
    {
        var saved = StateDocument.Save(GoldenDocuments.Session().State);
        if (Environment.GetEnvironmentVariable("PINK_WRITE_GOLDEN") == "1") File.WriteAllText(GoldenDocuments.Path("state-v3.json"), saved);
        Assert.Equal(GoldenDocuments.Read("state-v3.json"), saved);
    }

    [Fact]
    public void Golden_v3_restores_to_the_session_state_and_resaves_byte_identically()
    {
        var golden = GoldenDocuments.Read("state-v3.json");
        var state = StateDocument.Restore(golden).IfLeft(e => throw new Exception(e));
        Assert.Equal(GoldenDocuments.Session().State, state);
        Assert.Equal(golden, StateDocument.Save(state));
        // The session's closed and settled FET short is not in it, only its ids.
        Assert.True(state.Trades.Find("T1").IsNone);
        Assert.Contains("t:T1", state.Forgotten.Ids());
        Assert.Contains("c:pk-0-2", state.Forgotten.Ids());
        Assert.Contains("v:1002", state.Forgotten.Ids());
    }

    [Fact]
    public void Golden_v2_from_the_previous_build_restores_with_its_closed_trade_kept_until_the_next_sweep()
    {
        var v2 = StateDocument.Restore(GoldenDocuments.Read("state-v2.json")).IfLeft(e => throw new Exception(e));
        var session = GoldenDocuments.Session().State;
        Assert.Equal(new KernelConfig(SlotCount: 3, SeedCapital: 10_000), v2.Config);
        Assert.Equal((session.EventSeq, session.Account, session.Slots, session.Marks, session.Dedup), (v2.EventSeq, v2.Account, v2.Slots, v2.Marks, v2.Dedup));
        Assert.Equal(session.Trades, v2.Trades.Remove("T1"));
        Assert.True(v2.Trades["T1"].Closed);
        Assert.Empty(v2.Forgotten.Ids());
        // The first step that sweeps (here the income history's first page, far past T1's close) forgets it, as this build would have.
        var o = Pink.Core.Kernel.Apply(v2, new IncomeComplete(v2.LastEventMs + Pink.Core.Kernel.IncomeSettleMs, v2.LastEventMs + 1));
        var forgotten = Assert.Single(o.Effects.OfType<TradeForgotten>());
        Assert.Equal(("T1", true), (forgotten.TradeId, forgotten.Settled));
        Assert.Equal(session.Trades, o.State.Trades);
        Assert.Equal(session.Orders, o.State.Orders);
        Assert.Equal(session.VenueOrders, o.State.VenueOrders);
    }

    [Fact]
    public void Golden_v1_from_the_double_build_restores_through_the_converter_to_the_session_figures()
    {
        var s = StateDocument.Restore(GoldenDocuments.Read("state-v1.json")).IfLeft(e => throw new Exception(e));
        Assert.Equal(new KernelConfig(SlotCount: 3, SeedCapital: 10_000), s.Config);
        Assert.Equal(21, s.EventSeq);
        Assert.Equal(10_204.37m, s.Account.Capital);
        Assert.Equal(CapitalSource.KBridged, s.Account.Source);
        Assert.Equal(10_204.87m, s.Account.EWalletBalance);
        Assert.Equal(43.37m, s.Account.FeesPaid);
        Assert.Equal(10_204.37m, s.Account.KLedger);
        Assert.Empty(s.Account.FundingFlows);
        Assert.Equal(8, s.Dedup.Ids().Count());
        Assert.Contains("f-7", s.Dedup.Ids());
        // The double build's figures are read digit for digit, artefacts included: nothing is rounded on the way.
        var t1 = s.Trades["T1"];
        Assert.True(t1.Closed);
        Assert.Equal(0.18780000000000002m, t1.EntryBasis);
        Assert.Equal(242.73120000000696m, t1.RealizedPnl);
        Assert.Equal(t1.RealizedPnl, t1.SettledRealized);
        Assert.Equal(37.87m, t1.SettledFees);
        Assert.Equal(2, t1.Legs.Count);
        var t3 = s.Trades["T3"];
        Assert.Equal((1.5m, 5m, 1.9m, 5m, 1.9m), (t3.OpenQty, t3.RealizedPnl, t3.Fees, t3.SettledRealized, t3.SettledFees));
        var t2 = s.Trades["T2"];
        Assert.Equal((0.2m, 60_000m, 0m, 3.6m), (t2.OpenQty, t2.EntryBasis, t2.SettledRealized, t2.SettledFees));
        Assert.Equal([SlotPhase.Idle, SlotPhase.EntryWorking, SlotPhase.ExitWorking], s.Slots.Map(x => x.Phase).ToArray());
        Assert.Equal("pk-2-2", s.Slots[2].ExitOrder);
        Assert.Equal(61_000m, s.Marks["BTCUSDT"]);
        Assert.Equal("pk-1-1", s.VenueOrders[2001]);
        // Same session, same state, but for T1's double artefacts.
        var session = GoldenDocuments.Session().State;
        Assert.Equal(session.Slots, s.Slots);
        Assert.Equal(session.Account, s.Account);
        Assert.Equal(session.Trades["T3"], t3);
        Assert.Equal(session.Orders.Keys.ToArray(), s.Orders.Values.Where(o => o.TradeId != "T1").Select(o => o.ClientOrderId).ToArray());
    }

    [Fact]
    public void A_v1_restore_settles_only_the_rest_of_a_partly_settled_trade()
    {
        var restored = StateDocument.Restore(GoldenDocuments.Read("state-v1.json")).IfLeft(e => throw new Exception(e));
        var before = restored.Account.Capital;
        var rest = new Fill(3002, null, "ETH-USDT", OrderSide.Sell, 1.5m, 2_510, 1_749_650_030_000, "f-8", Settlement: new ExchangeSettlement(15, 1.2m));
        var o = Pink.Core.Kernel.Apply(restored, rest);
        // Closed and settled by the exchange, T3 leaves the state with its final figures.
        var t3 = o.Effects.OfType<TradeForgotten>().Single(f => f.TradeId == "T3").Trade!;
        Assert.True(t3.Closed);
        Assert.Equal(before + 15 - 1.2m, o.State.Account.Capital);
    }

    [Fact]
    public void A_v1_document_without_settled_realized_is_refused_not_defaulted()
    {
        var v1 = JsonNode.Parse(GoldenDocuments.Read("state-v1.json"))!;
        var trade = v1["state"]!["trades"]!.AsArray().Single(p => (string)p!["key"]! == "T3")!["value"]!.AsObject();
        trade.Remove("settled_realized");
        var error = StateDocument.Restore(v1.ToJsonString()).Match(_ => "restored", e => e);
        Assert.Equal("state document (version 1): trades[\"T3\"].settled_realized is missing", error);
    }
}
