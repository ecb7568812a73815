using LanguageExt;

namespace Pink.Core;

/// <summary>
/// A derived, immutable per-slot view of one <see cref="KernelState"/>: the trade each slot hosts, its symbol key, the
/// slot's live entry and exit orders, and the last mark of that instrument. Nothing in it is state of its own — it is
/// exactly what looking those up in <see cref="KernelState.Trades"/>, <see cref="KernelState.Orders"/> and
/// <see cref="KernelState.Marks"/> gives — so the hot path (marks, fills of working orders, the snapshot) does not walk
/// the maps, whose string keys are expensive to compare. The kernel builds it along with each state it makes; for any
/// other state (a restored document, a state changed with <c>with</c>) it is computed on first use.
/// </summary>
internal sealed class Lanes(Trade?[] trades, string?[] keys, Order?[] orders)
{
    /// <summary>The hosted trade of each slot, or null.</summary>
    public readonly Trade?[] Trades = trades;
    /// <summary><see cref="Symbols.Key"/> of each hosted trade's symbol, or null.</summary>
    public readonly string?[] Keys = keys;
    /// <summary>Live orders: [2i] the entry order of slot i, [2i + 1] its exit order (null when none or unknown).</summary>
    public readonly Order?[] Orders = orders;
    /// <summary>The mark of each lane's instrument, 0 when none (kept beside the lanes: marks change far more often).</summary>
    public static decimal[] MarksOf(string?[] keys, MarkMap marks)
    {
        var result = new decimal[keys.Length];
        for (var i = 0; i < keys.Length; i++)
            if (keys[i] is string key) result[i] = marks.Find(key).IfNone(0.0m);
        return result;
    }

    public static Lanes Of(KernelState state)
    {
        var n = state.Slots.Count;
        var hosted = new Trade?[n];
        var keys = new string?[n];
        var live = new Order?[2 * n];
        for (var i = 0; i < n; i++)
        {
            var slot = state.Slots[i];
            if (slot.TradeId is not null && state.Trades.Find(slot.TradeId).Case is Trade t)
            {
                hosted[i] = t;
                keys[i] = Symbols.Key(t.Symbol);
            }
            live[2 * i] = Find(state.Orders, slot.EntryOrder);
            live[2 * i + 1] = Find(state.Orders, slot.ExitOrder);
        }
        return new Lanes(hosted, keys, live);
    }

    private static Order? Find(OrderMap orders, string? id) => id is null ? null : orders.Find(id).Case as Order;
}
