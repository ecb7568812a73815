using LanguageExt;

namespace Pink.Core;

/// <summary>
/// A derived, immutable per-slot view of one <see cref="KernelState"/>: the symbol key of the trade each slot hosts,
/// beside which the state keeps the last mark of that instrument (the hot marks). Nothing in it is state of its own —
/// it is exactly what looking the slots' trades up in <see cref="KernelState.Trades"/> gives — so a mark finds its
/// lanes without walking the maps. The slots' trades and orders themselves are read from the maps (which hold only
/// what is live, see Forgetting). The kernel builds it along with each state it makes; for any other state (a restored
/// document, a state changed with <c>with</c>) it is computed on first use.
/// </summary>
internal sealed class Lanes(string?[] keys)
{
    /// <summary><see cref="Symbols.Key"/> of each hosted trade's symbol, or null.</summary>
    public readonly string?[] Keys = keys;
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
        var keys = new string?[n];
        for (var i = 0; i < n; i++)
        {
            var slot = state.Slots[i];
            if (slot.TradeId is not null && state.Trades.Find(slot.TradeId).Case is Trade t) keys[i] = Symbols.Key(t.Symbol);
        }
        return new Lanes(keys);
    }
}
