using Pink.Shell.Config;
using Pink.Shell.Metrics;

namespace Pink.Tests.Metrics;

/// <summary>The metrics settings: off by default, a nested object in the file, PINK_METRICS_* variables winning.</summary>
public class MetricsConfigTests
{
    private static string File(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pink-metrics-config-{Guid.NewGuid():N}.json");
        System.IO.File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Both_exporters_are_off_by_default()
    {
        var config = ConfigLoader.Load(null, new Dictionary<string, string?>());
        Assert.Equal(MetricsOptions.Off, config.Metrics);
        Assert.False(config.Metrics.Enabled);
    }

    [Fact]
    public void The_files_metrics_object_sets_them_and_a_variable_wins_over_it()
    {
        var path = File("""{ "metrics": { "prometheus_port": 9464, "otlp_endpoint": "http://collector:4318", "otlp_interval_seconds": 5 } }""");
        try
        {
            var fromFile = ConfigLoader.Load(path, new Dictionary<string, string?>()).Metrics;
            Assert.Equal(new MetricsOptions(9464, "127.0.0.1", "http://collector:4318", 5), fromFile);
            Assert.Equal(new Uri("http://collector:4318/v1/metrics"), fromFile.OtlpMetricsUrl);

            var overridden = ConfigLoader.Load(path, new Dictionary<string, string?>
            {
                ["PINK_METRICS_PROMETHEUS_PORT"] = "9999",
                ["PINK_METRICS_OTLP_ENDPOINT"] = "off",
            }).Metrics;
            Assert.Equal(9999, overridden.PrometheusPort);
            Assert.Null(overridden.OtlpEndpoint);
        }
        finally { System.IO.File.Delete(path); }
    }

    [Fact]
    public void An_endpoint_with_a_path_is_used_as_it_is()
    {
        var m = ConfigLoader.Load(null, new Dictionary<string, string?> { ["PINK_METRICS_OTLP_ENDPOINT"] = "https://otel.example/custom/v1/metrics" }).Metrics;
        Assert.Equal(new Uri("https://otel.example/custom/v1/metrics"), m.OtlpMetricsUrl);
    }

    [Theory]
    [InlineData("""{ "metrics": { "prometheus_port": 70000 } }""", "metrics.prometheus_port")]
    [InlineData("""{ "metrics": { "otlp_endpoint": "collector:4318" } }""", "metrics.otlp_endpoint")]
    [InlineData("""{ "metrics": { "prometheus_pot": 9464 } }""", "metrics.prometheus_pot")]
    [InlineData("""{ "metrics": 9464 }""", "metrics must be a JSON object")]
    public void A_wrong_metrics_setting_is_refused_naming_the_key(string json, string named)
    {
        var path = File(json);
        try { Assert.Contains(named, Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, new Dictionary<string, string?>())).Message, StringComparison.Ordinal); }
        finally { System.IO.File.Delete(path); }
    }
}
