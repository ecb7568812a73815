using System.Text.Json;
using Microsoft.Extensions.Logging;
using Pink.Shell.Recording;

namespace Pink.Tests.Replay;

/// <summary>Recordings are meant to be shared: listenKeys are redacted as records are written; nothing else changes.</summary>
public class RecordingRedactionTests
{
    private const string Key = "Q2pDsh6yB3aVb8kdXo1mLr7tZw9e";

    private static JsonElement J(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void ListenKeys_in_rest_answers_requests_and_stream_frames_are_redacted_in_the_recording()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pink-redact-{Guid.NewGuid():N}.jsonl");
        try
        {
            using (var writer = new RecordingWriter(path))
            {
                writer.Write(new RestRecord(0, 1, "POST", "/openApi/user/auth/userDataStream", J("{}"), J($$"""{"listenKey":"{{Key}}"}""")));
                writer.Write(new RestRecord(0, 2, "PUT", "/openApi/user/auth/userDataStream", J($$"""{"listenKey":"{{Key}}"}"""), J("""{"code":0}""")));
                writer.Write(new WsRecord(0, 3, J($$"""{"e":"listenKeyExpired","E":3,"listenKey":"{{Key}}"}"""), null));
                writer.Write(new WsRecord(0, 4, null, $"listenKey={Key}"));
                writer.Write(new WsRecord(0, 5, J("""{"e":"ORDER_TRADE_UPDATE","E":5,"o":{"c":"listen-key-not","i":7,"S":"BUY","X":"NEW"}}"""), null));
                writer.Sync();
            }
            var text = File.ReadAllText(path);
            Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
            Assert.Equal(4, text.Split("Q2pD").Length - 1); // the first 4 characters tell keys apart, as in logs
            var records = RecordingReader.ReadFile(path).ToList();
            Assert.Equal(5, records.Count);
            Assert.All(records, r => Assert.IsNotType<SkippedRecord>(r)); // still valid records
            Assert.Contains("\"c\":\"listen-key-not\"", text, StringComparison.Ordinal); // the rest untouched

        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task A_live_session_against_the_simulator_records_its_listenKeys_only_redacted()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"pink-redact-demo-{Guid.NewGuid():N}");
        try
        {
            using var logs = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning));
            var result = await Pink.Shell.Demo.DemoRun.ExecuteAsync(new Pink.Shell.Demo.DemoOptions(dir, new Pink.Shell.Config.PinkConfig()), logs, CancellationToken.None);
            var text = File.ReadAllText(result.RecordingPath);
            var keys = System.Text.RegularExpressions.Regex.Matches(text, "\"listenKey\":\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(keys); // the session created (and extended or deleted) listenKeys through REST, and recorded it
            Assert.All(keys, k => Assert.True(k.EndsWith('…') || k == "***", $"listenKey {k} recorded in full"));
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }
}
