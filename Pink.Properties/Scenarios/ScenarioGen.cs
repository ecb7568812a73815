using FsCheck;
using FsCheck.Fluent;
using Pink.Core;

namespace Pink.Properties.Scenarios;

/// <summary>
/// Generators of realistic scenarios: 1–4 slots, long and short, partial fills with random incremental quantities and
/// true prices (some reported price-less), marks, balance reports consistent with the fills, exchange settlements
/// with `rp`, duplicated events, foreign fills, deposits and funding, unknown order ids, missing acknowledgements and
/// restarts at any point. The mix is weighted toward what a trading day looks like: mostly intents and fills.
/// </summary>
public static class ScenarioGen
{
    /// <summary>The normal time between beats is one second; sometimes none, sometimes long, rarely backwards.</summary>
    public static readonly Gen<int> Gap = Gen.Frequency(
        (12, Gen.Constant(1)), (3, Gen.Elements(0, 5, 30)), (1, Gen.Elements(600, 7_200)), (1, Gen.Elements(-2, -90)));

    private static Gen<bool> Chance(int percent) => Gen.Frequency((percent, Gen.Constant(true)), (100 - percent, Gen.Constant(false)));

    private static Gen<T> OneOf<T>(params T[] values) => Gen.Elements(values);

    /// <summary>A whole scenario; it grows with FsCheck's size: up to 1 + size/12 trade episodes and size/3 single beats.</summary>
    public static Gen<Scenario> Scenario() =>
        from slots in Gen.Choose(1, 4)
        from cap in Gen.Choose(1, 3)
        from seed in OneOf(10_000, 0, 9_500)
        from start in Gen.Frequency((12, Gen.Constant(1_750_000_000_000L)), (1, OneOf(0L, -86_400_000L, 253_402_300_000_000L)))
        from holdings in Gen.Frequency((4, Gen.Constant(0)), (1, Gen.Choose(1, 2))).SelectMany(n => Holding().ListOf(n))
        from beats in Gen.Sized(size => Beats(slots, cap, size))
        select new Scenario(slots, cap, seed, start, holdings, beats);

    // A day is a few trade episodes (open, fills, close, fills) on different slots, interleaved, with single beats
    // — anchors, marks, duplicates, foreign fills, restarts, stray intents — falling anywhere in between.
    private static Gen<IReadOnlyList<Beat>> Beats(int slots, int cap, int size) =>
        from episodes in Gen.Choose(0, 1 + size / 12).SelectMany(n => Episode(slots, cap).ListOf(n))
        from singles in Gen.Choose(0, Math.Max(1, size / 3)).SelectMany(n => Keyed(Beat(slots, cap)).ListOf(n))
        select (IReadOnlyList<Beat>)episodes.SelectMany(e => e).Concat(singles).OrderBy(k => k.Key).Select(k => k.Beat).ToList();

    private static Gen<(int Key, Beat Beat)> Keyed(Gen<Beat> beat) =>
        from key in Gen.Choose(0, 400) from b in beat select (key, b);

    /// <summary>One trade's story on one slot, each beat with a sort key so episodes interleave in order.</summary>
    public static Gen<List<(int Key, Beat Beat)>> Episode(int slots, int cap) =>
        from slot in Gen.Choose(0, slots - 1)
        from open in Open(Gen.Constant(slot), cap)
        from ackEntry in Chance(70)
        from entries in Gen.Choose(1, 4).SelectMany(n => Fill(Gen.Constant(slot), OrderPurpose.Entry).ListOf(n))
        from marks in Gen.Choose(0, 2).SelectMany(n => Gen.Choose(-20, 20).ListOf(n))
        from close in Chance(85)
        from ackExit in Chance(60)
        from exits in Gen.Choose(1, 4).SelectMany(n => Fill(Gen.Constant(slot), OrderPurpose.Exit).ListOf(n))
        from settles in Gen.Choose(0, 2).SelectMany(n => (from p in Gen.Choose(0, 5) from g in Gap select (Beat)new SettleBeat(p, g)).ListOf(n))
        from start in Gen.Choose(0, 300)
        from steps in Gen.Choose(1, 12).ListOf(16)
        select Sequence(start, steps, Story(slot, open, ackEntry, entries, marks.Select(t => (Beat)new MarkBeat(((OpenBeat)open).Symbol, t, 1)).ToList(),
            close, ackExit, exits, settles));

    private static IEnumerable<Beat> Story(int slot, Beat open, bool ackEntry, List<Beat> entries, List<Beat> marks, bool close, bool ackExit,
        List<Beat> exits, List<Beat> settles)
    {
        yield return open;
        if (ackEntry) yield return new AckBeat(slot, 1);
        for (var i = 0; i < entries.Count; i++)
        {
            yield return entries[i];
            if (i < marks.Count) yield return marks[i];
        }
        if (!close) yield break;
        yield return new CloseBeat(slot, 1);
        if (ackExit) yield return new AckBeat(slot, 1);
        foreach (var f in exits) yield return f;
        foreach (var s in settles) yield return s;
    }

    private static List<(int Key, Beat Beat)> Sequence(int start, List<int> steps, IEnumerable<Beat> beats)
    {
        var keyed = new List<(int, Beat)>();
        var key = start;
        var i = 0;
        foreach (var b in beats) keyed.Add((key += steps[i++ % steps.Count], b));
        return keyed;
    }

    /// <summary>A position the exchange holds at start-up.</summary>
    public static Gen<Holding> Holding() =>
        from symbol in Gen.Choose(0, 2)
        from side in OneOf(PositionSide.Long, PositionSide.Short)
        from lots in Gen.Choose(1, 50)
        from tick in Gen.Choose(-10, 10)
        select new Holding(symbol, side, lots, tick);

    /// <summary>One beat for an account of <paramref name="slots"/> slots and leverage cap <paramref name="cap"/>.</summary>
    public static Gen<Beat> Beat(int slots, int cap)
    {
        var slot = Gen.Choose(0, slots - 1);
        return Gen.Frequency(
            (4, Open(slot, cap)),
            (3, from s in slot from g in Gap select (Beat)new AckBeat(s, g)),
            (14, from p in OneOf(OrderPurpose.Entry, OrderPurpose.Exit) from f in Fill(slot, p) select f),
            (3, from s in slot from g in Gap select (Beat)new CloseBeat(s, g)),
            (2, from s in slot from extra in Gen.Choose(1, 20) from tick in Gen.Choose(-20, 20) from priced in Chance(85) from g in Gap
                select (Beat)new FlipBeat(s, extra, tick, priced, g)),
            (3, from s in slot from p in OneOf(OrderPurpose.Entry, OrderPurpose.Exit) from g in Gap select (Beat)new CancelBeat(s, p, g)),
            (2, from s in slot from g in Gap select (Beat)new RejectBeat(s, g)),
            (5, from sym in Gen.Choose(0, 2) from tick in Gen.Choose(-20, 20) from g in Gap select (Beat)new MarkBeat(sym, tick, g)),
            (6, from r in OneOf(BalanceReason.Order, BalanceReason.Poll) from g in Gap select (Beat)new AnchorBeat(r, g)),
            (1, from b in OneOf(BadBalance.Zero, BadBalance.Negative, BadBalance.Huge, BadBalance.Extreme) from g in Gap select (Beat)new BadAnchorBeat(b, g)),
            (2, from r in OneOf(BalanceReason.Transfer, BalanceReason.Funding) from amount in Gen.Choose(-500, 2_000) from g in Gap
                select (Beat)new FlowBeat(r, r == BalanceReason.Funding ? amount / 100 : amount, g)),
            (3, Foreign()),
            (5, from pick in Gen.Choose(0, 5) from g in Gap select (Beat)new SettleBeat(pick, g)),
            (5, from back in Gen.Frequency((3, Gen.Constant(0)), (2, Gen.Choose(1, 12))) from g in Gap select (Beat)new DuplicateBeat(back, g)),
            (3, from k in OneOf(Enum.GetValues<Unknown>()) from sym in Gen.Choose(0, 2) from g in Gap select (Beat)new UnknownBeat(k, sym, g)),
            (3, from g in Gap select (Beat)new RestartBeat(g)));
    }

    private static Gen<Beat> Open(Gen<int> slot, int cap) =>
        from s in slot
        from symbol in Gen.Choose(0, 2)
        from side in OneOf(PositionSide.Long, PositionSide.Short)
        from lots in Gen.Frequency((3, Gen.Choose(1, 10)), (2, Gen.Choose(10, 100)))
        from leverage in Gen.Frequency((19, Gen.Choose(1, cap)), (1, Gen.Constant(cap + 1)))
        from plain in Chance(20)
        from g in Gap
        select (Beat)new OpenBeat(s, symbol, side, lots, leverage, plain, g);

    private static Gen<Beat> Fill(Gen<int> slot, OrderPurpose purpose) =>
        from s in slot
        from percent in Gen.Frequency((3, Gen.Constant(100)), (5, Gen.Choose(1, 100)))
        from tick in Gen.Choose(-20, 20)
        from priced in Chance(85)
        from ids in OneOf(FillIds.Both, FillIds.VenueOnly)
        from settle in Gen.Frequency((2, Gen.Constant(Settle.Inline)), (1, Gen.Constant(Settle.Later)), (1, Gen.Constant(Settle.Never)))
        from fee in OneOf(0, 2, 5, -1)
        from cum in Chance(30)
        from plain in Chance(20)
        from g in Gap
        select (Beat)new FillBeat(s, purpose, percent, tick, priced, ids, settle, fee, cum, plain, g);

    private static Gen<Beat> Foreign() =>
        from symbol in Gen.Choose(0, 2)
        from side in OneOf(OrderSide.Buy, OrderSide.Sell)
        from lots in Gen.Choose(1, 20)
        from tick in Gen.Choose(-20, 20)
        from pnl in Gen.Choose(-200, 200)
        from same in Chance(30)
        from g in Gap
        select (Beat)new ForeignFillBeat(symbol, side, lots, tick, pnl, same, g);

    /// <summary>Scenarios with shrinking that removes beats first, then makes the remaining ones plainer.</summary>
    public static Arbitrary<Scenario> Arbitrary() => Arb.From(Scenario(), ScenarioShrink.Shrink);
}
