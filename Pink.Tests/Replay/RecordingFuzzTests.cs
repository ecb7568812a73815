using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pink.Core;
using Pink.Shell.Recording;
using Pink.Shell.Replay;
using Xunit.Abstractions;

namespace Pink.Tests.Replay;

/// <summary>
/// The recording reader and replay are total: real records, mutated (byte flips, truncation, lone surrogates, huge
/// numbers, NaN/Infinity, wrong types, deleted fields, duplicated and dropped lines, restarts), go through the reader,
/// the adapter and the kernel. No exception escapes, the kernel's defect guard (INTERNAL_ERROR) and the session's last
/// guard never fire, every line the contract cannot read yields a diagnostic naming its line, and no intent outside its
/// ranges reaches the venue. Seeded: PINK_FUZZ_SEED replays a run, PINK_FUZZ_RECORDS scales it (default 100,000).
/// </summary>
public class RecordingFuzzTests(ITestOutputHelper output)
{
    private const int LinesPerSession = 2_000;

    [Fact]
    public void Mutated_recordings_never_abort_replay_and_every_unreadable_line_is_reported_with_its_number()
    {
        var records = Env("PINK_FUZZ_RECORDS", 100_000);
        var seed = Env("PINK_FUZZ_SEED", 17);
        var result = Run(records, seed);
        output.WriteLine(result.ToString());
        Assert.True(result.Records >= records, $"{result.Records} records fed");
        foreach (var f in result.Failures) output.WriteLine("FAIL " + f);
        Assert.Empty(result.Failures);
        Assert.Equal(0, result.Escaped);
        Assert.Equal(0, result.InternalErrors);
        Assert.True(result.Unreadable > records / 20, $"only {result.Unreadable} unreadable lines: the mutations are too gentle");
        Assert.True(result.Orders > 0 && result.Fills > 0, "the mutations left no working session to fold");
    }

    public sealed record FuzzResult(long Records, long Lines, long Unreadable, long RangeRefusals, long Diagnostics, long Orders, long Fills,
        long Escaped, long InternalErrors, TimeSpan Took, List<string> Failures)
    {
        public override string ToString() =>
            $"fuzz: {Records} records ({Lines} lines, {Unreadable} unreadable, {RangeRefusals} intents out of range) in {Took.TotalSeconds:0.0} s " +
            $"({Records / Math.Max(Took.TotalSeconds, 1e-9):0} records/s): {Diagnostics} diagnostics, {Orders} orders, {Fills} fills, " +
            $"{Escaped} exceptions escaped, {InternalErrors} INTERNAL_ERROR, {Failures.Count} failures";
    }

    /// <summary>Feeds at least <paramref name="records"/> mutated records; failures are collected (the first 20), not thrown.</summary>
    public static FuzzResult Run(long records, int seed)
    {
        var random = new Random(seed);
        var corpus = Corpus();
        var failures = new List<string>();
        long fed = 0, lines = 0, unreadable = 0, outOfRange = 0, diagnostics = 0, orders = 0, fills = 0, escaped = 0, internalErrors = 0;
        var clock = Stopwatch.StartNew();
        var batch = 0;
        void Fail(string what)
        {
            if (failures.Count < 20) failures.Add($"seed {seed} batch {batch}: {what}");
        }
        while (fed < records)
        {
            batch++;
            var text = Recording(random, corpus, LinesPerSession);
            var expected = Expectations(text);
            var seen = new List<Effect>();
            var session = new Session(Pink.Core.Kernel.Initial()) { OnEffects = (_, fx) => seen.AddRange(fx) };
            var fedLines = new HashSet<int>();
            try
            {
                foreach (var record in RecordingReader.Read(new StringReader(text)))
                {
                    seen.Clear();
                    fed++;
                    fedLines.Add(record.Line);
                    try { session.Feed(record); }

                    catch (Exception ex)
                    {
                        escaped++;
                        Fail($"line {record.Line}: {ex.GetType().Name}: {ex.Message}: {Clip(Line(text, record.Line))}");
                        continue;
                    }
                    foreach (var effect in seen)
                    {
                        switch (effect)
                        {
                            case Diagnostic { Kind: DiagnosticKinds.InternalError } d:
                                internalErrors++;
                                Fail($"line {record.Line}: {d.Detail}: {Clip(Line(text, record.Line))}");
                                break;
                            case Diagnostic d when d.Detail.Contains("reader defect", StringComparison.Ordinal):
                                escaped++;
                                Fail($"line {record.Line}: {d.Detail}");
                                break;
                            case Diagnostic:
                                diagnostics++;
                                break;
                            case PlaceOrder { Purpose: OrderPurpose.Entry } p:
                                orders++;
                                if (p.Slot is < 0 or >= 4 || !Pnl.Usable(p.Qty) || p.ExchangeLeverage is < 1 or > 3)
                                    Fail($"line {record.Line}: an entry order out of range went out: {p}");
                                break;
                            case PersistRow { Row.Table: Tables.TradeExitLegs }:
                                fills++;
                                break;
                        }
                    }
                    if (expected.TryGetValue(record.Line, out var why))
                    {
                        if (why.StartsWith("intent", StringComparison.Ordinal)) outOfRange++;
                        else unreadable++;
                        var named = $"line {record.Line}:";
                        if (!seen.OfType<Diagnostic>().Any(d => d.Detail.Contains(named, StringComparison.Ordinal)))
                            Fail($"line {record.Line} ({why}) yielded no diagnostic naming it: {Clip(Line(text, record.Line))}");
                    }
                }
                // The summary a replay prints must come out too.
                _ = SummaryFormat.Json(Summary.Of(session.State, session.Effects));
                _ = SummaryFormat.Table(Summary.Of(session.State, session.Effects));
            }
            catch (Exception ex)
            {
                escaped++;
                Fail($"outside a record: {ex.GetType().Name}: {ex.Message}");
            }
            foreach (var line in expected.Keys.Where(l => !fedLines.Contains(l)))
                Fail($"line {line} ({expected[line]}) never reached the session");
            lines += expected.Count == 0 ? 0 : CountLines(text);
        }
        return new FuzzResult(fed, lines, unreadable, outOfRange, diagnostics, orders, fills, escaped, internalErrors, clock.Elapsed, failures);
    }

    private static int Env(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;

    // ---- the corpus: the FET sample and one record of every other shape the adapter reads ----

    private static List<string> Corpus()
    {
        var lines = File.ReadAllLines(ReplayTests.Sample).Where(l => l.TrimStart().StartsWith('{')).ToList();
        lines.AddRange(
        [
            """{"k":"intent","t":1781179300000,"intent":{"op":"open","slot":1,"symbol":"BTC-USDT","side":"LONG","qty":"0.5","leverage":"2","clientOrderId":"pk-1-1"}}""",
            """{"k":"rest","t":1781179300100,"method":"POST","path":"/openApi/swap/v2/trade/order","params":{"symbol":"BTC-USDT","clientOrderId":"pk-1-1"},"response":{"code":0,"msg":"","data":{"order":{"orderId":"1933012300000000001","clientOrderId":"pk-1-1"}}}}""",
            """{"k":"ws","t":1781179300200,"frame":{"e":"ORDER_TRADE_UPDATE","E":1781179300200,"o":{"s":"BTC-USDT","c":"pk-1-1","i":1933012300000000001,"S":"BUY","o":"MARKET","q":"0.5","p":"0","ap":"60000","L":"60000","l":"0.5","x":"TRADE","X":"FILLED","n":"-15","T":1781179300195,"ps":"LONG","rp":"0","z":"0.5"}}}""",
            """{"k":"rest","t":1781179300300,"method":"GET","path":"/openApi/swap/v2/trade/order","params":{"symbol":"BTC-USDT","clientOrderId":"pk-1-1"},"response":{"code":0,"msg":"","data":{"order":{"orderId":1933012300000000001,"symbol":"BTC-USDT","side":"BUY","positionSide":"LONG","status":"FILLED","avgPrice":"60000","executedQty":"0.5","profit":"0","commission":"-15","updateTime":1781179300290}}}}""",
            """{"k":"rest","t":1781179300400,"method":"GET","path":"/openApi/swap/v2/user/positions","params":{},"response":{"code":0,"msg":"","data":[{"symbol":"BTC-USDT","positionSide":"LONG","positionAmt":"0.5","avgPrice":"60000","leverage":2}]}}""",
            """{"k":"rest","t":1781179300500,"method":"GET","path":"/openApi/swap/v2/quote/premiumIndex","params":{"symbol":"BTC-USDT"},"response":{"code":0,"msg":"","data":{"symbol":"BTC-USDT","markPrice":"60100"}}}""",
            """{"k":"intent","t":1781179300600,"intent":{"op":"close","slot":1,"client_order_id":"pk-1-2"}}""",
            """{"k":"rest","t":1781179300700,"method":"DELETE","path":"/openApi/swap/v2/trade/order","params":{"symbol":"BTC-USDT","clientOrderId":"pk-1-2"},"response":{"code":0,"msg":"","data":{"order":{"orderId":1933012300000000002,"symbol":"BTC-USDT","side":"SELL","positionSide":"LONG","status":"CANCELLED","avgPrice":"60100","executedQty":"0.2","profit":"20","commission":"-6"}}}}""",
            """{"k":"rest","t":1781179300800,"method":"GET","path":"/openApi/swap/v2/user/income","params":{"startTime":1781179200000},"response":{"code":0,"msg":"","data":[{"symbol":"BTC-USDT","incomeType":"REALIZED_PNL","income":"20","asset":"USDT","time":1781179300700,"tranId":"9001"},{"symbol":"BTC-USDT","incomeType":"TRADING_FEE","income":"-6","time":1781179300700,"tranId":"9002"}]}}""",
            """{"k":"rest","t":1781179300900,"method":"GET","path":"/openApi/swap/v2/user/balance","params":{},"response":{"code":100001,"msg":"signature verification failed"}}""",
            """{"k":"ws","t":1781179301000,"frame":{"e":"ACCOUNT_UPDATE","E":1781179301000,"a":{"m":"FUNDING_FEE","B":[{"a":"USDT","wb":"10190","bc":"-1.5"}],"P":[{"s":"BTC-USDT","pa":"-0.3","ep":"60000","ps":"BOTH"}]}}}""",
            """{"k":"ws","t":1781179301100,"frame":{"e":"listenKeyExpired","E":1781179301100,"listenKey":"abcd"}}""",
            """{"k":"ws","t":1781179301200,"frame":{"id":"f00","code":80015,"msg":"dataType not supported"}}""",
            """{"k":"ws","t":1781179301300,"frame":"Ping"}""",
        ]);
        return lines;
    }

    // ---- mutations ----

    private static readonly string[] Tokens =
    [
        "\"\\ud800\"", "\"\\udc00\"", "\"a\\ud800b\"", "\"\\udfff\\ud800\"", "1e400", "-1e400", "1e308", "-1e308", "4294967296", "-4294967297",
        "9223372036854775808", "-9223372036854775809", "2147483648", "-1", "0", "-0", "2.9", "0.5", "1.5e-320", "NaN", "Infinity", "-Infinity",
        "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"1e400\"", "\"4294967296\"", "\"2.9\"", "null", "true", "false", "[]", "{}", "\"\"",
        "\"x\"", "[1,2]", "{\"a\":1}", "\"\\u0000\"", "\"0E-8\"", "99999999999999999999999999999999",
    ];

    private static string Recording(Random random, List<string> corpus, int count)
    {
        var b = new StringBuilder(count * 300);
        var at = random.Next(corpus.Count);
        var pass = random.Next(1_000);
        // Some recordings are mostly sound (trades open and close, so the ledger paths run), some mostly broken.
        var mutated = new[] { 4, 20, 90, 150 }[random.Next(4)];
        for (var i = 0; i < count; i++)
        {
            var line = Fresh(corpus[at], pass);
            if (++at == corpus.Count) (at, pass) = (0, pass + 1);
            var roll = random.Next(200);
            if (roll < mutated)
            {
                var n = 1 + random.Next(3);
                for (var m = 0; m < n; m++) line = Mutate(random, line);
            }
            else if (roll < mutated + 1) line = "{\"k\":\"restart\"}";
            else if (roll < mutated + 3) at = random.Next(corpus.Count); // a dropped or repeated stretch
            else if (roll < mutated + 5) b.Append(line).Append('\n'); // a duplicated line
            else if (roll < mutated + 6) b.Append(random.Next(3) switch { 0 => "", 1 => "   ", _ => "// a comment" }).Append('\n');
            b.Append(line).Append(random.Next(20) == 0 ? "\r\n" : "\n");
        }
        return b.ToString();
    }

    // Each pass over the corpus is a new round of trades: fresh client order ids, trade ids, venue order ids and income
    // ids, so the kernel folds new trades rather than recognising the same ones as duplicates.
    private static string Fresh(string line, int pass) => line
        .Replace("pk-", $"pk{pass}-", StringComparison.Ordinal)
        .Replace("\"T1\"", $"\"T{pass}\"", StringComparison.Ordinal)
        .Replace("19330123", (19_330_123 + pass).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("\"tranId\":\"900", $"\"tranId\":\"{pass}900", StringComparison.Ordinal);

    private static string Mutate(Random random, string line) => random.Next(10) switch
    {
        0 => Flip(random, line),
        1 => line[..random.Next(line.Length + 1)],                                 // truncation
        2 => InsertInString(random, line, random.Next(2) == 0 ? "\\ud800" : "\\udc00"), // a lone surrogate inside a string
        3 => InsertInString(random, line, random.Next(2) == 0 ? "\\uD83D" : "\\\\"),
        _ => Structural(random, line) ?? Flip(random, line),
    };

    private const string Punctuation = "{}[]\":,\\0123456789.-eE";

    private static string Flip(Random random, string line)
    {
        if (line.Length == 0) return "\u0001";
        var chars = line.ToCharArray();
        var i = random.Next(chars.Length);
        chars[i] = random.Next(4) switch
        {
            0 => (char)(chars[i] ^ (1 << random.Next(7))),
            1 => Punctuation[random.Next(Punctuation.Length)],
            2 => (char)random.Next(0x20),
            _ => (char)random.Next(0x80, 0xFFFF),
        };
        return new string(chars);
    }

    private static string InsertInString(Random random, string line, string escape)
    {
        var quotes = new List<int>();
        for (var i = 0; i < line.Length; i++) if (line[i] == '"') quotes.Add(i);
        if (quotes.Count == 0) return line + escape;
        var q = quotes[random.Next(quotes.Count)];
        return line[..(q + 1)] + escape + line[(q + 1)..];
    }

    // A value somewhere in the record replaced by a hostile token, deleted, or its key renamed.
    private static string? Structural(Random random, string line)
    {
        try { return Restructured(random, line); }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException) { return null; } // duplicate keys and the like
    }

    private static string? Restructured(Random random, string line)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(line); }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException) { return null; }
        if (root is null) return null;
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        var target = nodes[random.Next(nodes.Count)];
        const string marker = "@@fuzz@@";
        var parent = target.Parent;
        var op = random.Next(10);
        try
        {
            if (parent is JsonObject obj && target.GetPropertyName() is string name)
            {
                if (op == 0) obj.Remove(name);
                else if (op == 1) { obj.Remove(name); obj[name + "x"] = target; }
                else obj[name] = JsonValue.Create(marker);
            }
            else if (parent is JsonArray arr)
            {
                var i = target.GetElementIndex();
                if (op == 0) arr.RemoveAt(i);
                else arr[i] = JsonValue.Create(marker);
            }
            else return Tokens[random.Next(Tokens.Length)]; // the whole record
        }
        catch (InvalidOperationException) { return null; }
        return root.ToJsonString().Replace($"\"{marker}\"", Tokens[random.Next(Tokens.Length)], StringComparison.Ordinal);
    }

    private static void Collect(JsonNode node, List<JsonNode> into)
    {
        into.Add(node);
        switch (node)
        {
            case JsonObject o: foreach (var (_, v) in o.ToList()) if (v is not null) Collect(v, into); break;
            case JsonArray a: foreach (var v in a.ToList()) if (v is not null) Collect(v, into); break;
        }
    }

    // ---- the oracle: what the recording contract says cannot be read, worked out independently of the reader ----

    /// <summary>Line number → why the line must yield a diagnostic naming it.</summary>
    private static Dictionary<int, string> Expectations(string text)
    {
        var expected = new Dictionary<int, string>();
        var reader = new StringReader(text);
        var n = 0;
        while (reader.ReadLine() is string line)
        {
            n++;
            if (Why(line.Trim()) is string why) expected[n] = why;
        }
        return expected;
    }

    private static string? Why(string line)
    {
        if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal)) return null;
        JsonDocument doc;
        try { doc = JsonDocument.Parse(line); }
        catch (Exception ex) when (ex is JsonException or ArgumentException) { return "not JSON"; }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return "not an object";
            if (!NamesReadable(root)) return "a field name unreadable";
            if (root.TryGetProperty("t", out var t) && !IsTime(t)) return "t is no time";
            if (!root.TryGetProperty("k", out var k) || Decoded(k) is not string kind) return "no readable k";
            switch (kind)
            {
                case "restart": return null;
                case "intent":
                    if (!root.TryGetProperty("intent", out var intent) || intent.ValueKind != JsonValueKind.Object) return "intent not an object";
                    if (!NamesReadable(intent)) return "intent field name unreadable";
                    return IntentOutOfRange(intent);
                case "rest":
                    if (!root.TryGetProperty("response", out _)) return "rest without response";
                    foreach (var field in new[] { "method", "path" })
                        if (root.TryGetProperty(field, out var f) && f.ValueKind == JsonValueKind.String && Decoded(f) is null) return $"{field} unreadable";
                    return null;
                case "ws":
                    if (root.TryGetProperty("frame", out var frame) && frame.ValueKind == JsonValueKind.Object) return null;
                    if (root.TryGetProperty("text", out var wsText) && wsText.ValueKind == JsonValueKind.String) return Decoded(wsText) is null ? "text unreadable" : null;
                    if (frame.ValueKind == JsonValueKind.String) return Decoded(frame) is null ? "frame unreadable" : null;
                    return "ws without frame or text";
                default: return "unknown kind";
            }
        }
    }

    private static bool NamesReadable(JsonElement obj)
    {
        try { return obj.EnumerateObject().All(p => p.Name is not null); }
        catch (InvalidOperationException) { return false; }
    }

    private static string? IntentOutOfRange(JsonElement intent)
    {
        if (!intent.TryGetProperty("op", out var op) || Decoded(op) is not string o) return "intent op unreadable";
        if (o.ToLowerInvariant() is not ("open" or "close")) return "intent op unknown";
        if (!intent.TryGetProperty("slot", out var slot) || slot.ValueKind == JsonValueKind.Null || Number(slot) is not double s || s != Math.Floor(s) || s < 0 || s > int.MaxValue)
            return "intent slot out of range";
        if (o.Equals("close", StringComparison.OrdinalIgnoreCase)) return null;
        if (!intent.TryGetProperty("qty", out var qty) || Number(qty) is not double q || q <= 0) return "intent qty out of range";
        if (intent.TryGetProperty("leverage", out var lev) && lev.ValueKind != JsonValueKind.Null && (Number(lev) is not double l || l != Math.Floor(l) || l < 1 || l > int.MaxValue))
            return "intent leverage out of range";
        return null;
    }

    // A finite number, from a JSON number or a numeric string.
    private static double? Number(JsonElement e)
    {
        var s = e.ValueKind switch { JsonValueKind.Number => e.GetRawText(), JsonValueKind.String => Decoded(e), _ => null };
        return s is not null && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null;
    }

    private static bool IsTime(JsonElement t)
    {
        const long max = 253_402_300_799_999L, min = -62_135_596_800_000L;
        switch (t.ValueKind)
        {
            case JsonValueKind.Null: return true;
            case JsonValueKind.Number: return t.TryGetInt64(out var ms) && ms is >= min and <= max;
            case JsonValueKind.String:
                if (Decoded(t) is not string s) return false;
                if (long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var m)) return m is >= min and <= max;
                return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);
            default: return false;
        }
    }

    private static string? Decoded(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.String) return null;
        try { return e.GetString(); }
        catch (InvalidOperationException) { return null; }
    }

    private static string Line(string text, int number)
    {
        var reader = new StringReader(text);
        for (var i = 1; reader.ReadLine() is string line; i++) if (i == number) return line;
        return "";
    }

    private static int CountLines(string text)
    {
        var reader = new StringReader(text);
        var n = 0;
        while (reader.ReadLine() is not null) n++;
        return n;
    }

    private static string Clip(string s) => s.Length <= 300 ? s : s[..300] + "…";
}
