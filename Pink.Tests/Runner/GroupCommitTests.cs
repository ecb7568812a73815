using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Pink.Core;
using Pink.Shell.Publishing;
using Pink.Shell.Recording;
using Pink.Shell.Replay;
using Pink.Shell.Runner;

namespace Pink.Tests.Runner;

/// <summary>
/// The run loop's group commit and checkpoint cadence: a backlog is applied in batches with one recording fsync each
/// (plus one before each venue call), in the same order and with the same outcome as one input at a time; the recording
/// stays in the order of application; a checkpoint never runs ahead of its rows; checkpoints follow the cadence.
/// </summary>
public class GroupCommitTests
{
    private static string TempDir() => Path.Combine(Path.GetTempPath(), $"pink-loop-{Guid.NewGuid():N}");

    private static RunLoop Loop(string dir, IVenue venue, Pink.Shell.ClickHouse.IRowSink rows, int every = RunOptions.DefaultCheckpointEvery,
        TimeSpan? interval = null, double budget = RunOptions.DefaultCheckpointBudget, TimeProvider? clock = null) =>
        new(new RunOptions(dir, LoopInputs.Kernel, every, interval, CheckpointBudget: budget, Clock: clock), venue, rows, new InProcessSnapshotPublisher(), NullLogger.Instance);

    /// <summary>Every input waiting before the loop starts, then the loop runs to the end of its inbox.</summary>
    private static async Task<RunLoop> RunBacklog(string dir, LoopInputs session, Pink.Shell.ClickHouse.IRowSink rows, int every = RunOptions.DefaultCheckpointEvery,
        TimeSpan? interval = null, double budget = RunOptions.DefaultCheckpointBudget)
    {
        var loop = Loop(dir, new ScriptedVenue(session.VenueIds), rows, every, interval, budget);
        foreach (var input in session.Inputs) Assert.True(loop.Inbox.TryWrite(input));
        loop.Inbox.Complete();
        await loop.StartAsync(CancellationToken.None);
        await loop.RunAsync(CancellationToken.None);
        return loop;
    }

    private static string Ids(IEnumerable<Row> rows) => string.Join("\n", rows.Select(r => $"{r.Table} {r.AccountEventSeq} {r.Key}"));

    [Fact]
    public async Task A_backlog_is_committed_in_batches_with_the_same_outcome_and_recording_as_one_input_at_a_time()
    {
        var session = LoopInputs.Generate(rounds: 30);
        var batchedDir = TempDir();
        var singleDir = TempDir();
        try
        {
            var batchedRows = new MemoryRowWriter();
            await using var batched = await RunBacklog(batchedDir, session, batchedRows);

            // The same inputs, each applied and committed on its own (the pre-group-commit way).
            var singleRows = new MemoryRowWriter();
            var venue = new ScriptedVenue(session.VenueIds);
            await using (var single = Loop(singleDir, venue, singleRows))
            {
                await single.StartAsync(CancellationToken.None);
                foreach (var input in session.Inputs) await single.ApplyAsync(input, record: true, CancellationToken.None);
                Assert.Equal(StateDocument.Save(single.State), StateDocument.Save(batched.State));
                Assert.Equal(single.RecordsApplied, batched.RecordsApplied);
                Assert.Equal(single.Feedback, batched.Feedback);
            }
            Assert.Equal(Ids(singleRows.Rows), Ids(batchedRows.Rows));
            Assert.True(batchedRows.Rows.Count > 1_000, $"{batchedRows.Rows.Count} rows");
            Assert.Equal(File.ReadAllText(Path.Combine(singleDir, "session.jsonl")), File.ReadAllText(Path.Combine(batchedDir, "session.jsonl")));

            // One fsync per batch and one before each order leaves, instead of one per record.
            var counters = batched.Counters;
            var orders = session.VenueIds.Count;
            Assert.Equal((session.Inputs.Count + RunOptions.DefaultMaxBatch - 1) / RunOptions.DefaultMaxBatch, counters.Batches);
            Assert.Equal(RunOptions.DefaultMaxBatch, counters.LargestBatch);
            Assert.InRange(counters.RecordingSyncs, orders, orders + counters.Batches + 1);
            Assert.True(batched.RecordsApplied > 4 * counters.RecordingSyncs, $"{batched.RecordsApplied} records, {counters.RecordingSyncs} fsyncs");

            // The recording is in the order of application: each order's answer right after the intent that caused it,
            // and replaying it gives the live state and rows.
            var recorded = RecordingReader.ReadFile(Path.Combine(batchedDir, "session.jsonl")).ToList();
            Assert.Equal(batched.RecordsApplied, recorded.Count);
            for (var i = 0; i < recorded.Count; i++)
            {
                if (recorded[i] is not IntentRecord intent) continue;
                var answer = Assert.IsType<RestRecord>(recorded[i + 1]);
                Assert.Equal(intent.Intent.GetProperty("client_order_id").GetString(), answer.Params!.Value.GetProperty("clientOrderId").GetString());
            }
            var replay = new Session(Pink.Core.Kernel.Initial(LoopInputs.Kernel));
            foreach (var r in recorded) replay.Feed(r);
            Assert.Equal(StateDocument.Save(batched.State), StateDocument.Save(replay.State));
            Assert.Equal(Ids(batchedRows.Rows), Ids(replay.Effects.OfType<PersistRow>().Select(p => p.Row)));
        }
        finally
        {
            foreach (var dir in new[] { batchedDir, singleDir })
                if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task A_checkpoint_never_runs_ahead_of_the_rows_it_covers()
    {
        var dir = TempDir();
        try
        {
            var sink = new GatedSink();
            await using var loop = Loop(dir, new ScriptedVenue(new Dictionary<string, long>()), sink, every: 1, budget: 1.0);
            await loop.StartAsync(CancellationToken.None);
            var checkpoint = Path.Combine(dir, "checkpoint.json");
            Assert.Equal(1, Checkpoint.Load(checkpoint)!.RecordsApplied); // the recording's header
            var run = loop.RunAsync(CancellationToken.None);
            // A wallet report: an anchor, which writes rows.
            var session = LoopInputs.Generate(rounds: 1);
            var report = session.Inputs.First(r => r is WsRecord { Frame: { } f } && f.GetRawText().Contains("ACCOUNT_UPDATE", StringComparison.Ordinal));
            Assert.True(loop.Inbox.TryWrite(report));
            await Until(() => sink.FlushesWaiting > 0, "the rows' flush");
            Assert.NotEmpty(sink.Rows);
            // A second input that writes no rows: once the loop has applied it, the batch of the first is committed, so the
            // checkpoint due after it (every record) was started — and it must wait for the rows it covers.
            Assert.True(loop.Inbox.TryWrite(new WsRecord(0, LoopInputs.StartMs, null, "Ping")));
            await Until(() => loop.RecordsApplied == 3, "the loop past the due checkpoint");
            Assert.Equal(1, Checkpoint.Load(checkpoint)!.RecordsApplied); // due, but its rows are not durable yet
            sink.CompleteFlushes();
            await Until(() => Checkpoint.Load(checkpoint)!.RecordsApplied >= 2, "the checkpoint after the flush");
            loop.Inbox.Complete();
            await run;
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Fact]
    public async Task Checkpoints_are_saved_every_N_records_not_for_every_input()
    {
        var dir = TempDir();
        try
        {
            var marks = LoopInputs.Generate(rounds: 0, marksBetween: 2_500).Inputs;
            Assert.Equal(2_500, marks.Count);
            await using var loop = await RunBacklog(dir, new LoopInputs(marks, new Dictionary<string, long>()), new MemoryRowWriter(), every: 1_000,
                interval: TimeSpan.FromHours(1), budget: 1.0); // no time budget: the count alone decides here
            // Batches of 1,024, 1,024 and 452: a checkpoint after each of the first two (≥ 1,000 records since the last
            // one), none after the third, plus the ones at start-up and at shutdown. The recording's header is one more record.
            Assert.Equal(3, loop.Counters.Batches);
            Assert.Equal(4, loop.Counters.Checkpoints);
            Assert.Equal(2_501, Checkpoint.Load(Path.Combine(dir, "checkpoint.json"))!.RecordsApplied);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Fact]
    public async Task An_idle_loop_saves_the_checkpoint_it_owes_once_the_interval_is_up()
    {
        var dir = TempDir();
        try
        {
            // The loop's clock is a fake one: the interval passes when the test says so, not on the wall clock.
            var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
            var interval = TimeSpan.FromSeconds(30);
            await using var loop = Loop(dir, new ScriptedVenue(new Dictionary<string, long>()), new MemoryRowWriter(), every: 1_000_000, interval, clock: clock);
            await loop.StartAsync(CancellationToken.None);
            var run = loop.RunAsync(CancellationToken.None);
            var checkpoint = Path.Combine(dir, "checkpoint.json");
            var marks = LoopInputs.Generate(rounds: 0, marksBetween: 5).Inputs;
            foreach (var mark in marks) Assert.True(loop.Inbox.TryWrite(mark));
            await Until(() => loop.RecordsApplied == 1 + marks.Count, "the marks applied"); // the header, then the marks
            // The clock moves a second at a time (the loop may still be committing when it starts): the checkpoint must
            // not come before the interval has passed on it, and must come once it has.
            var advanced = TimeSpan.Zero;
            while (Checkpoint.Load(checkpoint)!.RecordsApplied < 1 + marks.Count)
            {
                Assert.True(advanced < 10 * interval, $"no checkpoint after {advanced} of idle time on the loop's clock");
                clock.Advance(TimeSpan.FromSeconds(1));
                advanced += TimeSpan.FromSeconds(1);
                await Task.Delay(5);
            }
            Assert.True(advanced >= interval, $"saved after {advanced} on the loop's clock, before its interval of {interval}");
            Assert.False(run.IsCompleted); // no input, no shutdown: the interval alone did it
            loop.Inbox.Complete();
            await run;
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Fact]
    public async Task A_checkpoint_that_cannot_be_saved_stops_nothing_but_the_shutdown_says_so_and_a_restart_loses_nothing()
    {
        var dir = TempDir();
        try
        {
            var session = LoopInputs.Generate(rounds: 30);
            var checkpoint = Path.Combine(dir, "checkpoint.json");
            KernelState applied;
            await using (var loop = Loop(dir, new ScriptedVenue(session.VenueIds), new MemoryRowWriter(), every: 50,
                interval: TimeSpan.FromHours(1), budget: 1.0))
            {
                await loop.StartAsync(CancellationToken.None);
                // The checkpoint's place becomes unusable: every save from now on fails at the rename.
                File.Delete(checkpoint);
                Directory.CreateDirectory(checkpoint);
                File.WriteAllText(Path.Combine(checkpoint, "occupied"), "");
                foreach (var input in session.Inputs) Assert.True(loop.Inbox.TryWrite(input));
                loop.Inbox.Complete();
                var error = await Assert.ThrowsAsync<IOException>(() => loop.RunAsync(CancellationToken.None));
                Assert.Contains("could not be saved", error.Message);
                // The saves due every 50 records failed in the background; the loop applied every input regardless.
                Assert.True(loop.RecordsApplied >= session.Inputs.Count, $"{loop.RecordsApplied} of {session.Inputs.Count} applied");
                Assert.Equal(1, loop.Counters.Checkpoints); // the start-up one only
                Assert.True(loop.State.EventSeq > 0);
                applied = loop.State;
            }
            // Nothing was lost: without a checkpoint a restart re-applies the whole recording to the same books.
            Directory.Delete(checkpoint, true);
            await using var again = Loop(dir, new ScriptedVenue(session.VenueIds), new MemoryRowWriter());
            await again.StartAsync(CancellationToken.None);
            Assert.Equal(applied.Trades, again.State.Trades);
            Assert.Equal(applied.Forgotten, again.State.Forgotten);
            Assert.Equal(applied.Orders, again.State.Orders);
            Assert.Equal(applied.Account, again.State.Account);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    internal static async Task Until(Func<bool> done, string what, int seconds = 20)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(seconds)) throw new TimeoutException($"{what} not reached within {seconds} s");
            await Task.Delay(10);
        }
    }
}
