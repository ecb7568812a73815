using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Pink.Shell.Runner;

namespace Pink.Shell.Metrics;

/// <summary>
/// A run's metrics on their way out: the counters of <see cref="RunMetrics"/> and the gauges of <see cref="RunGauges"/>,
/// served for Prometheus to scrape and/or pushed over OTLP/HTTP, as <see cref="MetricsOptions"/> say. Started with the
/// run, disposed at its end (a last OTLP push goes out then, and the scrape port is closed).
/// </summary>
public sealed class MetricsExport : IDisposable
{
    private readonly MeterProvider? _provider;
    private readonly RunGauges? _gauges;

    private MetricsExport(MeterProvider? provider, RunGauges? gauges)
    {
        _provider = provider;
        _gauges = gauges;
    }

    /// <summary>Nothing exported, nothing opened.</summary>
    public static readonly MetricsExport None = new(null, null);

    /// <summary>Start what <paramref name="options"/> ask for (nothing when both exporters are off).</summary>
    public static MetricsExport Start(MetricsOptions options, RunProbe probe, ILogger log)
    {
        if (!options.Enabled) return None;
        var gauges = new RunGauges(probe);
        try
        {
            var builder = Sdk.CreateMeterProviderBuilder()
                .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService("pink"))
                .AddMeter(RunMetrics.Meter.Name, RunGauges.MeterName);
            if (options.PrometheusPort is int port)
            {
                builder.AddPrometheusHttpListener(o =>
                {
                    o.Host = options.PrometheusHost;
                    o.Port = port;
                    // Gauges read the ledger when scraped; a cached answer would show a scrape an older state than it asked for.
                    o.ScrapeResponseCacheDurationMilliseconds = 0;
                });
            }
            if (options.OtlpMetricsUrl is Uri url)
            {
                builder.AddOtlpExporter((exporter, reader) =>
                {
                    exporter.Endpoint = url;
                    exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)Math.Clamp(options.OtlpIntervalSeconds * 1000, 100, int.MaxValue);
                });
            }
            MeterProvider provider;
            try { provider = builder.Build(); }
            catch (InvalidOperationException ex) when (options.PrometheusPort is int taken)
            {
                // The exporter's own message does not say which setting to change.
                throw new InvalidOperationException($"metrics: the Prometheus endpoint cannot listen on {options.PrometheusHost}:{taken} " +
                    $"({ex.InnerException?.Message ?? ex.Message}); choose another metrics.prometheus_port / PINK_METRICS_PROMETHEUS_PORT", ex);
            }
            if (options.PrometheusPort is int p)
                log.LogInformation("metrics: Prometheus scrape endpoint on http://{Host}:{Port}/metrics", options.PrometheusHost, p);
            if (options.OtlpMetricsUrl is Uri u)
                log.LogInformation("metrics: OTLP/HTTP protobuf to {Url} every {Interval:0.###} s", u, options.OtlpIntervalSeconds);
            return new MetricsExport(provider, gauges);
        }
        catch
        {
            gauges.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        // The provider's last collection still reads the gauges: it goes first.
        _provider?.Dispose();
        _gauges?.Dispose();
    }
}
