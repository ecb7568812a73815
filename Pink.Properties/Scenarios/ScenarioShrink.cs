using Pink.Core;

namespace Pink.Properties.Scenarios;

/// <summary>
/// Shrinking of scenarios toward a short, plain story: drop runs of beats (halves, quarters, ... single beats), drop
/// start-up holdings, use fewer slots, then make each remaining beat plainer (one-second gaps, whole fills at the
/// level price with both ids and inline settlement, ...). Every candidate is a valid scenario because the simulation
/// skips beats that do not fit.
/// </summary>
public static class ScenarioShrink
{
    /// <summary>Smaller candidates, most aggressive first.</summary>
    public static IEnumerable<Scenario> Shrink(Scenario s)
    {
        foreach (var beats in Removals(s.Beats)) yield return s with { Beats = beats };
        for (var i = 0; i < s.Holdings.Count; i++) yield return s with { Holdings = Without(s.Holdings, i, 1) };
        if (s.Slots > 1) yield return s with { Slots = s.Slots - 1 };
        if (s.StartMs != 1_750_000_000_000L) yield return s with { StartMs = 1_750_000_000_000L };
        if (s.SeedCapital != 10_000) yield return s with { SeedCapital = 10_000 };
        for (var i = 0; i < s.Beats.Count; i++)
            foreach (var plainer in Plainer(s.Beats[i]))
                yield return s with { Beats = Replace(s.Beats, i, plainer) };
    }

    private static IEnumerable<IReadOnlyList<Beat>> Removals(IReadOnlyList<Beat> beats)
    {
        for (var chunk = beats.Count / 2; chunk >= 1; chunk /= 2)
            for (var start = 0; start + chunk <= beats.Count; start += chunk)
                yield return Without(beats, start, chunk);
    }

    /// <summary>Plainer versions of one beat (each changes one thing).</summary>
    public static IEnumerable<Beat> Plainer(Beat beat)
    {
        if (beat.Gap != 1) yield return beat with { Gap = 1 };
        switch (beat)
        {
            case OpenBeat b:
                if (b.Lots > 1) yield return b with { Lots = Math.Max(1, b.Lots / 2) };
                if (b.Leverage > 1) yield return b with { Leverage = 1 };
                if (b.PlainSpelling) yield return b with { PlainSpelling = false };
                if (b.Symbol != 0) yield return b with { Symbol = 0 };
                if (b.Slot != 0) yield return b with { Slot = 0 };
                break;
            case FillBeat b:
                if (b.Percent != 100) yield return b with { Percent = 100 };
                if (b.Tick != 0) yield return b with { Tick = b.Tick / 2 };
                if (!b.Priced) yield return b with { Priced = true };
                if (b.Ids != FillIds.Both) yield return b with { Ids = FillIds.Both };
                if (b.Settle != Settle.Inline) yield return b with { Settle = Settle.Inline };
                if (b.FeeBps != 0) yield return b with { FeeBps = 0 };
                if (b.WithCumQty) yield return b with { WithCumQty = false };
                if (b.PlainSpelling) yield return b with { PlainSpelling = false };
                if (b.Slot != 0) yield return b with { Slot = 0 };
                break;
            case FlipBeat b:
                if (b.ExtraLots > 1) yield return b with { ExtraLots = 1 };
                if (b.Tick != 0) yield return b with { Tick = b.Tick / 2 };
                if (!b.Priced) yield return b with { Priced = true };
                break;
            case MarkBeat b when b.Tick != 0:
                yield return b with { Tick = b.Tick / 2 };
                break;
            case FlowBeat b when b.Amount != 0:
                yield return b with { Amount = b.Amount / 2 };
                break;
            case ForeignFillBeat b:
                if (b.Pnl != 0) yield return b with { Pnl = b.Pnl / 2 };
                if (b.Lots > 1) yield return b with { Lots = 1 };
                if (b.Tick != 0) yield return b with { Tick = 0 };
                break;
            case DuplicateBeat b when b.Back != 0:
                yield return b with { Back = 0 };
                break;
            case SettleBeat b when b.Pick != 0:
                yield return b with { Pick = 0 };
                break;
            case CloseBeat b when b.Slot != 0:
                yield return b with { Slot = 0 };
                break;
            case AckBeat b when b.Slot != 0:
                yield return b with { Slot = 0 };
                break;
        }
    }

    private static IReadOnlyList<T> Without<T>(IReadOnlyList<T> list, int start, int count)
    {
        var copy = new List<T>(list.Count - count);
        for (var i = 0; i < list.Count; i++)
            if (i < start || i >= start + count) copy.Add(list[i]);
        return copy;
    }

    private static IReadOnlyList<T> Replace<T>(IReadOnlyList<T> list, int index, T value)
    {
        var copy = list.ToList();
        copy[index] = value;
        return copy;
    }
}
