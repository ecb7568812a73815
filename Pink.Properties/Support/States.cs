using Pink.Core;

namespace Pink.Properties.Support;

/// <summary>Comparisons of kernel states that properties share.</summary>
public static class States
{
    /// <summary>
    /// Equal in everything a reader or the ledger can see: the de-duplication memory is bookkeeping of which exchange
    /// ids were applied, not a change of the books, so it is left out.
    /// </summary>
    public static bool SameBooks(KernelState a, KernelState b) =>
        ReferenceEquals(a, b) || (a with { Dedup = b.Dedup }).Equals(b);

    /// <summary>Exactly equal (de-duplication memory included).</summary>
    public static bool Same(KernelState a, KernelState b) => ReferenceEquals(a, b) || a.Equals(b);

    /// <summary>A trade of a state, or null.</summary>
    public static Trade? TradeOf(KernelState s, string? id) => id is not null && s.Trades.Find(id).Case is Trade t ? t : null;

    /// <summary>
    /// The trades after a step: the state's, and the ones the step forgot (their final figures, from TradeForgotten) —
    /// a property about what a step did to a trade must see the trade it closed and forgot at once.
    /// </summary>
    public static IEnumerable<Trade> TradesAfter(Pink.Properties.Scenarios.TraceStep step) =>
        step.After.Trades.Values.Concat(step.Effects.OfType<TradeForgotten>().Select(f => f.Trade).OfType<Trade>());

    /// <summary>The orders after a step: the state's and the ones the step forgot with their trades.</summary>
    public static IEnumerable<Order> OrdersAfter(Pink.Properties.Scenarios.TraceStep step) =>
        step.After.Orders.Values.Concat(step.Effects.OfType<TradeForgotten>().SelectMany(f => f.Orders));

    /// <summary>A trade after a step (see <see cref="TradesAfter"/>), or null.</summary>
    public static Trade? TradeAfter(Pink.Properties.Scenarios.TraceStep step, string? id) =>
        id is null ? null : TradeOf(step.After, id) ?? step.Effects.OfType<TradeForgotten>().FirstOrDefault(f => f.TradeId == id)?.Trade;

    /// <summary>An order of a state, or null.</summary>
    public static Order? OrderOf(KernelState s, string? id) => id is not null && s.Orders.Find(id).Case is Order o ? o : null;
}
