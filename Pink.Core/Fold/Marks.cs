namespace Pink.Core;

/// <summary>
/// Mark prices (rule 2). Invariants: a mark is kept only for instruments a slot holds; it moves unrealized PnL and
/// the published snapshot, writes no row, and never becomes an entry basis.
/// </summary>
internal static class Marks
{
    public static void Apply(Step s, MarkPrice e)
    {
        if (!Pnl.Usable(e.Price) || string.IsNullOrWhiteSpace(e.Symbol))
        {
            s.Diag(DiagnosticKinds.MalformedInput, Severity.Warning, $"mark {e.Symbol} {e.Price}: needs a symbol and a positive price");
            return;
        }
        var key = Symbols.Key(e.Symbol);
        var held = false;
        foreach (var slot in s.State.Slots)
            if (s.TradeOf(slot.TradeId) is Trade t && Symbols.Key(t.Symbol) == key) { held = true; break; }
        if (!held) return;
        if (s.State.Marks.Find(key).Case is double previous && previous == e.Price) return;
        s.State = s.State with { Marks = s.State.Marks.AddOrUpdate(key, e.Price) };
        s.Touch(ledger: false);
    }
}
