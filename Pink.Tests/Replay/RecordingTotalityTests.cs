using System.Text.Json;
using Pink.Core;
using Pink.Shell;
using Pink.Shell.Recording;
using Pink.Shell.Replay;
using Intents = Pink.Shell.Recording.Intents;

namespace Pink.Tests.Replay;

/// <summary>
/// Every reader is total: a record or field that cannot be read is a diagnostic naming its line, the replay goes on and
/// prints its summary. Intents are range-checked: out of range is refused with the reason, never cast into range.
/// </summary>
public class RecordingTotalityTests
{
    private const string Open = """{"k":"intent","t":1781179201000,"intent":{"op":"open","slot":0,"symbol":"FET-USDT","side":"SHORT","qty":100,"leverage":3,"client_order_id":"pk-0-1"}}""";

    private static (int Code, JsonElement Summary, string Stderr) ReplayCli(params string[] lines)
    {
        var file = Path.Combine(Path.GetTempPath(), $"pink-total-{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(file, lines);
        try
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var code = Cli.Run(["replay", file, "--json"], stdout, stderr);
            return (code, code == 0 ? JsonDocument.Parse(stdout.ToString()).RootElement.Clone() : default, stderr.ToString());
        }
        finally { File.Delete(file); }
    }

    private static List<string> Malformed(JsonElement summary) => summary.GetProperty("anomalies").EnumerateArray()
        .Where(a => a.GetProperty("kind").GetString() == DiagnosticKinds.MalformedInput).Select(a => a.GetProperty("detail").GetString()!).ToList();

    [Fact]
    public void Lone_surrogate_escapes_in_outer_fields_and_intents_are_diagnostics_naming_their_lines_and_the_replay_goes_on()
    {
        var (code, summary, stderr) = ReplayCli(
            """{"t":"\ud800"}""",
            """{"k":"\udc00"}""",
            """{"k":"intent","intent":{"op":"\ud800"}}""",
            """{"k":"ws","text":"\ud800"}""",
            """{"k":"rest","method":"\udc00","response":{}}""",
            """{"\ud800":1,"k":"restart"}""",
            """{"k":"intent","intent":{"op":"open","\udc00":2}}""",
            """{"k":"ws","t":"yesterday","text":"Ping"}""",
            Open);
        Assert.True(code == 0, stderr);
        var details = Malformed(summary);
        for (var line = 1; line <= 8; line++)
            Assert.Contains(details, d => d.Contains($"line {line}:", StringComparison.Ordinal));
        Assert.Contains(details, d => d.Contains("line 1: field 't' cannot be read", StringComparison.Ordinal));
        Assert.Contains(details, d => d.Contains("line 8: field 't' is not a time", StringComparison.Ordinal));
        Assert.NotEqual("idle", summary.GetProperty("slots")[0].GetProperty("phase").GetString()); // the good intent after them was applied
        Assert.Contains("9 records", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_with_a_lone_surrogate_character_is_a_diagnostic_not_a_crash()
    {
        var record = RecordingReader.Parse("{\"k\":\"ws\",\"text\":\"a\uD800b\"}", 7);
        var skipped = Assert.IsType<SkippedRecord>(record);
        Assert.StartsWith("not JSON", skipped.Reason, StringComparison.Ordinal);
        var events = Pink.Core.Bingx.BingxAdapter.FromWs("{\"e\":\"\uDC00\"}", Pink.Core.Kernel.Initial(), 1);
        Assert.IsType<InputRejected>(Assert.Single(events));
    }

    [Theory]
    [InlineData("\"slot\":4294967296", "slot 4294967296 is out of range")]
    [InlineData("\"slot\":-1", "slot -1 is out of range")]
    [InlineData("\"slot\":1.5", "slot 1.5 is not a whole number")]
    [InlineData("\"slot\":\"\\ud800\"", "is not a whole number")]
    [InlineData("\"leverage\":2.9", "leverage 2.9 is not a whole number (refused, not truncated)")]
    [InlineData("\"leverage\":\"2.9\"", "is not a whole number (refused, not truncated)")]
    [InlineData("\"leverage\":0", "leverage 0 is not a number from 1")]
    [InlineData("\"leverage\":1e400", "leverage 1e400 is not a number from 1")]
    [InlineData("\"leverage\":\"NaN\"", "is not a number from 1")]
    [InlineData("\"qty\":\"Infinity\"", "is not a finite number above 0")]
    [InlineData("\"qty\":1e400", "qty 1e400 is not a finite number above 0")]
    [InlineData("\"qty\":-5", "qty -5 is not a finite number above 0")]
    [InlineData("\"qty\":\"NaN\"", "is not a finite number above 0")]
    [InlineData("\"qty\":[1]", "is not a finite number above 0")]
    public void An_intent_out_of_range_is_refused_with_the_reason_and_nothing_else_is_lost(string field, string reason)
    {
        var name = field[1..field.IndexOf('"', 1)];
        var fields = new Dictionary<string, string>
        {
            ["op"] = "\"open\"", ["slot"] = "1", ["symbol"] = "\"BTC-USDT\"", ["side"] = "\"LONG\"", ["qty"] = "1", ["leverage"] = "2", ["client_order_id"] = "\"pk-1-1\"",
        };
        fields[name] = field[(field.IndexOf(':') + 1)..];
        var body = string.Join(",", fields.Select(f => $"\"{f.Key}\":{f.Value}"));
        var bad = "{\"k\":\"intent\",\"t\":1781179200000,\"intent\":{" + body + "}}";
        var (code, summary, stderr) = ReplayCli(bad, Open);
        Assert.True(code == 0, stderr);
        var refusal = Assert.Single(Malformed(summary));
        Assert.Contains("line 1:", refusal, StringComparison.Ordinal);
        Assert.Contains(reason, refusal, StringComparison.Ordinal);
        var slots = summary.GetProperty("slots").EnumerateArray().ToList();
        Assert.All(slots.Where(s => s.GetProperty("slot").GetInt32() != 0), s => Assert.Equal("idle", s.GetProperty("phase").GetString())); // no slot opened by the bad intent
        Assert.NotEqual("idle", slots.Single(s => s.GetProperty("slot").GetInt32() == 0).GetProperty("phase").GetString()); // the next intent was applied
    }

    [Fact]
    public void Whole_number_leverage_and_numeric_strings_are_accepted()
    {
        foreach (var leverage in new[] { "3", "3.0", "\"3\"" })
        {
            var e = Intents.ToEvent(JsonDocument.Parse($$"""{"op":"open","slot":"2","symbol":"FET-USDT","side":"LONG","qty":"5","leverage":{{leverage}},"client_order_id":"c"}""").RootElement, 1);
            var open = Assert.IsType<OpenIntent>(e);
            Assert.Equal((2, 3, 5m), (open.Slot, open.ExchangeLeverage, open.Qty));
        }
    }

    [Fact]
    public void A_live_intent_line_is_checked_like_a_recorded_one()
    {
        Assert.StartsWith("not JSON", Intents.FromLine("{\"op\":").Refusal, StringComparison.Ordinal);
        Assert.StartsWith("not JSON", Intents.FromLine("{\"op\":\"a\uD800\"}").Refusal, StringComparison.Ordinal);
        Assert.Contains("not a Array", Intents.FromLine("[1]").Refusal, StringComparison.Ordinal);
        // A JSON object is handed on as it came (and recorded): the session's intent reader refuses what is out of range,
        // so the live loop and a replay of its recording report the same.
        var (intent, refusal) = Intents.FromLine("""{"op":"open","slot":4294967296,"symbol":"FET-USDT","side":"LONG","qty":1,"client_order_id":"c"}""");
        Assert.Null(refusal);
        var recorded = RecordingReader.Parse(RecordingWriter.ToJson(new IntentRecord(0, 5, intent!.Value)), 1);
        var session = new Session(Pink.Core.Kernel.Initial());
        session.Feed(recorded);
        var diagnostic = Assert.Single(session.Effects.OfType<Diagnostic>());
        Assert.Contains("slot 4294967296 is out of range", diagnostic.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(session.Effects, e => e is PlaceOrder);
    }

    [Fact]
    public void An_intent_with_a_lone_surrogate_is_recorded_and_refused_in_the_loop_not_a_crash()
    {
        var (intent, _) = Intents.FromLine("""{"op":"open","slot":0,"symbol":"\ud800","side":"LONG","qty":1,"client_order_id":"c"}""");
        var json = RecordingWriter.ToJson(new IntentRecord(0, 5, intent!.Value));
        var session = new Session(Pink.Core.Kernel.Initial());
        session.Feed(RecordingReader.Parse(json, 3));
        var diagnostic = Assert.Single(session.Effects.OfType<Diagnostic>());
        Assert.Contains("line 3: open intent c: field 'symbol' cannot be read", diagnostic.Detail, StringComparison.Ordinal);
    }
}
