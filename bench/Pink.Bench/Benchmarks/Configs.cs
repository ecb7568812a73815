using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Pink.Bench.Benchmarks;

/// <summary>Columns every suite shows: throughput (Op/s = events, frames or restarts per second) and allocation.</summary>
public abstract class PinkConfig : ManualConfig
{
    protected PinkConfig(Job job)
    {
        AddJob(job.WithGcServer(false).WithGcConcurrent(true));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.OperationsPerSecond);
        HideColumns("Error", "Gen0", "Gen1", "Gen2");
        AddColumn(StatisticColumn.Median);
    }
}

/// <summary>Long invocations (a whole stream per invocation): no pilot, each iteration is one pass.</summary>
public sealed class StreamConfig() : PinkConfig(Job.Default.WithStrategy(RunStrategy.Monitoring)
    .WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(10).WithInvocationCount(1).WithUnrollFactor(1));

/// <summary>Short operations batched per invocation.</summary>
public sealed class BatchConfig() : PinkConfig(Job.Default.WithStrategy(RunStrategy.Monitoring)
    .WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(15).WithInvocationCount(1).WithUnrollFactor(1));

/// <summary>
/// One operation per iteration, measured one by one, so the iteration statistics are the per-operation latency
/// distribution (p50 = Median, p95, p99).
/// </summary>
public sealed class LatencyConfig : PinkConfig
{
    public LatencyConfig() : base(Job.Default.WithStrategy(RunStrategy.Monitoring)
        .WithLaunchCount(1).WithWarmupCount(2_000).WithIterationCount(20_000).WithInvocationCount(1).WithUnrollFactor(1).WithGcForce(false))
    {
        AddColumn(StatisticColumn.P95, new PercentileColumn(99));
        HideColumns("Op/s");
    }
}

/// <summary>A percentile of the iteration measurements.</summary>
public sealed class PercentileColumn(int percentile) : IColumn
{
    public string Id => $"P{percentile}";
    public string ColumnName => $"P{percentile}";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Statistics;
    public int PriorityInCategory => 10;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Time;
    public string Legend => $"Percentile {percentile} of the per-iteration measurements";
    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var stats = summary[benchmarkCase]?.ResultStatistics;
        if (stats is null) return "NA";
        var ns = stats.Percentiles.Percentile(percentile);
        return ns < 1_000 ? $"{ns:0.0} ns" : ns < 1_000_000 ? $"{ns / 1_000:0.00} μs" : $"{ns / 1_000_000:0.00} ms";
    }
}

/// <summary>Like <see cref="LatencyConfig"/>, with fewer iterations: each one waits on a socket.</summary>
public sealed class SocketLatencyConfig : PinkConfig
{
    public SocketLatencyConfig() : base(Job.Default.WithStrategy(RunStrategy.Monitoring)
        .WithLaunchCount(1).WithWarmupCount(300).WithIterationCount(3_000).WithInvocationCount(1).WithUnrollFactor(1).WithGcForce(false))
    {
        AddColumn(StatisticColumn.P95, new PercentileColumn(99));
        HideColumns("Op/s");
    }
}
