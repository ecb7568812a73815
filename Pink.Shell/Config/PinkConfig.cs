using Pink.Core;
using Pink.Shell.Metrics;

namespace Pink.Shell.Config;

/// <summary>
/// The runner's configuration: a JSON file (optional) overlaid by environment variables. Secrets (API keys) are never
/// read from the file — only from the environment — so a configuration can be shared and logged.
/// </summary>
public sealed record PinkConfig
{
    /// <summary>The namespace: the ClickHouse database and the prefix of every Hazelcast map.</summary>
    public string Namespace { get; init; } = "dolphin_pink";
    /// <summary>ClickHouse HTTP URL; null = start a local engine (or fall back to a file sink, with a warning).</summary>
    public string? ClickHouseUrl { get; init; }
    /// <summary>The ClickHouse database rows go to; must equal the namespace.</summary>
    public string Database { get; init; } = "dolphin_pink";
    /// <summary>Hazelcast member address host:port; null = in-process publisher only.</summary>
    public string? HazelcastAddress { get; init; }
    public string HazelcastCluster { get; init; } = "dev";
    /// <summary>The map the snapshot is published to; must start with the namespace.</summary>
    public string SnapshotMap { get; init; } = "dolphin_pink_account_snapshot";
    /// <summary>Where `live` keeps its checkpoint, recording and spool; null: the command's default (see Config.StateDirectory).</summary>
    public string? StateDirectory { get; init; }
    public int Slots { get; init; } = 4;
    public decimal SeedCapital { get; init; }
    public int LeverageCap { get; init; } = 3;
    public decimal DivergenceTolerance { get; init; } = 0.05m;
    public decimal PnlMismatchTolerance { get; init; } = 0.05m;
    /// <summary>dedicated (default): Pink alone trades the account, so the exchange's own closes are booked to our trades;
    /// shared: other runtimes trade it too, so fills Pink never placed are theirs.</summary>
    public AccountMode AccountMode { get; init; } = AccountMode.Dedicated;
    /// <summary>The venue account's position mode: hedge (default, positionSide LONG/SHORT) or one_way (BOTH).</summary>
    public bool OneWay { get; init; }
    /// <summary>How often `live` reconciles positions, working orders and the balance through REST (0 = only at start and
    /// after a stream reconnect).</summary>
    public double ReconcileIntervalSeconds { get; init; } = 30;
    /// <summary>Metrics exporters (Prometheus scrape endpoint, OTLP push); both off unless named.</summary>
    public MetricsOptions Metrics { get; init; } = MetricsOptions.Off;

    public KernelConfig Kernel => new(Slots, SeedCapital, LeverageCap, DivergenceTolerance, PnlMismatchTolerance, AccountMode: AccountMode);

    /// <summary>Every database, table and map this configuration would write, with the guard's verdict.</summary>
    public IReadOnlyList<(string Kind, string Name, string? Refusal)> WriteTargets()
    {
        var targets = new List<(string, string, string?)>();
        var dbRefusal = NamespaceGuard.CheckDatabase(Namespace, Database);
        targets.Add(("database", Database, dbRefusal));
        foreach (var table in Tables.All.Append("schema_migrations"))
            targets.Add(("table", $"{Database}.{table}", dbRefusal));
        targets.Add(("map", SnapshotMap, NamespaceGuard.CheckMap(Namespace, SnapshotMap)));
        return targets;
    }
}
