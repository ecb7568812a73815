using System.Globalization;
using System.Text.Json;

namespace Pink.Shell.Config;

/// <summary>Reads <see cref="PinkConfig"/> from a JSON file and PINK_* environment variables, with clear errors.</summary>
public static class ConfigLoader
{
    public const string StateDirectoryVariable = "PINK_STATE_DIR";

    /// <summary>The environment variables read, and what they set.</summary>
    public static readonly IReadOnlyDictionary<string, string> Variables = new Dictionary<string, string>
    {
        ["PINK_NAMESPACE"] = "namespace",
        ["PINK_CLICKHOUSE_URL"] = "clickhouse_url",
        ["PINK_DATABASE"] = "database",
        ["PINK_HAZELCAST_ADDRESS"] = "hazelcast_address",
        ["PINK_HAZELCAST_CLUSTER"] = "hazelcast_cluster",
        ["PINK_SNAPSHOT_MAP"] = "snapshot_map",
        [StateDirectoryVariable] = "state_directory",
        ["PINK_SLOTS"] = "slots",
        ["PINK_SEED_CAPITAL"] = "seed_capital",
        ["PINK_ACCOUNT_MODE"] = "account_mode",
        ["PINK_POSITION_MODE"] = "position_mode",
        ["PINK_RECONCILE_INTERVAL_SECONDS"] = "reconcile_interval_seconds",
        ["PINK_METRICS_PROMETHEUS_PORT"] = "metrics.prometheus_port",
        ["PINK_METRICS_PROMETHEUS_HOST"] = "metrics.prometheus_host",
        ["PINK_METRICS_OTLP_ENDPOINT"] = "metrics.otlp_endpoint",
        ["PINK_METRICS_OTLP_INTERVAL_SECONDS"] = "metrics.otlp_interval_seconds",
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
            catch (InvalidOperationException ex) // a lone surrogate escape in a key
            {
                throw new ConfigException($"config file '{path}': a setting's name cannot be read: {ex.Message}");
            }
            foreach (var key in values.Keys)
                if (key.Contains("secret", StringComparison.OrdinalIgnoreCase) || key.Contains("api_key", StringComparison.OrdinalIgnoreCase))
                    throw new ConfigException($"config file '{path}': '{key}' — secrets come from environment variables only (PINK_BINGX_API_KEY, PINK_BINGX_API_SECRET)");
        }
        var config = new PinkConfig();
        foreach (var (key, value) in values) config = Set(config, key, Text(value, key, path ?? "config"), path ?? "config");
        foreach (var (variable, key) in Variables)
            if (environment.TryGetValue(variable, out var v) && !string.IsNullOrEmpty(v)) config = Set(config, key, v, variable);
        return config;
    }

    private static string Text(JsonElement e, string key, string origin)
    {
        if (e.ValueKind != JsonValueKind.String) return e.GetRawText();
        try { return e.GetString()!; }
        catch (InvalidOperationException ex) { throw new ConfigException($"{origin}: {key} cannot be read: {ex.Message}"); }
    }

    private static PinkConfig Set(PinkConfig c, string key, string value, string origin) => key switch
    {
        "namespace" => c with { Namespace = value },
        "clickhouse_url" => c with { ClickHouseUrl = value == "null" ? null : Url(value, key, origin) },
        "database" => c with { Database = value },
        "hazelcast_address" => c with { HazelcastAddress = value == "null" ? null : value },
        "hazelcast_cluster" => c with { HazelcastCluster = value },
        "snapshot_map" => c with { SnapshotMap = value },
        "state_directory" => c with { StateDirectory = value == "null" ? null : value },
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
        "metrics" => Nested(c, key, value, origin),
        "metrics.prometheus_port" => c with { Metrics = c.Metrics with { PrometheusPort = Off(value) ? null : Int(value, key, origin, 1, 65535) } },
        "metrics.prometheus_host" => c with { Metrics = c.Metrics with { PrometheusHost = string.IsNullOrWhiteSpace(value) ? throw new ConfigException($"{origin}: {key} is empty") : value.Trim() } },
        "metrics.otlp_endpoint" => c with { Metrics = c.Metrics with { OtlpEndpoint = Off(value) ? null : Url(value, key, origin) } },
        "metrics.otlp_interval_seconds" => c with
        {
            Metrics = c.Metrics with { OtlpIntervalSeconds = Number(value, key, origin) is var s and >= 0.1 ? s : throw new ConfigException($"{origin}: {key} '{value}' must be at least 0.1") },
        },
        _ => throw new ConfigException($"{origin}: unknown setting '{key}'"),
    };

    // "metrics": { "prometheus_port": 9464, ... } in the file sets metrics.prometheus_port and so on.
    private static PinkConfig Nested(PinkConfig c, string key, string value, string origin)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(value); }
        catch (JsonException) { throw new ConfigException($"{origin}: {key} must be a JSON object"); }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new ConfigException($"{origin}: {key} must be a JSON object");
            foreach (var p in doc.RootElement.EnumerateObject()) c = Set(c, $"{key}.{p.Name}", Text(p.Value, $"{key}.{p.Name}", origin), origin);
        }
        return c;
    }

    // A port or an endpoint is switched off by null, an empty value or 0 (so a variable can undo the file).
    private static bool Off(string v) => v.Trim() is "" or "null" or "0" or "off";

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
