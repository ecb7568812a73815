using FsCheck;
using FsCheck.Fluent;
using Pink.Core;

namespace Pink.Properties.Scenarios;

/// <summary>
/// Arbitrary kernel events, malformed ones included: every field drawn from values a broken adapter or a hostile
/// stream could send — zero, negative and huge numbers (decimal's extremes, the kernel's 10¹² bound and beyond it), null and odd strings, extreme times, slot
/// indices out of range, undefined enumeration values, null list entries — mixed with plausible values, so some
/// chaos events also hit real orders and slots.
/// </summary>
public static class ChaosGen
{
    private static readonly Gen<decimal> Number = Gen.OneOf(
        Gen.Elements(0.0m, -0.0m, -1.0m, decimal.MaxValue, decimal.MinValue, 0.0000000000000000000000000001m, 0.000000000001m,
            1_000_000_000_000m, 1_000_000_000_001m, -1_000_000_000_001m, 79_228_162_514_264.337593543950335m),
        Gen.Choose(-1_000, 100_000).Select(i => i / 100.0m));

    private static readonly Gen<decimal?> MaybeNumber = Gen.OneOf(Gen.Constant<decimal?>(null), Number.Select(x => (decimal?)x));

    private static readonly Gen<string?> Text = Gen.Elements<string?>(null, "", " ", "FET-USDT", "fetusdt", "FETUSDT", "BTC-USDT", "ETH-USDT",
        "-", "o0", "o1", "c2", "t-o0", "startup", "b3", "f1000-1", "💥", new string('x', 300));

    private static readonly Gen<string> Id = Text.Select(t => t ?? "");

    private static readonly Gen<long> Time = Gen.OneOf(
        Gen.Elements(0L, -1L, long.MinValue, long.MaxValue, 253_402_300_800_000L, -62_135_596_800_001L),
        Gen.Choose(0, 100_000).Select(i => 1_750_000_000_000L + i * 1000L));

    private static readonly Gen<long?> VenueId = Gen.OneOf(Gen.Constant<long?>(null),
        Gen.Elements<long?>(0, -1, long.MaxValue, long.MinValue), Gen.Choose(1_000, 1_010).Select(i => (long?)i));

    private static readonly Gen<int> Slot = Gen.OneOf(Gen.Elements(int.MinValue, -1, int.MaxValue), Gen.Choose(0, 5));

    private static Gen<T> Enum<T>(params T[] undefined) where T : struct, System.Enum =>
        Gen.Frequency((9, Gen.Elements(System.Enum.GetValues<T>())), (1, Gen.Elements(undefined)));

    /// <summary>One arbitrary event (or null).</summary>
    public static Gen<KernelEvent?> Event() => Gen.Frequency(
        (1, Gen.Constant<KernelEvent?>(null)),
        (3, from s in Slot from sym in Text from side in Enum((PositionSide)7) from q in Number from lev in Gen.Elements(int.MinValue, -1, 0, 1, 3, 99)
            from c in Text from t in Text from time in Time
            select (KernelEvent?)new OpenIntent(s, sym!, side, q, lev, c!, t, time)),
        (2, from s in Slot from c in Text from time in Time select (KernelEvent?)new CloseIntent(s, c!, time)),
        (2, from c in Text from v in Gen.Elements(0L, -1L, 1000L, 1001L, long.MaxValue) from time in Time select (KernelEvent?)new OrderAcknowledged(c!, v, time)),
        (2, from c in Text from v in VenueId from r in Text from time in Time select (KernelEvent?)new OrderRejected(c, v, r!, time)),
        (2, from c in Text from v in VenueId from r in Text from time in Time select (KernelEvent?)new OrderCancelled(c, v, r!, time)),
        (5, from v in VenueId from c in Text from sym in Text from side in Enum((OrderSide)5) from q in Number from p in Number from time in Time
            from id in Text from cum in MaybeNumber from avg in MaybeNumber from rp in MaybeNumber from fee in Number from settle in Gen.Elements(true, false)
            select (KernelEvent?)new Fill(v, c, sym!, side, q, p, time, id, cum, avg, settle ? new ExchangeSettlement(rp, fee) : null)),
        (2, from id in Id from v in Gen.Elements(0L, -1L, 1000L, 1001L) from rp in MaybeNumber from fee in Number from time in Time
            select (KernelEvent?)new FillSettled(id, v, rp, fee, time)),
        (2, from sym in Text from p in Number from time in Time select (KernelEvent?)new MarkPrice(sym!, p, time)),
        (2, from id in Id from w in Number from m in Number from r in Enum((BalanceReason)9) from time in Time
            select (KernelEvent?)new BalanceReport(id, w, m, r, time)),
        (2, from id in Id from n in Gen.Choose(0, 3) from ps in Position().ListOf(n) from time in Time
            select (KernelEvent?)new PositionsReport(id, ps.ToArray(), time)),
        (1, from s in Text from d in Text from time in Time select (KernelEvent?)new InputRejected(s!, d!, time)));

    private static Gen<ExchangePosition> Position() => Gen.Frequency(
        (1, Gen.Constant<ExchangePosition>(null!)),
        (5, from sym in Text from side in Enum((PositionSide)3) from q in Number from p in Number from lev in Gen.Elements(int.MinValue, 0, 1, 3, 125)
            select new ExchangePosition(sym!, side, q, p, lev)));
}

/// <summary>A scenario with chaos events to deliver at drawn positions of its history.</summary>
public sealed record ChaosScenario(Scenario Scenario, IReadOnlyList<(int Position, KernelEvent? Event)> Chaos)
{
    /// <summary>Scenarios with 1–8 chaos events; shrinking drops chaos events, then shrinks the scenario.</summary>
    public static Arbitrary<ChaosScenario> Arbitrary() => Arb.From(
        from s in ScenarioGen.Scenario()
        from chaos in Gen.Choose(1, 8).SelectMany(n => (from p in Gen.Choose(0, 10_000) from e in ChaosGen.Event() select (p, e)).ListOf(n))
        select new ChaosScenario(s, chaos),
        Shrink);

    private static IEnumerable<ChaosScenario> Shrink(ChaosScenario c)
    {
        for (var i = 0; i < c.Chaos.Count; i++)
            if (c.Chaos.Count > 1) yield return c with { Chaos = c.Chaos.Where((_, j) => j != i).ToList() };
        foreach (var s in ScenarioShrink.Shrink(c.Scenario)) yield return c with { Scenario = s };
    }

    /// <summary>The history with the chaos events inserted.</summary>
    public History Build()
    {
        var history = Simulation.Run(Scenario);
        var items = history.Items.ToList();
        foreach (var (position, e) in Chaos.OrderByDescending(c => c.Position))
        {
            var at = position % (items.Count + 1);
            items.Insert(at, new EventItem(e!, Origin.Unknown, null, history.VenueBefore(Math.Min(at, history.Items.Count))));
        }
        return history.With(items);
    }

    /// <inheritdoc />
    public override string ToString() => $"chaos: {string.Join("; ", Chaos.Select(c => $"#{c.Position} {c.Event?.ToString() ?? "null"}"))}\n{Scenario}";
}
