namespace Pink.Tests.Metrics;

/// <summary>
/// Tests that start an exporter listen to every meter named "Pink" in the process: they run one at a time so that one
/// test's run gauges never show up in another's export.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "metrics export";
}
