namespace Pink.Tests;

/// <summary>Equality within a stated tolerance, for figures derived from the venue's rounded averages.</summary>
public static class Approx
{
    public static void Near(decimal expected, decimal actual, decimal tolerance) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"expected {expected} ± {tolerance}, got {actual} (off by {actual - expected})");
}
