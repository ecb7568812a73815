using LanguageExt;
using Pink.Core;

namespace Pink.Tests.Kernel;

/// <summary>
/// The kernel keeps a slot's trade and live orders in per-slot lanes (a cache of the maps) and its instrument's mark in
/// the lanes ahead of the marks map. What the state says must not depend on that: the public maps, equality, the state
/// document and <c>with</c> see every write, and the published snapshot's figures are those of its state.
/// </summary>
public class StateShapeTests
{
    private static Driver Working()
    {
        var d = new Driver();
        d.Open(0, "BTC-USDT", PositionSide.Long, 1.0m, "e1").Ack("e1", 11).Fill(11, "BTC-USDT", OrderSide.Buy, 0.4m, 60_000);
        return d.Mark("BTC-USDT", 60_500).Mark("BTC-USDT", 60_700);
    }

    [Fact]
    public void The_public_maps_show_every_write_made_while_the_trade_and_order_sit_in_their_slot()
    {
        var d = Working();
        Assert.Equal(0.4m, d.Trade("t-e1").OpenQty, 9);
        Assert.Equal(60_000, d.Trade("t-e1").EntryBasis, 9);
        Assert.Equal(0.4m, d.State.Orders.Find("e1").Map(o => o.FilledQty).IfNone(-1), 9);
        Assert.Equal(60_700, d.State.Marks.Find("BTCUSDT").IfNone(0), 9);
        Assert.Equal("e1", d.State.VenueOrders.Find(11).IfNone(""));
    }

    [Fact]
    public void A_trade_that_leaves_its_slot_keeps_its_newest_value_and_its_last_mark_stays()
    {
        var d = Working();
        d.Fill(11, "BTC-USDT", OrderSide.Buy, 0.6m, 60_100).Close(0, "x1").Ack("x1", 12).Mark("BTC-USDT", 61_000)
            .Fill(12, "BTC-USDT", OrderSide.Sell, 1.0m, 61_000);
        var trade = d.Trade("t-e1");
        Assert.True(trade.Closed);
        Assert.Equal(0.0m, trade.OpenQty, 9);
        Assert.Equal((61_000 - (0.4m * 60_000 + 0.6m * 60_100)) * 1.0m, trade.RealizedPnl, 6);
        Assert.Equal(OrderStatus.Filled, d.State.Orders.Find("x1").Map(o => o.Status).IfNone(OrderStatus.Working));
        Assert.Equal(61_000, d.State.Marks.Find("BTCUSDT").IfNone(0), 9);
        Assert.Null(d.Slot(0).TradeId);
    }

    [Fact]
    public void Equality_and_the_document_do_not_depend_on_where_the_state_keeps_a_value()
    {
        var d = Working();
        var restored = StateDocument.Restore(StateDocument.Save(d.State)).IfLeft(e => throw new Exception(e));
        Assert.Equal(d.State, restored);
        Assert.Equal(d.State.GetHashCode(), restored.GetHashCode());
        // The same next event on either gives the same state and effects.
        var next = new Fill(11, null, "BTC-USDT", OrderSide.Buy, 0.6m, 60_100, d.Now + 1000, "f9");
        var a = Pink.Core.Kernel.Apply(d.State, next);
        var b = Pink.Core.Kernel.Apply(restored, next);
        Assert.Equal(a.State, b.State);
        Assert.Equal(a.Effects.ToList(), b.Effects.ToList());
        Assert.Equal(StateDocument.Save(a.State), StateDocument.Save(b.State));
    }

    [Fact]
    public void With_on_a_state_keeps_what_the_slots_held()
    {
        var d = Working();
        var moved = d.State with { Slots = d.State.Slots.SetItem(1, Slot.Idle(1)) };
        Assert.Equal(d.State.Trades, moved.Trades);
        Assert.Equal(d.State.Orders, moved.Orders);
        Assert.Equal(d.State.Marks, moved.Marks);
        var marks = d.State with { Marks = d.State.Marks.AddOrUpdate("ETHUSDT", 3_000) };
        Assert.Equal(0.4m, marks.Trades.Find("t-e1").Map(t => t.OpenQty).IfNone(0), 9);
        Assert.Equal(60_700, marks.Marks.Find("BTCUSDT").IfNone(0), 9);
        Assert.Equal(3_000, marks.Marks.Find("ETHUSDT").IfNone(0), 9);
    }

    [Fact]
    public void States_a_mark_makes_share_the_ledger_part_and_stay_independent_under_with()
    {
        var d = Working();
        var before = d.State;
        d.Mark("BTC-USDT", 61_000);
        var marked = d.State;
        var changed = marked with { Account = marked.Account with { Capital = 1.0m } };
        Assert.Equal(before.Account, marked.Account);
        Assert.Equal(1.0m, changed.Account.Capital);
        Assert.NotEqual(1.0m, marked.Account.Capital);
        Assert.Equal(marked.Trades, changed.Trades);
        Assert.Equal(marked.Orders, changed.Orders);
        Assert.Equal(61_000, changed.Marks.Find("BTCUSDT").IfNone(0), 9);
        Assert.Equal(61_000, marked.Marks.Find("BTCUSDT").IfNone(0), 9);
        Assert.Equal(60_700, before.Marks.Find("BTCUSDT").IfNone(0), 9);
        // The next event applied to the changed state sees its capital, the unchanged one its own.
        var next = new MarkPrice("BTC-USDT", 61_100, d.Now + 1000);
        Assert.Equal(1.0m, Pink.Core.Kernel.Apply(changed, next).State.Account.Capital);
        Assert.Equal(marked.Account.Capital, Pink.Core.Kernel.Apply(marked, next).State.Account.Capital);
    }

    [Fact]
    public void The_kernel_snapshot_reads_its_figures_from_its_state_and_with_changes_only_what_it_names()
    {
        var d = Working();
        var snapshot = d.Last.OfType<PublishSnapshot>().Single().Snapshot;
        var a = d.State.Account;
        Assert.Equal(d.State.EventSeq, snapshot.EventSeq);
        Assert.Equal(a.Capital, snapshot.Capital);
        Assert.Equal(0.4m * 700, snapshot.UnrealizedPnl, 6);
        Assert.Equal(a.Capital + 0.4m * 700, snapshot.Equity, 6);
        var changed = snapshot with { Capital = 1.0m };
        Assert.Equal(1.0m, changed.Capital);
        Assert.Equal(snapshot.Equity, changed.Equity);
        Assert.Equal(snapshot.EventSeq, changed.EventSeq);
        Assert.Equal(snapshot.Slots, changed.Slots);
        Assert.NotEqual(snapshot, changed);
        Assert.Equal(snapshot, snapshot with { });
        var same = new AccountSnapshot(snapshot.EventSeq, snapshot.TimeMs, snapshot.Capital, snapshot.Equity, snapshot.CapitalSource,
            snapshot.EWalletBalance, snapshot.AvailableMargin, snapshot.FeesPaid, snapshot.UnrealizedPnl, snapshot.EntriesBlocked, snapshot.Slots);
        Assert.Equal(snapshot, same);
        Assert.Equal(snapshot.GetHashCode(), same.GetHashCode());
    }
}
