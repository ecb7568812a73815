using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace Pink.Properties.Support;

/// <summary>
/// How many generated cases each property runs, and the one place that runs a property.
/// The default is sized for CI on a small machine; <c>PINK_PROPERTY_CASES</c> raises it for a long run, and
/// <c>PINK_PROPERTY_REPLAY</c> ("seed,gamma" as FsCheck prints it) reproduces a reported failure.
/// </summary>
public static class Cases
{
    /// <summary>Cases per property in the normal run (the issue asks for at least 1,000).</summary>
    public const int Default = 1_000;

    /// <summary>The environment variable that sets the case count for a long run.</summary>
    public const string CountVariable = "PINK_PROPERTY_CASES";

    /// <summary>The environment variable that replays a reported seed.</summary>
    public const string ReplayVariable = "PINK_PROPERTY_REPLAY";

    /// <summary>Cases per property for this run.</summary>
    public static int Count =>
        int.TryParse(Environment.GetEnvironmentVariable(CountVariable), out var n) && n > 0 ? n : Default;

    /// <summary>
    /// Run <paramref name="body"/> over <paramref name="arb"/>; a violation (any exception) fails the test with the
    /// shrunk counter-example and the seed to replay it.
    /// </summary>
    public static void Check<T>(Arbitrary<T> arb, Action<T> body, ITestOutputHelper? output = null)
    {
        var count = Count;
        var started = System.Diagnostics.Stopwatch.StartNew();
        Prop.ForAll(arb, body).Check(Configure(count));
        output?.WriteLine($"{count} cases passed in {started.Elapsed.TotalSeconds:0.0} s");
    }

    private static Config Configure(int count)
    {
        // EndSize bounds how long a generated history gets (see ScenarioGen); sizes grow linearly over the run.
        var config = Config.QuickThrowOnFailure.WithMaxTest(count).WithEndSize(100).WithQuietOnSuccess(true);
        var replay = Environment.GetEnvironmentVariable(ReplayVariable);
        if (string.IsNullOrWhiteSpace(replay)) return config;
        var parts = replay.Trim('(', ')', ' ').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return config.WithReplay(ulong.Parse(parts[0]), ulong.Parse(parts[1]));
    }
}
