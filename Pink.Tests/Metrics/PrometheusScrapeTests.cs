using Microsoft.Extensions.Logging.Abstractions;
using Pink.Core;
using Pink.Shell.ClickHouse;
using Pink.Shell.Metrics;
using Pink.Shell.Publishing;
using Pink.Shell.Runner;
using Pink.Tests.Runner;
using Pink.Tests.Venue;
using Xunit.Abstractions;

namespace Pink.Tests.Metrics;

/// <summary>
/// The Prometheus endpoint during a run of the loop: every gauge is served, and each equals what the kernel and the row
/// sink report at that moment. The sink's ClickHouse is unreachable, so rows stay spooled and the backlog gauges show it.
/// </summary>
[Collection(MetricsCollection.Name)]
public class PrometheusScrapeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Gauges_scraped_mid_run_equal_the_kernels_capital_wallet_slots_and_the_sinks_backlog()
    {
        var session = LoopInputs.Generate(rounds: 3);
        var dir = Path.Combine(Path.GetTempPath(), $"pink-metrics-{Guid.NewGuid():N}");
        var spool = Path.Combine(dir, "spool");
        var port = Scrape.FreePort();
        var clock = new ManualTime();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var url = $"http://127.0.0.1:{port}/metrics";
        try
        {
            // Nothing listens on this port: rows stay spooled, as when the server is away.
            await using var sink = ClickHouseRowSink.Start(ClickHouseTarget.Of($"http://127.0.0.1:{Scrape.FreePort()}", "pink_metrics_test"),
                new ClickHouseSinkOptions(spool, Log: _ => { }));
            var probe = new RunProbe(clock);
            var export = MetricsExport.Start(new MetricsOptions(PrometheusPort: port), probe, NullLogger.Instance);
            try
            {
                var before = await http.GetStringAsync(url);
                Assert.Null(Scrape.Value(before, "pink_capital")); // no run attached yet: no made-up values

                await using var loop = new RunLoop(new RunOptions(dir, LoopInputs.Kernel), new ScriptedVenue(session.VenueIds), sink,
                    new InProcessSnapshotPublisher(), NullLogger.Instance);
                probe.Attach(loop, sink, spool);
                await loop.StartAsync(CancellationToken.None);
                var half = session.Inputs.Count / 2;
                foreach (var input in session.Inputs.Take(half)) await loop.ApplyAsync(input, record: true, CancellationToken.None);
                clock.Advance(TimeSpan.FromSeconds(7));
                await AssertGaugesMatch(http, url, loop, sink, spool, clock, "mid-run");

                foreach (var input in session.Inputs.Skip(half)) await loop.ApplyAsync(input, record: true, CancellationToken.None);
                await Task.Delay(300); // past the probe's coherence window: the next scrape reads the new state
                await AssertGaugesMatch(http, url, loop, sink, spool, clock, "end of run");
            }
            finally { export.Dispose(); }
            // Disposed with the run: the port is closed.
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetStringAsync(url));
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    private async Task AssertGaugesMatch(HttpClient http, string url, RunLoop loop, ClickHouseRowSink sink, string spool, ManualTime clock, string when)
    {
        // The spool's files settle once the sink has journaled its (undeliverable) batch; scrape when they stand still.
        for (var attempt = 0; ; attempt++)
        {
            var bytesBefore = SpoolSize.Bytes(spool);
            var text = await http.GetStringAsync(url);
            var bytesAfter = SpoolSize.Bytes(spool);
            if (bytesBefore != bytesAfter && attempt < 20)
            {
                await Task.Delay(300);
                continue;
            }
            output.WriteLine($"--- {when} ---\n{text}");
            var account = loop.State.Account;
            var snapshot = loop.Snapshot;
            var status = sink.Status;
            var open = snapshot.Slots.Count(v => v.OpenQty > KernelConfig.QtyEpsilon);

            Assert.Equal((double)account.Capital, Scrape.Value(text, "pink_capital"));
            Assert.Equal((double)account.EWalletBalance, Scrape.Value(text, "pink_wallet"));
            Assert.Equal((double)Math.Abs(account.Capital - account.EWalletBalance), Scrape.Value(text, "pink_capital_wallet_gap"));
            Assert.Equal((double)snapshot.Equity, Scrape.Value(text, "pink_equity"));
            Assert.Equal(open, Scrape.Value(text, "pink_open_slots"));
            Assert.Equal(loop.State.EventSeq, Scrape.Value(text, "pink_event_seq"));
            Assert.Equal(account.EntriesBlocked ? 1 : 0, Scrape.Value(text, "pink_entries_blocked"));
            Assert.Equal(status.Pending + status.Spooled, Scrape.Value(text, "pink_rows_pending"));
            Assert.True(status.Spooled > 0, "rows are spooled while the server is away");
            Assert.Equal(bytesAfter, Scrape.Value(text, "pink_spool_size_bytes"));
            Assert.True(bytesAfter > 0);
            var anchor = Assert.IsType<DateTimeOffset>(loop.LastAnchorAt);
            Assert.Equal((clock.GetUtcNow() - anchor).TotalSeconds, Scrape.Value(text, "pink_last_anchor_age_seconds")!.Value, 6);
            // The counters are exported too (process-wide: other runs in this process may have added to them).
            Assert.True(Scrape.Value(text, "pink_rows_written_total") >= status.Pending + status.Spooled + status.Delivered);
            return;
        }
    }
}
