namespace Pink.Bench.Tests;

/// <summary>
/// How much of the stream the checks run on. CI (test.sh) sets PINK_BENCH_FAST=1: 100,000 events and 1,000 closed
/// trades, a few seconds each; without it, the benchmark's own sizes (1,000,000 events, 10,000 closed trades).
/// </summary>
internal static class Size
{
    public static bool Fast => Environment.GetEnvironmentVariable("PINK_BENCH_FAST") == "1";
    public static int Events => Fast ? 100_000 : 1_000_000;
    public static int ClosedTrades => Fast ? 1_000 : 10_000;
}
