using Microsoft.Extensions.Logging.Abstractions;
using Pink.Core;
using Pink.Shell.Publishing;
using Pink.Shell.Recording;
using Pink.Shell.Replay;
using Pink.Shell.Runner;

namespace Pink.Tests.Runner;

/// <summary>The live loop's checkpoint names its kernel; its recording starts with the kernel and the configuration.</summary>
public class KernelCarriedTests
{
    [Fact]
    public async Task The_recording_starts_with_a_header_and_the_checkpoint_names_the_kernel()
    {
        var session = LoopInputs.Generate(rounds: 2);
        var dir = Path.Combine(Path.GetTempPath(), $"pink-kernel-carried-{Guid.NewGuid():N}");
        try
        {
            KernelState final;
            await using (var loop = new RunLoop(new RunOptions(dir, LoopInputs.Kernel), new ScriptedVenue(session.VenueIds), new MemoryRowWriter(),
                new InProcessSnapshotPublisher(), NullLogger.Instance))
            {
                foreach (var input in session.Inputs) loop.Inbox.TryWrite(input);
                loop.Inbox.Complete();
                await loop.StartAsync(CancellationToken.None);
                await loop.RunAsync(CancellationToken.None);
                final = loop.State;
            }
            var recording = RecordingReader.ReadFile(Path.Combine(dir, "session.jsonl")).ToList();
            var header = Assert.IsType<HeaderRecord>(recording[0]);
            Assert.Equal(LoopInputs.Kernel, header.Config);
            Assert.Equal(KernelVersion.Current, header.KernelVersion);
            Assert.DoesNotContain(recording.Skip(1), r => r is HeaderRecord);

            var path = Path.Combine(dir, "checkpoint.json");
            using (var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path)))
            {
                Assert.Equal(2, doc.RootElement.GetProperty("version").GetInt32());
                Assert.Equal(KernelVersion.Current, doc.RootElement.GetProperty("kernel_version").GetString());
            }
            var checkpoint = Checkpoint.Load(path)!;
            Assert.Equal(KernelVersion.Current, checkpoint.KernelVersion);
            Assert.Equal(recording.Count, checkpoint.RecordsApplied);
            Assert.Equal(LoopInputs.Kernel, checkpoint.State.Config);

            // The replay takes the configuration from the header: the same ledger without being told the settings.
            var stderr = new StringWriter();
            var replay = new Session(Pink.Core.Kernel.Initial(ReplayConfig.Of(header, new Overrides(null, null), stderr)));
            foreach (var r in recording) replay.Feed(r);
            Assert.Equal(StateDocument.Save(final), StateDocument.Save(replay.State));
            Assert.Equal("", stderr.ToString());
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void A_version_1_checkpoint_still_loads_and_a_version_2_one_without_its_kernel_is_refused()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"pink-checkpoint-v1-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var state = StateDocument.Save(Pink.Core.Kernel.Initial(LoopInputs.Kernel));
            var v1 = Path.Combine(dir, "v1.json");
            File.WriteAllText(v1, $"{{\"version\":1,\"records_applied\":7,\"state\":{state}}}");
            var loaded = Checkpoint.Load(v1)!;
            Assert.Null(loaded.KernelVersion);
            Assert.Equal(7, loaded.RecordsApplied);
            var v2 = Path.Combine(dir, "v2.json");
            File.WriteAllText(v2, $"{{\"version\":2,\"records_applied\":7,\"state\":{state}}}");
            var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(v2));
            Assert.Contains("kernel_version is missing", error.Message);
        }
        finally { Directory.Delete(dir, true); }
    }
}
