using LanguageExt;

namespace Pink.Core;

/// <summary>
/// Mark prices (rule 2). Invariants: a mark is kept only for instruments a slot holds; it moves unrealized PnL and
/// the published snapshot, writes no row, and never becomes an entry basis.
/// </summary>
internal static class Marks
{
    /// <summary>
    /// The common case without a step: a usable mark for a held instrument (or for none). Gives exactly what
    /// <see cref="Apply"/> and <see cref="Step.Finish"/> give — the same state and the one snapshot — or null for the
    /// general path (a malformed mark).
    /// </summary>
    public static Outcome? Fast(KernelState state, MarkPrice e)
    {
        if (!Pnl.Usable(e.Price) || string.IsNullOrWhiteSpace(e.Symbol)) return null;
        var keys = state.LanesView.Keys;
        var laneMarks = state.LaneMarks;
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] is not string key || !Symbols.IsKeyOf(e.Symbol, key)) continue;
            if (laneMarks[i] == e.Price) break; // the same mark again (0 = none is never a usable price)
            var marks = (decimal[])laneMarks.Clone();
            for (var j = i; j < keys.Length; j++)
                if (keys[j] is string k && k == key) marks[j] = e.Price;
            // The lanes' marks are the truth for held instruments (see KernelState): the marks map is not written.
            var next = state.Marked(state.EventSeq + 1, Math.Max(state.LastEventMs, e.TimeMs), marks);
            return new Outcome(next, Prelude.toSeq(new Effect[] { new PublishSnapshot(Queries.Snapshot(next)) }));
        }
        return new Outcome(state, LanguageExt.Seq<Effect>.Empty);
    }

    public static void Apply(Step s, MarkPrice e)
    {
        if (!Pnl.Usable(e.Price) || string.IsNullOrWhiteSpace(e.Symbol))
        {
            s.Diag(DiagnosticKinds.MalformedInput, Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"mark {e.Symbol} {e.Price}: needs a symbol and a positive price"));
            return;
        }
        if (s.LanesUnchanged)
        {
            // The hot path: the slots' symbol keys and last marks are at hand in the lanes.
            var keys = s.Lanes.Keys;
            for (var i = 0; i < keys.Length; i++)
            {
                if (keys[i] is not string key || !Symbols.IsKeyOf(e.Symbol, key)) continue;
                if (s.LaneMark(i) == e.Price) return; // the same mark again (0 = none is never a usable price)
                s.PutMark(key, e.Price);
                s.Touch(ledger: false);
                return;
            }
            return;
        }
        var k = Symbols.Key(e.Symbol);
        var held = false;
        for (var i = 0; i < s.SlotCount; i++)
            if (s.TradeOf(s.SlotAt(i)!.TradeId) is Trade t && Symbols.Key(t.Symbol) == k) { held = true; break; }
        if (!held) return;
        if (s.MarkOf(k) is decimal previous && previous == e.Price) return;
        s.PutMark(k, e.Price);
        s.Touch(ledger: false);
    }
}
