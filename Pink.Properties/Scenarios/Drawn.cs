using FsCheck;
using FsCheck.Fluent;

namespace Pink.Properties.Scenarios;

/// <summary>
/// A scenario with two extra numbers a property interprets (a restart position, a pair of leverages, ...).
/// The numbers shrink toward 0, so a counter-example picks the first position or the lowest choice it can.
/// </summary>
public sealed record Drawn(Scenario Scenario, int A, int B)
{
    /// <summary>Scenarios with two numbers in [0, 10 000].</summary>
    public static Arbitrary<Drawn> Arbitrary() =>
        Arb.From(
            from s in ScenarioGen.Scenario() from a in Gen.Choose(0, 10_000) from b in Gen.Choose(0, 10_000) select new Drawn(s, a, b),
            Shrink);

    private static IEnumerable<Drawn> Shrink(Drawn d)
    {
        foreach (var s in ScenarioShrink.Shrink(d.Scenario)) yield return d with { Scenario = s };
        if (d.A != 0) yield return d with { A = d.A / 2 };
        if (d.B != 0) yield return d with { B = d.B / 2 };
    }

    /// <inheritdoc />
    public override string ToString() => $"A={A}, B={B}\n{Scenario}";
}
