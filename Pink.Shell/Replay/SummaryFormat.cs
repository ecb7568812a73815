using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pink.Shell.Replay;

/// <summary>The summary as the contract's JSON object, or as a readable table.</summary>
public static class SummaryFormat
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new NormalDecimal() },
    };

    public static string Json(Summary s) => JsonSerializer.Serialize(s, Options);

    public static string Table(Summary s)
    {
        var b = new StringBuilder();
        var a = s.Account;
        b.AppendLine($"account  capital {N(a.Capital)} ({a.CapitalSource})  wallet {N(a.EWalletBalance)}  fees paid {N(a.FeesPaid)}  equity {N(a.Equity)}  event_seq {a.EventSeq}{(a.EntriesBlocked ? "  ENTRIES BLOCKED" : "")}");
        b.AppendLine();
        b.AppendLine($"{"trade",-14} {"slot",4} {"symbol",-10} {"side",-5} {"qty",14} {"entry",12} {"exit",12} {"realized",14} {"fees",12} {"pnl_source",-15} {"closed",-6} flags");
        foreach (var t in s.Trades)
            b.AppendLine($"{t.TradeId,-14} {t.Slot,4} {t.Symbol,-10} {t.Side,-5} {N(t.Qty),14} {N(t.EntryPrice),12} {N(t.ExitPrice),12} {N(t.RealizedPnl),14} {N(t.Fees),12} {t.PnlSource,-15} {(t.Closed ? "yes" : "no"),-6} {string.Join(',', t.Flags)}");
        b.AppendLine();
        b.AppendLine($"{"slot",4} {"phase",-13} {"symbol",-10} {"side",-5} {"open qty",14} {"entry",12} {"realized",14} flags");
        foreach (var v in s.Slots)
            b.AppendLine($"{v.Slot,4} {v.Phase,-13} {v.Symbol,-10} {v.Side,-5} {N(v.OpenQty),14} {N(v.EntryPrice),12} {N(v.RealizedPnl),14} {string.Join(',', v.Flags)}");
        b.AppendLine();
        b.AppendLine("sizer feedback  " + (s.SizerFeedback.Count == 0 ? "(none)" : string.Join("  ", s.SizerFeedback.Select(f => $"{f.TradeId} {N(f.Pnl)}"))));
        b.AppendLine("rows            " + string.Join("  ", s.Rows.Select(r => $"{r.Key} {r.Value}")));
        b.AppendLine($"anomalies       {s.Anomalies.Count}");
        foreach (var x in s.Anomalies) b.AppendLine($"  {x.Severity,-7} {x.Kind,-22} {x.Detail}");
        return b.ToString();
    }

    private static string N(decimal x) => Math.Round(x, 8).ToString("0.########", CultureInfo.InvariantCulture);

    // Figures print exactly, without the trailing zeros a decimal may carry (0.37000000 and 0.37 are one figure).
    private sealed class NormalDecimal : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(Pink.Core.Bingx.Json.Normal(value));
    }
}
