using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using Pink.Shell.Config;
using Pink.Shell.Demo;
using Pink.Shell.Metrics;
using Xunit.Abstractions;

namespace Pink.Tests.Metrics;

/// <summary>`pink demo` with both exporters on: the gauges are served while it runs, pushed over OTLP, and gone after.</summary>
[Collection(MetricsCollection.Name)]
public class DemoMetricsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_demo_serves_its_gauges_while_it_runs_pushes_them_over_otlp_and_closes_the_port_at_the_end()
    {
        var (scrapePort, otlpPort) = (Scrape.FreePort(), Scrape.FreePort());
        using var collector = new HttpListener();
        collector.Prefixes.Add($"http://127.0.0.1:{otlpPort}/");
        collector.Start();
        var posts = new ConcurrentQueue<(string Path, long Bytes)>();
        var serving = Task.Run(async () =>
        {
            while (collector.IsListening)
            {
                HttpListenerContext context;
                try { context = await collector.GetContextAsync(); }
                catch (Exception) { return; }
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                posts.Enqueue((context.Request.Url!.AbsolutePath, body.Length));
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        });
        var dir = Path.Combine(Path.GetTempPath(), $"pink-demo-metrics-{Guid.NewGuid():N}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var url = $"http://127.0.0.1:{scrapePort}/metrics";
        var capitals = new ConcurrentQueue<double>();
        using var done = new CancellationTokenSource();
        var scraping = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                try
                {
                    if (Scrape.Value(await http.GetStringAsync(url, done.Token), "pink_capital") is double c) capitals.Enqueue(c);
                }
                catch (Exception) { /* not up yet, or already closed */ }
                try { await Task.Delay(100, done.Token); }
                catch (OperationCanceledException) { }
            }
        });
        try
        {
            var config = new PinkConfig { Metrics = new MetricsOptions(PrometheusPort: scrapePort, OtlpEndpoint: $"http://127.0.0.1:{otlpPort}", OtlpIntervalSeconds: 0.5) };
            using var logs = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning));
            var result = await DemoRun.ExecuteAsync(new DemoOptions(dir, config), logs, CancellationToken.None);
            await done.CancelAsync();
            await scraping;
            output.WriteLine($"{capitals.Count} scrapes with capital; {posts.Count} OTLP posts; final capital {result.State.Account.Capital}");
            Assert.True(result.Ledger?.Agrees, result.Ledger?.Table());
            Assert.NotEmpty(capitals);
            Assert.All(capitals, c => Assert.True(c > 0));
            Assert.Contains(posts, p => p.Path == "/v1/metrics" && p.Bytes > 0);
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetStringAsync(url));
        }
        finally
        {
            await done.CancelAsync();
            collector.Stop();
            await serving;
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }
}
