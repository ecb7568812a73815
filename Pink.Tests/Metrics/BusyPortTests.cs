using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Pink.Shell.Metrics;

namespace Pink.Tests.Metrics;

/// <summary>A scrape port someone else holds stops the run at start, saying which setting to change.</summary>
[Collection(MetricsCollection.Name)]
public class BusyPortTests
{
    [Fact]
    public void A_scrape_port_already_taken_is_an_error_at_start_naming_the_port_and_the_setting()
    {
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var port = ((IPEndPoint)taken.LocalEndpoint).Port;
            var ex = Assert.Throws<InvalidOperationException>(() => MetricsExport.Start(new MetricsOptions(PrometheusPort: port), new RunProbe(), NullLogger.Instance));
            Assert.Contains($"127.0.0.1:{port}", ex.Message, StringComparison.Ordinal);
            Assert.Contains("PINK_METRICS_PROMETHEUS_PORT", ex.Message, StringComparison.Ordinal);
        }
        finally { taken.Stop(); }
    }
}
