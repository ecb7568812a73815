using FsCheck;
using FsCheck.Fluent;

namespace Pink.Properties.Scenarios;

/// <summary>How one stream frame of a fill is shaped: BingX sends neither `L` nor `l`; other notes claim both.</summary>
public enum FrameShape { Plain, WithL, WithLastQty }

/// <summary>
/// How the venue reports one fill of an order: its stream frame (or none: lost, the next frame carrying the cumulative
/// figures), delivered again (right away or after the next fill's reports), an order answer (cumulative) before or
/// after it, and restarts of the kernel (its state through the state document) before and after.
/// </summary>
public sealed record PartDelivery(FrameShape Shape, bool Lost, bool Repeated, bool RepeatedLate, bool AnswerBefore, bool AnswerAfter,
    bool RestartBefore, bool RestartAfter)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{(Lost ? "lost" : Shape.ToString())}{(Repeated ? RepeatedLate ? " +late repeat" : " +repeat" : "")}{(AnswerBefore ? " answer-before" : "")}" +
        $"{(AnswerAfter ? " answer-after" : "")}{(RestartBefore ? " restart-before" : "")}{(RestartAfter ? " restart-after" : "")}";
}

/// <summary>One order's fills: cumulative quantities (strictly increasing), each fill's price, and how each is reported.</summary>
public sealed record OrderPlan(IReadOnlyList<decimal> Cum, IReadOnlyList<decimal> Prices, IReadOnlyList<PartDelivery> Deliveries)
{
    /// <summary>The order's total quantity.</summary>
    public decimal Total => Cum[^1];

    /// <summary>The quantity of fill <paramref name="k"/> (0-based).</summary>
    public decimal Qty(int k) => Cum[k] - (k == 0 ? 0 : Cum[k - 1]);

    /// <inheritdoc />
    public override string ToString() =>
        string.Join("; ", Cum.Select((c, k) => $"{Qty(k)}@{Prices[k]} (z {c}) {Deliveries[k]}"));
}

/// <summary>One trade in slot 0: the entry order, then the exit of the whole position.</summary>
public sealed record TradePlan(bool Long, int Leverage, OrderPlan Entry, OrderPlan Exit)
{
    /// <inheritdoc />
    public override string ToString() => $"{(Long ? "long" : "short")} x{Leverage}\n    entry: {Entry}\n    exit:  {Exit}";
}

/// <summary>
/// A venue's reporting of one or more trades. <see cref="Exact"/>: every cumulative quantity divides 10⁴ and prices have
/// 4 places, so every cumulative average is exact in 8 places (the venue rounds nothing); otherwise the venue rounds its
/// averages to <see cref="Places"/> places the way <see cref="Rounding"/> says, and its rp to 8 places.
/// </summary>
public sealed record ReportingPlan(bool Exact, int Places, MidpointRounding Rounding, decimal FeeRate, IReadOnlyList<TradePlan> Trades)
{
    // Quantities whose averages terminate within 4 more places than the prices: the divisors of 10⁴.
    private static readonly decimal[] Divisors = [1, 2, 4, 5, 8, 10, 16, 20, 25, 40, 50, 80, 100, 125, 200, 250, 400, 500, 625, 1000, 1250, 2000, 2500, 5000, 10000];

    /// <summary>Reporting plans; shrinking is left to the replay seed (the plan prints every choice).</summary>
    public static Arbitrary<ReportingPlan> Arbitrary() => Arb.From(Plan());

    private static Gen<ReportingPlan> Plan() =>
        from exact in Chance(40)
        from places in Gen.Elements(6, 7, 8)
        from rounding in Gen.Elements(MidpointRounding.ToEven, MidpointRounding.AwayFromZero)
        from fee in Gen.Elements(0.0005m, 0.0002m, 0.00045m)
        from count in Gen.Frequency((3, Gen.Constant(1)), (1, Gen.Constant(2)))
        from trades in Trade(exact).ListOf(count)
        select new ReportingPlan(exact, exact ? 8 : places, rounding, fee, trades.ToList());

    private static Gen<TradePlan> Trade(bool exact) =>
        from isLong in Chance(50)
        from leverage in Gen.Choose(1, 3)
        from entryCum in exact ? Gen.Elements(Divisors).SelectMany(ExactCumulatives) : Cumulatives()
        from exitCum in exact ? ExactCumulatives(entryCum[^1]) : Split(entryCum[^1])
        from entry in Order(entryCum)
        from exit in Order(exitCum)
        select new TradePlan(isLong, leverage, entry, exit);

    private static Gen<OrderPlan> Order(IReadOnlyList<decimal> cum) =>
        from ticks in Gen.Choose(-1_000, 1_000).ListOf(cum.Count)
        from deliveries in Delivery().ListOf(cum.Count)
        select new OrderPlan(cum, ticks.Select(t => 0.2m + t * 0.0001m).ToList(), deliveries.ToList());

    private static Gen<PartDelivery> Delivery() =>
        from shape in Gen.Elements(FrameShape.Plain, FrameShape.Plain, FrameShape.WithL, FrameShape.WithLastQty)
        from lost in Chance(25)
        from repeated in Chance(15)
        from late in Chance(50)
        from before in Chance(12)
        from after in Chance(12)
        from restartBefore in Chance(8)
        from restartAfter in Chance(8)
        select new PartDelivery(shape, lost, repeated, late, before, after, restartBefore, restartAfter);

    // 1–4 fills of 1–1000 each.
    private static Gen<IReadOnlyList<decimal>> Cumulatives() =>
        from n in Gen.Choose(1, 4)
        from parts in Gen.Choose(1, 1_000).ListOf(n)
        select (IReadOnlyList<decimal>)Running(parts.Select(p => (decimal)p));

    // The whole quantity in 1–4 fills: distinct cut points below it.
    private static Gen<IReadOnlyList<decimal>> Split(decimal total) =>
        from n in Gen.Choose(0, 3)
        from cuts in Gen.Choose(1, (int)Math.Max(1, total - 1)).ListOf(n)
        select (IReadOnlyList<decimal>)cuts.Select(c => (decimal)c).Where(c => c < total).Distinct().Order().Append(total).ToList();

    // Cumulative quantities among the divisors of 10⁴ up to a total (itself one).
    private static Gen<IReadOnlyList<decimal>> ExactCumulatives(decimal total) =>
        from n in Gen.Choose(0, 3)
        from picks in Gen.Elements(Divisors).ListOf(n)
        select (IReadOnlyList<decimal>)picks.Where(c => c < total).Distinct().Order().Append(total).ToList();

    private static List<decimal> Running(IEnumerable<decimal> parts)
    {
        var sum = 0m;
        return parts.Select(p => sum += p).ToList();
    }

    private static Gen<bool> Chance(int percent) => Gen.Frequency((percent, Gen.Constant(true)), (100 - percent, Gen.Constant(false)));

    /// <inheritdoc />
    public override string ToString() =>
        $"{(Exact ? "exact averages" : $"averages rounded to {Places} places ({Rounding})")}, fee rate {FeeRate}\n" +
        string.Join("\n", Trades.Select((t, i) => $"  trade {i + 1}: {t}"));
}
