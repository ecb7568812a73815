namespace Pink.Properties.Support;

/// <summary>A property found a history that breaks its invariant. The message says where and how.</summary>
public sealed class Violation(string message) : Exception(message);

/// <summary>Small assertion helpers whose messages read as the invariant that broke.</summary>
public static class Require
{
    /// <summary>Fail with <paramref name="why"/> unless <paramref name="condition"/> holds.</summary>
    public static void That(bool condition, Func<string> why)
    {
        if (!condition) throw new Violation(why());
    }

    /// <summary>Fail unless the two numbers agree within a tolerance scaled by their magnitude.</summary>
    public static void Close(decimal expected, decimal actual, Func<string> what, decimal relative = 0.000000001m)
    {
        if (Near(expected, actual, relative)) return;
        throw new Violation($"{what()}: expected {expected:R}, got {actual:R} (diff {actual - expected:R})");
    }

    /// <summary>True when the two agree within <paramref name="relative"/> of their magnitude (absolute near zero).</summary>
    public static bool Near(decimal expected, decimal actual, decimal relative = 0.000000001m)
    {
        if (expected.Equals(actual)) return true;
        var scale = Math.Max(1.0m, Math.Max(Math.Abs(expected), Math.Abs(actual)));
        return Math.Abs(expected - actual) <= relative * scale;
    }
}
