using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Pink.Shell.Config;
using Pink.Shell.Metrics;
using Pink.Shell.Publishing;
using Pink.Shell.Runner;
using Pink.Tests.Runner;
using Pink.Tests.Venue;

namespace Pink.Tests.Metrics;

/// <summary>
/// PINK_METRICS_OTLP_ENDPOINT set: the run pushes OTLP/HTTP protobuf to it. The collector is an HttpListener in the
/// test that answers 200 to every POST and keeps what it was sent.
/// </summary>
[Collection(MetricsCollection.Name)]
public class OtlpExportTests
{
    private sealed record Received(string Method, string Path, string? ContentType, int Bytes);

    [Fact]
    public async Task An_otlp_endpoint_in_the_environment_gets_protobuf_posts_at_v1_metrics_during_a_run()
    {
        var port = Scrape.FreePort();
        using var collector = new HttpListener();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        var received = new ConcurrentQueue<Received>();
        var serving = Task.Run(async () =>
        {
            while (collector.IsListening)
            {
                HttpListenerContext context;
                try { context = await collector.GetContextAsync(); }
                catch (Exception) { return; } // stopped
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                received.Enqueue(new Received(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.ContentType, (int)body.Length));
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close(); // an empty body is an empty ExportMetricsServiceResponse
            }
        });

        var config = ConfigLoader.Load(null, new Dictionary<string, string?>
        {
            ["PINK_METRICS_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}",
            ["PINK_METRICS_OTLP_INTERVAL_SECONDS"] = "0.2",
        });
        Assert.Null(config.Metrics.PrometheusPort);
        var session = LoopInputs.Generate(rounds: 1);
        var dir = Path.Combine(Path.GetTempPath(), $"pink-otlp-{Guid.NewGuid():N}");
        try
        {
            var rows = new MemoryRowWriter();
            var probe = new RunProbe();
            using (MetricsExport.Start(config.Metrics, probe, NullLogger.Instance))
            {
                await using var loop = new RunLoop(new RunOptions(dir, LoopInputs.Kernel), new ScriptedVenue(session.VenueIds), rows,
                    new InProcessSnapshotPublisher(), NullLogger.Instance);
                probe.Attach(loop, rows, null);
                await loop.StartAsync(CancellationToken.None);
                foreach (var input in session.Inputs) await loop.ApplyAsync(input, record: true, CancellationToken.None);
                await Eventually.True(() => !received.IsEmpty, "an OTLP request from the periodic reader");
            }
            var posts = received.ToArray();
            Assert.NotEmpty(posts);
            Assert.All(posts, r => Assert.Equal(("POST", "/v1/metrics", "application/x-protobuf"), (r.Method, r.Path, r.ContentType)));
            Assert.All(posts, r => Assert.True(r.Bytes > 0, "an OTLP request carries the metrics"));
        }
        finally
        {
            collector.Stop();
            await serving;
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }
}
