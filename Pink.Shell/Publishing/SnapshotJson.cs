using System.Buffers;
using System.Text;
using System.Text.Json;
using Pink.Core;

namespace Pink.Shell.Publishing;

/// <summary>
/// The stable JSON form of <see cref="AccountSnapshot"/>, what other processes read: snake_case keys in a fixed
/// order, numbers as JSON numbers (shortest round-trip form), enums by their wire names (<see cref="Names"/>).
/// A non-finite number, which the kernel never publishes, would be written as null rather than break the document.
/// </summary>
public static class SnapshotJson
{
    /// <summary>Bumped when a key is renamed or removed (adding keys keeps the version).</summary>
    public const int SchemaVersion = 1;

    /// <summary>The snapshot as UTF-8 JSON bytes.</summary>
    public static byte[] ToUtf8(AccountSnapshot snapshot)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
            Write(writer, snapshot);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The snapshot as a JSON string.</summary>
    public static string Serialize(AccountSnapshot snapshot) => Encoding.UTF8.GetString(ToUtf8(snapshot));

    /// <summary>Writes the snapshot as one JSON object.</summary>
    public static void Write(Utf8JsonWriter w, AccountSnapshot s)
    {
        w.WriteStartObject();
        w.WriteNumber("schema_version", SchemaVersion);
        w.WriteNumber("event_seq", s.EventSeq);
        w.WriteNumber("time_ms", s.TimeMs);
        Number(w, "capital", s.Capital);
        Number(w, "equity", s.Equity);
        w.WriteString("capital_source", Names.Of(s.CapitalSource));
        Number(w, "e_wallet_balance", s.EWalletBalance);
        Number(w, "available_margin", s.AvailableMargin);
        Number(w, "fees_paid", s.FeesPaid);
        Number(w, "unrealized_pnl", s.UnrealizedPnl);
        w.WriteBoolean("entries_blocked", s.EntriesBlocked);
        w.WriteStartArray("slots");
        foreach (var slot in s.Slots) WriteSlot(w, slot);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteSlot(Utf8JsonWriter w, SlotView v)
    {
        w.WriteStartObject();
        w.WriteNumber("slot", v.Slot);
        w.WriteString("phase", Names.Of(v.Phase));
        if (v.TradeId is null) w.WriteNull("trade_id");
        else w.WriteString("trade_id", v.TradeId);
        w.WriteString("symbol", v.Symbol);
        w.WriteString("side", v.Side);
        Number(w, "open_qty", v.OpenQty);
        Number(w, "entry_price", v.EntryPrice);
        Number(w, "mark_price", v.MarkPrice);
        Number(w, "unrealized_pnl", v.UnrealizedPnl);
        Number(w, "realized_pnl", v.RealizedPnl);
        Number(w, "fees", v.Fees);
        w.WriteNumber("exchange_leverage", v.ExchangeLeverage);
        Number(w, "conviction_leverage", v.ConvictionLeverage);
        Number(w, "settled_baseline", v.SettledBaseline);
        w.WriteStartArray("flags");
        foreach (var flag in Names.Of(v.Flags)) w.WriteStringValue(flag);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, decimal value) => w.WriteNumber(name, value);
}
