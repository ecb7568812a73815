using Microsoft.Extensions.Logging.Abstractions;
using Pink.Core;
using Pink.Shell.ClickHouse;
using Pink.Shell.Config;
using Pink.Shell.Publishing;
using Pink.Shell.Recording;
using Pink.Shell.Replay;
using Pink.Shell.Runner;
using Pink.Tests.Venue;
using Xunit.Abstractions;

namespace Pink.Tests.Runner;

/// <summary>
/// A loop that dies with thousands of records beyond its last checkpoint — the cadence's normal state — loses nothing
/// and doubles nothing: the restart re-applies the recording's tail, finds in ClickHouse the rows that were already
/// flushed (by identity), re-creates the ones that were not, re-sends the order that never got its answer, and ends
/// with the state and the rows of a run that never crashed, every row stored exactly once.
/// </summary>
public class LoopCrashTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(75)]  // inside the first batch: its rows were handed out but never flushed, so all are re-created
    [InlineData(200)] // in a later batch: the earlier batches' rows are durable and must not be stored again
    public async Task A_loop_killed_far_beyond_its_checkpoint_restarts_to_the_same_state_and_stores_every_row_exactly_once(int freezeAtCall)
    {
        var session = LoopInputs.Generate(rounds: 30);
        var dir = Path.Combine(Path.GetTempPath(), $"pink-loop-crash-{Guid.NewGuid():N}");
        var referenceDir = dir + "-reference";
        await using var engine = await LocalClickHouse.StartAsync();
        try
        {
            // What a run that never crashed ends with.
            var referenceRows = new MemoryRowWriter();
            KernelState reference;
            await using (var loop = new RunLoop(new RunOptions(referenceDir, LoopInputs.Kernel), new ScriptedVenue(session.VenueIds), referenceRows,
                new InProcessSnapshotPublisher(), NullLogger.Instance))
            {
                foreach (var input in session.Inputs) loop.Inbox.TryWrite(input);
                loop.Inbox.Complete();
                await loop.StartAsync(CancellationToken.None);
                await loop.RunAsync(CancellationToken.None);
                reference = loop.State;
            }

            var database = $"pink_test_loopcrash_{Guid.NewGuid():N}"[..40];
            var config = new PinkConfig { ClickHouseUrl = engine.Url, Database = database, Namespace = database };

            // First life: no checkpoint after start-up, rows flushed batch by batch; it stops forever inside the
            // freezeAtCall-th order call (its intent durable, the answer never recorded) and is killed there.
            var store = await RowStore.OpenAsync(config, dir, NullLogger.Instance, CancellationToken.None);
            var dying = new DyingSink(store.Sink);
            var frozen = new ScriptedVenue(session.VenueIds, freezeAtCall);
            var first = new RunLoop(new RunOptions(dir, LoopInputs.Kernel, CheckpointEvery: int.MaxValue, CheckpointInterval: TimeSpan.FromHours(1)),
                frozen, dying, new InProcessSnapshotPublisher(), NullLogger.Instance);
            foreach (var input in session.Inputs) first.Inbox.TryWrite(input); // a backlog: batches of 1,024
            await first.StartAsync(CancellationToken.None);
            _ = first.RunAsync(CancellationToken.None);
            await frozen.Frozen.Task.WaitAsync(TimeSpan.FromSeconds(60));
            dying.Die();              // rows not yet flushed are gone with the process
            await first.DisposeAsync(); // the recording's file is closed (everything in it was already synced)
            await store.DisposeAsync();

            var recording = Path.Combine(dir, "session.jsonl");
            var recorded = RecordingReader.ReadFile(recording).ToList();
            var checkpointed = Checkpoint.Load(Path.Combine(dir, "checkpoint.json"))!.RecordsApplied;
            output.WriteLine($"killed in order call {freezeAtCall}: {recorded.Count} records recorded, checkpoint covers {checkpointed}");
            Assert.True(recorded.Count - checkpointed >= 800, $"{recorded.Count - checkpointed} records beyond the checkpoint");

            // Second life: same state directory, same spool; the inputs the first life never took are sent again (as a
            // stream client reconnecting would find them).
            var taken = recorded.Count(LoopInputs.IsInput);
            var log = new CapturingLogger();
            await using var store2 = await RowStore.OpenAsync(config, dir, NullLogger.Instance, CancellationToken.None);
            await using (var second = new RunLoop(new RunOptions(dir, LoopInputs.Kernel), new ScriptedVenue(session.VenueIds), store2.Sink,
                new InProcessSnapshotPublisher(), log) { StoredRowsProbe = (from, ct) => StoredRows.ProbeAsync(store2, from, ct) })
            {
                await second.StartAsync(CancellationToken.None);
                Assert.True(second.Restored);
                Assert.Contains(log.Lines, l => l.Contains("checkpoint every 1000 records or 1 s, at most 10% of the time", StringComparison.Ordinal)); // the cadence, said at start-up
                Assert.Contains(log.Lines, l => l.Contains($"recovering {recorded.Count - checkpointed} recorded inputs", StringComparison.Ordinal));
                foreach (var input in session.Inputs.Skip(taken)) second.Inbox.TryWrite(input);
                second.Inbox.Complete();
                await second.RunAsync(CancellationToken.None);

                Assert.Equal(StateDocument.Save(reference), StateDocument.Save(second.State));
                var replay = new Session(Pink.Core.Kernel.Initial(LoopInputs.Kernel));
                foreach (var r in RecordingReader.ReadFile(recording)) replay.Feed(r);
                Assert.Equal(StateDocument.Save(second.State), StateDocument.Save(replay.State));
            }
            Assert.True(await store2.Sink.DrainAsync(TimeSpan.FromSeconds(60)), "the store took every row");

            var target = ClickHouseTarget.Of(engine.Url, database);
            using var client = target.CreateClient();
            foreach (var table in Tables.All)
            {
                var expected = referenceRows.Rows.Where(r => r.Table == table).Select(r => $"{r.AccountEventSeq} {r.Key}").Order(StringComparer.Ordinal).ToList();
                var stored = new List<string>();
                using (var reader = await client.ExecuteReaderAsync($"SELECT account_event_seq, event_key FROM {target.Qualify(table)}"))
                    while (reader.Read()) stored.Add($"{Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)} {reader.GetString(1)}");
                stored.Sort(StringComparer.Ordinal);
                output.WriteLine($"{table}: {stored.Count} stored, {expected.Count} expected");
                Assert.Equal(expected, stored); // every row, none twice
            }
            Assert.True(referenceRows.Rows.Count > 1_000);
        }
        finally
        {
            foreach (var d in new[] { dir, referenceDir })
                if (Directory.Exists(d)) Directory.Delete(d, true);
        }
    }
}
