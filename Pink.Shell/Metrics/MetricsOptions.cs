namespace Pink.Shell.Metrics;

/// <summary>
/// Where the run's metrics go. Both exporters are off unless named: a runner nobody scrapes opens no port and sends
/// nothing. Set from the config file's <c>metrics</c> object and PINK_METRICS_* variables (the variable wins), or bound
/// by a command line.
/// </summary>
/// <param name="PrometheusPort">Serve a Prometheus scrape endpoint on this port (null: none).</param>
/// <param name="PrometheusHost">The address the scrape endpoint binds (default 127.0.0.1: loopback only, since it needs
/// no credentials; name 0.0.0.0 or a host name to expose it deliberately).</param>
/// <param name="OtlpEndpoint">Push OTLP/HTTP protobuf to this URL (null: none). A URL without a path gets the metrics
/// signal's path <c>/v1/metrics</c>; a URL with one is used as it is.</param>
/// <param name="OtlpIntervalSeconds">How often the OTLP exporter pushes (default 10 s, the status line's cadence).</param>
public sealed record MetricsOptions(int? PrometheusPort = null, string PrometheusHost = MetricsOptions.Loopback, string? OtlpEndpoint = null,
    double OtlpIntervalSeconds = MetricsOptions.DefaultOtlpIntervalSeconds)
{
    public const string Loopback = "127.0.0.1";
    public const double DefaultOtlpIntervalSeconds = 10;

    public static readonly MetricsOptions Off = new();

    /// <summary>True when at least one exporter is on.</summary>
    public bool Enabled => PrometheusPort is not null || OtlpEndpoint is not null;

    /// <summary>The URL the OTLP exporter posts to (the signal's path added to a bare endpoint).</summary>
    public Uri? OtlpMetricsUrl
    {
        get
        {
            if (OtlpEndpoint is null) return null;
            var u = new Uri(OtlpEndpoint, UriKind.Absolute);
            return u.AbsolutePath is "" or "/" ? new Uri(u, "/v1/metrics") : u;
        }
    }
}
