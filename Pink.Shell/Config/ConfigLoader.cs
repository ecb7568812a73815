using System.Globalization;
using System.Text.Json;

namespace Pink.Shell.Config;

/// <summary>Reads <see cref="PinkConfig"/> from a JSON file and PINK_* environment variables, with clear errors.</summary>
public static class ConfigLoader
{
    /// <summary>The environment variables read, and what they set.</summary>
    public static readonly IReadOnlyDictionary<string, string> Variables = new Dictionary<string, string>
    {
        ["PINK_NAMESPACE"] = "namespace",
        ["PINK_CLICKHOUSE_URL"] = "clickhouse_url",
        ["PINK_DATABASE"] = "database",
        ["PINK_HAZELCAST_ADDRESS"] = "hazelcast_address",
        ["PINK_HAZELCAST_CLUSTER"] = "hazelcast_cluster",
        ["PINK_SNAPSHOT_MAP"] = "snapshot_map",
        ["PINK_STATE_DIR"] = "state_directory",
        ["PINK_SLOTS"] = "slots",
        ["PINK_SEED_CAPITAL"] = "seed_capital",
        ["PINK_ACCOUNT_MODE"] = "account_mode",
        ["PINK_POSITION_MODE"] = "position_mode",
        ["PINK_RECONCILE_INTERVAL_SECONDS"] = "reconcile_interval_seconds",
    };

    /// <summary>The configuration, or an exception whose message names the file, the key and what was wrong.</summary>
    public static PinkConfig Load(string? path, IReadOnlyDictionary<string, string?> environment)
    {
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (path is not null)
        {
            if (!File.Exists(path)) throw new ConfigException($"config file '{path}' does not exist");
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new ConfigException($"config file '{path}' must hold a JSON object");
                foreach (var p in doc.RootElement.EnumerateObject()) values[p.Name] = p.Value.Clone();
            }
            catch (JsonException ex)
            {
                throw new ConfigException($"config file '{path}' is not valid JSON: {ex.Message}");
            }
            foreach (var key in values.Keys)
                if (key.Contains("secret", StringComparison.OrdinalIgnoreCase) || key.Contains("api_key", StringComparison.OrdinalIgnoreCase))
                    throw new ConfigException($"config file '{path}': '{key}' — secrets come from environment variables only (PINK_BINGX_API_KEY, PINK_BINGX_API_SECRET)");
        }
        var config = new PinkConfig();
        foreach (var (key, value) in values) config = Set(config, key, Text(value), path ?? "config");
        foreach (var (variable, key) in Variables)
            if (environment.TryGetValue(variable, out var v) && !string.IsNullOrEmpty(v)) config = Set(config, key, v, variable);
        return config;
    }

    private static string Text(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();

    private static PinkConfig Set(PinkConfig c, string key, string value, string origin) => key switch
    {
        "namespace" => c with { Namespace = value },
        "clickhouse_url" => c with { ClickHouseUrl = value == "null" ? null : Url(value, key, origin) },
        "database" => c with { Database = value },
        "hazelcast_address" => c with { HazelcastAddress = value == "null" ? null : value },
        "hazelcast_cluster" => c with { HazelcastCluster = value },
        "snapshot_map" => c with { SnapshotMap = value },
        "state_directory" => c with { StateDirectory = value },
        "slots" => c with { Slots = Int(value, key, origin, 1, 64) },
        "seed_capital" => c with { SeedCapital = Exact(value, key, origin) },
        "leverage_cap" => c with { LeverageCap = Int(value, key, origin, 1, 125) },
        "divergence_tolerance" => c with { DivergenceTolerance = Exact(value, key, origin) },
        "pnl_mismatch_tolerance" => c with { PnlMismatchTolerance = Exact(value, key, origin) },
        "account_mode" => c with
        {
            AccountMode = value.Trim().ToLowerInvariant() switch
            {
                "dedicated" => Pink.Core.AccountMode.Dedicated,
                "shared" => Pink.Core.AccountMode.Shared,
                _ => throw new ConfigException($"{origin}: account_mode '{value}' must be dedicated or shared"),
            },
        },
        "position_mode" => c with
        {
            OneWay = value.Trim().ToLowerInvariant() switch
            {
                "hedge" => false,
                "one_way" or "oneway" => true,
                _ => throw new ConfigException($"{origin}: position_mode '{value}' must be hedge or one_way"),
            },
        },
        "reconcile_interval_seconds" => c with { ReconcileIntervalSeconds = Number(value, key, origin) },
        _ => throw new ConfigException($"{origin}: unknown setting '{key}'"),
    };

    private static string Url(string v, string key, string origin) =>
        Uri.TryCreate(v, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" ? v : throw new ConfigException($"{origin}: {key} '{v}' is not an http(s) URL");

    private static int Int(string v, string key, string origin, int min, int max) =>
        int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= min && i <= max
            ? i : throw new ConfigException($"{origin}: {key} '{v}' must be a whole number from {min} to {max}");

    private static double Number(string v, string key, string origin) =>
        double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && d >= 0
            ? d : throw new ConfigException($"{origin}: {key} '{v}' must be a finite number ≥ 0");

    // Money is read as the decimal it is written as, never through double.
    private static decimal Exact(string v, string key, string origin) =>
        decimal.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0
            ? d : throw new ConfigException($"{origin}: {key} '{v}' must be a number ≥ 0");

    public static IReadOnlyDictionary<string, string?> Environment() =>
        System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value);
}

public sealed class ConfigException(string message) : Exception(message);
