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

    /// <summary>An order of a state, or null.</summary>
    public static Order? OrderOf(KernelState s, string? id) => id is not null && s.Orders.Find(id).Case is Order o ? o : null;
}
