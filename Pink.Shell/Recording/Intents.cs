using System.Text.Json;
using Pink.Core;
using Pink.Core.Bingx;

namespace Pink.Shell.Recording;

/// <summary>
/// An intent record (a recording's, or a JSON line on `live`'s stdin) → the kernel's intent event, or why it cannot be
/// one. Total: a field that cannot be read or is out of range refuses the intent with the reason (MALFORMED_INPUT);
/// nothing is cast, rounded or truncated into range, so a slot of 2^32 never opens slot 0 and leverage 2.9 never
/// becomes 2.
/// </summary>
public static class Intents
{
    public static KernelEvent ToEvent(JsonElement intent, long time)
    {
        if (intent.ValueKind != JsonValueKind.Object) return Refused($"intent is a {intent.ValueKind}, not an object", time);
        if (RecordingReader.UnreadableName(intent) is string name) return Refused(name, time);
        var read = new Fields(intent);
        var op = (read.Text("op") ?? "").ToLowerInvariant();
        var coid = read.Text("client_order_id", "clientOrderId") ?? "";
        if (op is not ("open" or "close"))
            return Refused(read.Problem ?? $"unknown intent op '{Clip(op)}'", time);
        var slot = read.Slot();
        if (op == "close")
            return read.Problem is string closeProblem ? Refused($"close intent {Clip(coid)}: {closeProblem}", time) : new CloseIntent(slot, coid, time);
        var side = (read.Text("side") ?? "").ToUpperInvariant();
        var symbol = read.Text("symbol") ?? "";
        var tradeId = read.Text("trade_id", "tradeId");
        var qty = read.Quantity();
        var leverage = read.Leverage();
        if (read.Problem is string problem) return Refused($"open intent {Clip(coid)}: {problem}", time);
        if (side is not ("LONG" or "SHORT")) return Refused($"open intent with side '{Clip(side)}'", time);
        return new OpenIntent(slot, symbol, side == "LONG" ? PositionSide.Long : PositionSide.Short, qty, leverage, coid, tradeId, time);
    }

    /// <summary>A line of JSON text as an intent object, or why it is none (not JSON, not an object).</summary>
    public static (JsonElement? Intent, string? Refusal) FromLine(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                ? (doc.RootElement.Clone(), null)
                : (null, $"an intent is a JSON object, not a {doc.RootElement.ValueKind}");
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException) // ArgumentException: a lone surrogate char in the text
        {
            return (null, $"not JSON: {ex.Message}");
        }
    }

    private static InputRejected Refused(string why, long time) => new("intent", why, time);

    private static string Clip(string s) => s.Length <= 60 ? s : s[..60] + "…";

    /// <summary>Reads an intent's fields, keeping the first problem met (an intent is refused on it).</summary>
    private sealed class Fields(JsonElement intent)
    {
        public string? Problem { get; private set; }

        public string? Text(params string[] names)
        {
            try { return Json.Text(intent, names); }
            catch (InvalidOperationException ex)
            {
                Problem ??= $"field '{names[0]}' cannot be read: {ex.Message}";
                return null;
            }
        }

        /// <summary>A slot index: a whole number from 0 to int.MaxValue (the kernel then checks it names a slot).</summary>
        public int Slot()
        {
            if (Json.Field(intent, "slot") is not JsonElement raw) return Fail("no slot", -1);
            if (Json.IdOf(raw) is not long slot) return Fail($"slot {Raw(raw)} is not a whole number", -1);
            return slot is >= 0 and <= int.MaxValue ? (int)slot : Fail($"slot {slot} is out of range (0 to {int.MaxValue})", -1);
        }

        /// <summary>The order quantity in coin units: an exact decimal above 0 and at most the kernel's bound.</summary>
        public decimal Quantity()
        {
            if (Json.Field(intent, "qty") is not JsonElement raw) return Fail("no qty", 0m);
            return Json.NumberOf(raw) is decimal qty && Pnl.Usable(qty) ? qty : Fail($"qty {Raw(raw)} is not a finite number above 0 and at most {Pnl.Max}", 0m);
        }

        /// <summary>Exchange leverage (default 1): a whole number from 1 up; the kernel checks the cap.</summary>
        public int Leverage()
        {
            if (Json.Field(intent, "leverage") is not JsonElement raw) return 1;
            if (Json.NumberOf(raw) is not decimal x || x < 1 || x > int.MaxValue) return Fail($"leverage {Raw(raw)} is not a number from 1 to {int.MaxValue}", 1);
            return Math.Floor(x) == x ? (int)x : Fail($"leverage {Raw(raw)} is not a whole number (refused, not truncated)", 1);
        }

        private T Fail<T>(string problem, T placeholder)
        {
            Problem ??= problem;
            return placeholder;
        }

        private static string Raw(JsonElement e) => Clip(e.GetRawText());
    }
}
