using System.Text;
using Pink.Core;
using Pink.Shell.Config;
using Pink.Shell.Recording;
using Pink.Shell.Replay;
using Pink.Shell.Runner;
using Pink.Shell.Venue;

namespace Pink.Tests.Replay;

/// <summary>
/// The readers besides the recording's, given the same hostile inputs (lone surrogate escapes and characters, numbers
/// beyond range, NaN/Infinity text, wrong types, truncation): each answers with its own documented refusal — a state
/// document's Left, a checkpoint's InvalidDataException, a ConfigException, a BingxApiException, "not a refusal" on a
/// stream's receive thread — and never with anything else.
/// </summary>
public class OtherReadersTotalityTests
{
    private static readonly string[] Hostile =
    [
        "\"\\ud800\"", "\"\\udc00x\"", "1e400", "-1e400", "9223372036854775808", "4294967296", "2.9", "NaN", "\"NaN\"", "\"Infinity\"",
        "null", "true", "[]", "{}", "\"\"", "{\"\\ud800\":1}", "-1",
    ];

    private static string StateOfTheSample()
    {
        var session = new Session(Pink.Core.Kernel.Initial());
        foreach (var r in RecordingReader.ReadFile(ReplayTests.Sample)) session.Feed(r);
        return StateDocument.Save(session.State);
    }

    [Fact]
    public void A_damaged_state_document_is_refused_with_a_reason_never_an_exception()
    {
        var document = StateOfTheSample();
        var random = new Random(17);
        var refused = 0;
        for (var i = 0; i < 3_000; i++)
        {
            var damaged = Damage(random, document);
            var restored = StateDocument.Restore(damaged); // throws on a defect: the test fails with it
            if (restored.IsLeft) refused++;
        }
        Assert.True(refused > 1_000, $"{refused} refused");
    }

    [Fact]
    public void A_damaged_checkpoint_stops_the_start_with_an_InvalidDataException_naming_the_file()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"pink-cp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var path = Path.Combine(dir, "checkpoint.json");
            Checkpoint.Save(path, new Checkpoint(5, Pink.Core.Kernel.Initial()));
            var good = File.ReadAllText(path);
            var random = new Random(5);
            foreach (var text in Hostile.Concat(["", "{", "{\"version\":\"1\"}", "{\"version\":1,\"records_applied\":1e400,\"state\":{}}", "{\"version\":1,\"records_applied\":-3}"])
                         .Concat(Enumerable.Range(0, 300).Select(_ => Damage(random, good))))
            {
                File.WriteAllText(path, text);
                try { Checkpoint.Load(path); }
                catch (InvalidDataException ex) { Assert.Contains(path, ex.Message, StringComparison.Ordinal); }
            }
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void A_hostile_config_file_is_a_ConfigException_naming_the_setting()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pink-config-{Guid.NewGuid():N}.json");
        try
        {
            foreach (var key in new[] { "namespace", "slots", "seed_capital", "state_directory", "clickhouse_url", "reconcile_interval_seconds" })
                foreach (var value in Hostile)
                {
                    File.WriteAllText(path, $"{{\"{key}\":{value}}}");
                    try { ConfigLoader.Load(path, new Dictionary<string, string?>()); }
                    catch (ConfigException) { }
                }
            foreach (var text in new[] { "{\"\\ud800\":1}", "[]", "{", "" })
            {
                File.WriteAllText(path, text);
                Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, new Dictionary<string, string?>()));
            }
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void A_hostile_venue_answer_is_a_BingxApiException_and_a_hostile_stream_frame_is_no_refusal_or_expiry()
    {
        var bodies = new List<string> { "{\"code\":\"\\ud800\"}", "{\"code\":1,\"msg\":\"\\ud800\"}", "{\"\\ud800\":1,\"code\":0}", "{\"code\":0,\"data\":{\"listenKey\":\"\\ud800\"}}", "x\uD800" };
        bodies.AddRange(Hostile.Select(h => $"{{\"code\":{h},\"msg\":{h},\"data\":{h}}}"));
        foreach (var body in bodies)
        {
            try
            {
                var data = BingxEnvelope.Open("GET", "/p", 200, body);
                _ = VenueJson.Text(data, "listenKey");
                _ = VenueJson.Long(data, "orderId");
                _ = VenueJson.Decimal(data, "balance");
                _ = VenueJson.Field(data, "order");
            }
            catch (BingxApiException) { }
            _ = BingxMarketStream.IsRefusal(body);
            _ = BingxUserStream.IsExpiry(body);
        }
        foreach (var frame in Hostile.Select(h => $"{{\"id\":\"1\",\"code\":{h}}}").Append("{\"id\":\"1\",\"code\":80015,\"\\ud800\":1}").Append("{\"code\":1\uD800}"))
            _ = BingxMarketStream.IsRefusal(frame);
        Assert.True(BingxMarketStream.IsRefusal("{\"id\":\"1\",\"code\":80015,\"msg\":\"x\"}"));
        Assert.True(BingxUserStream.IsExpiry("{\"e\":\"listenKeyExpired\",\"listenKey\":\"\\ud800\"}"));
        Assert.False(BingxUserStream.IsExpiry("{\"e\":\"\\ud800\",\"x\":\"listenKeyExpired\"}"));
    }

    // Byte flips, truncation, a lone surrogate or a hostile token somewhere in a JSON text.
    private static string Damage(Random random, string text)
    {
        switch (random.Next(4))
        {
            case 0:
            {
                var b = new StringBuilder(text);
                var i = random.Next(b.Length);
                b[i] = (char)(b[i] ^ (1 << random.Next(7)));
                return b.ToString();
            }
            case 1: return text[..random.Next(text.Length)];
            case 2:
            {
                var quote = text.IndexOf('"', random.Next(text.Length));
                return quote < 0 ? text : text[..(quote + 1)] + "\\ud800" + text[(quote + 1)..];
            }
            default:
            {
                // a value after a colon replaced by a hostile token
                var colon = text.IndexOf(':', random.Next(text.Length));
                if (colon < 0) return text;
                var end = colon + 1;
                var depth = 0;
                for (; end < text.Length; end++)
                {
                    var c = text[end];
                    if (c is '{' or '[') depth++;
                    else if (c is '}' or ']') { if (depth == 0) break; depth--; }
                    else if (c == ',' && depth == 0) break;
                }
                return text[..(colon + 1)] + Hostile[random.Next(Hostile.Length)] + text[end..];
            }
        }
    }
}
