using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Pink.Core;

namespace Pink.Shell.ClickHouse;

/// <summary>
/// The spool's encoding of a row: the kernel's record as JSON, tagged with its table. Exact round trip (doubles
/// including NaN, naive-UTC timestamps) so a spooled row is delivered exactly as the kernel built it.
/// </summary>
public static class RowJson
{
    /// <summary>Options shared by the spool and the poison lane.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { DropDerived } },
    };

    private static readonly Dictionary<string, Type> TypeOfTable = new()
    {
        [Tables.AccountEvents] = typeof(AccountEventRow),
        [Tables.StatusSnapshots] = typeof(StatusSnapshotRow),
        [Tables.TradeEvents] = typeof(TradeEventRow),
        [Tables.TradeExitLegs] = typeof(TradeExitLegRow),
        [Tables.AnomalyEvents] = typeof(AnomalyEventRow),
    };

    /// <summary>
    /// The row as a JSON object (without its table). Pink's five row types are written field by field — the very bytes
    /// <see cref="JsonSerializer"/> writes with <see cref="Options"/> (a test compares them), several times faster, which
    /// matters because every spooled row passes here; any other row goes through the serializer.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, Row row)
    {
        switch (row)
        {
            case AccountEventRow a:
                writer.WriteStartObject();
                writer.WriteString(N.Kind, a.Kind);
                writer.WriteString(N.EventId, a.EventId);
                Number(writer, N.Capital, a.Capital);
                writer.WriteString(N.CapitalSource, a.CapitalSource);
                Number(writer, N.EWalletBalance, a.EWalletBalance);
                Number(writer, N.AvailableMargin, a.AvailableMargin);
                Number(writer, N.RealizedIncrement, a.RealizedIncrement);
                Number(writer, N.Fee, a.Fee);
                Number(writer, N.KLedger, a.KLedger);
                Number(writer, N.Divergence, a.Divergence);
                Number(writer, N.ExternalFlow, a.ExternalFlow);
                writer.WriteString(N.TradeId, a.TradeId);
                break;
            case StatusSnapshotRow s:
                writer.WriteStartObject();
                Number(writer, N.Capital, s.Capital);
                Number(writer, N.Equity, s.Equity);
                writer.WriteString(N.CapitalSource, s.CapitalSource);
                Number(writer, N.EWalletBalance, s.EWalletBalance);
                Number(writer, N.AvailableMargin, s.AvailableMargin);
                Number(writer, N.FeesPaid, s.FeesPaid);
                Number(writer, N.UnrealizedPnl, s.UnrealizedPnl);
                writer.WriteNumber(N.OpenSlots, s.OpenSlots);
                writer.WriteBoolean(N.EntriesBlocked, s.EntriesBlocked);
                break;
            case TradeEventRow t:
                writer.WriteStartObject();
                writer.WriteString(N.TradeId, t.TradeId);
                writer.WriteString(N.Event, t.Event);
                writer.WriteNumber(N.Slot, t.Slot);
                writer.WriteString(N.Symbol, t.Symbol);
                writer.WriteString(N.Side, t.Side);
                Number(writer, N.Qty, t.Qty);
                Number(writer, N.EntryPrice, t.EntryPrice);
                Number(writer, N.ExitPrice, t.ExitPrice);
                Number(writer, N.RealizedPnl, t.RealizedPnl);
                Number(writer, N.Fees, t.Fees);
                writer.WriteString(N.PnlSource, t.PnlSource);
                writer.WriteNumber(N.BarsHeld, t.BarsHeld);
                writer.WriteNumber(N.ExchangeLeverage, t.ExchangeLeverage);
                writer.WriteString(N.Flags, t.Flags);
                break;
            case TradeExitLegRow l:
                writer.WriteStartObject();
                writer.WriteString(N.TradeId, l.TradeId);
                writer.WriteNumber(N.LegIndex, l.LegIndex);
                writer.WriteNumber(N.Slot, l.Slot);
                writer.WriteString(N.Symbol, l.Symbol);
                writer.WriteString(N.Side, l.Side);
                Number(writer, N.Qty, l.Qty);
                Number(writer, N.Price, l.Price);
                Number(writer, N.RealizedPnl, l.RealizedPnl);
                writer.WriteString(N.PnlSource, l.PnlSource);
                writer.WriteString(N.Flags, l.Flags);
                writer.WriteNumber(N.VenueOrderId, l.VenueOrderId);
                break;
            case AnomalyEventRow x:
                writer.WriteStartObject();
                writer.WriteString(N.Kind, x.Kind);
                writer.WriteString(N.Severity, x.Severity);
                writer.WriteNumber(N.Slot, x.Slot);
                writer.WriteString(N.TradeId, x.TradeId);
                writer.WriteString(N.Detail, x.Detail);
                break;
            default:
                JsonSerializer.Serialize(writer, row, row.GetType(), Options);
                return;
        }
        // The serializer lists a record's own properties first, then the base record's.
        writer.WriteString(N.Ts, row.Ts);
        writer.WriteNumber(N.AccountEventSeq, row.AccountEventSeq);
        writer.WriteEndObject();
    }

    // Exact: a decimal prints every digit it holds, as the serializer writes it.
    private static void Number(Utf8JsonWriter writer, JsonEncodedText name, decimal value) => writer.WriteNumber(name, value);

    // Property names, encoded once.
    private static class N
    {
        public static readonly JsonEncodedText Ts = JsonEncodedText.Encode(nameof(Row.Ts));
        public static readonly JsonEncodedText AccountEventSeq = JsonEncodedText.Encode(nameof(Row.AccountEventSeq));
        public static readonly JsonEncodedText Kind = JsonEncodedText.Encode(nameof(AccountEventRow.Kind));
        public static readonly JsonEncodedText EventId = JsonEncodedText.Encode(nameof(AccountEventRow.EventId));
        public static readonly JsonEncodedText Capital = JsonEncodedText.Encode(nameof(AccountEventRow.Capital));
        public static readonly JsonEncodedText CapitalSource = JsonEncodedText.Encode(nameof(AccountEventRow.CapitalSource));
        public static readonly JsonEncodedText EWalletBalance = JsonEncodedText.Encode(nameof(AccountEventRow.EWalletBalance));
        public static readonly JsonEncodedText AvailableMargin = JsonEncodedText.Encode(nameof(AccountEventRow.AvailableMargin));
        public static readonly JsonEncodedText RealizedIncrement = JsonEncodedText.Encode(nameof(AccountEventRow.RealizedIncrement));
        public static readonly JsonEncodedText Fee = JsonEncodedText.Encode(nameof(AccountEventRow.Fee));
        public static readonly JsonEncodedText KLedger = JsonEncodedText.Encode(nameof(AccountEventRow.KLedger));
        public static readonly JsonEncodedText Divergence = JsonEncodedText.Encode(nameof(AccountEventRow.Divergence));
        public static readonly JsonEncodedText ExternalFlow = JsonEncodedText.Encode(nameof(AccountEventRow.ExternalFlow));
        public static readonly JsonEncodedText TradeId = JsonEncodedText.Encode(nameof(AccountEventRow.TradeId));
        public static readonly JsonEncodedText Equity = JsonEncodedText.Encode(nameof(StatusSnapshotRow.Equity));
        public static readonly JsonEncodedText FeesPaid = JsonEncodedText.Encode(nameof(StatusSnapshotRow.FeesPaid));
        public static readonly JsonEncodedText UnrealizedPnl = JsonEncodedText.Encode(nameof(StatusSnapshotRow.UnrealizedPnl));
        public static readonly JsonEncodedText OpenSlots = JsonEncodedText.Encode(nameof(StatusSnapshotRow.OpenSlots));
        public static readonly JsonEncodedText EntriesBlocked = JsonEncodedText.Encode(nameof(StatusSnapshotRow.EntriesBlocked));
        public static readonly JsonEncodedText Event = JsonEncodedText.Encode(nameof(TradeEventRow.Event));
        public static readonly JsonEncodedText Slot = JsonEncodedText.Encode(nameof(TradeEventRow.Slot));
        public static readonly JsonEncodedText Symbol = JsonEncodedText.Encode(nameof(TradeEventRow.Symbol));
        public static readonly JsonEncodedText Side = JsonEncodedText.Encode(nameof(TradeEventRow.Side));
        public static readonly JsonEncodedText Qty = JsonEncodedText.Encode(nameof(TradeEventRow.Qty));
        public static readonly JsonEncodedText EntryPrice = JsonEncodedText.Encode(nameof(TradeEventRow.EntryPrice));
        public static readonly JsonEncodedText ExitPrice = JsonEncodedText.Encode(nameof(TradeEventRow.ExitPrice));
        public static readonly JsonEncodedText RealizedPnl = JsonEncodedText.Encode(nameof(TradeEventRow.RealizedPnl));
        public static readonly JsonEncodedText Fees = JsonEncodedText.Encode(nameof(TradeEventRow.Fees));
        public static readonly JsonEncodedText PnlSource = JsonEncodedText.Encode(nameof(TradeEventRow.PnlSource));
        public static readonly JsonEncodedText BarsHeld = JsonEncodedText.Encode(nameof(TradeEventRow.BarsHeld));
        public static readonly JsonEncodedText ExchangeLeverage = JsonEncodedText.Encode(nameof(TradeEventRow.ExchangeLeverage));
        public static readonly JsonEncodedText Flags = JsonEncodedText.Encode(nameof(TradeEventRow.Flags));
        public static readonly JsonEncodedText LegIndex = JsonEncodedText.Encode(nameof(TradeExitLegRow.LegIndex));
        public static readonly JsonEncodedText Price = JsonEncodedText.Encode(nameof(TradeExitLegRow.Price));
        public static readonly JsonEncodedText VenueOrderId = JsonEncodedText.Encode(nameof(TradeExitLegRow.VenueOrderId));
        public static readonly JsonEncodedText Severity = JsonEncodedText.Encode(nameof(AnomalyEventRow.Severity));
        public static readonly JsonEncodedText Detail = JsonEncodedText.Encode(nameof(AnomalyEventRow.Detail));
    }

    /// <summary>The row of <paramref name="table"/> read back.</summary>
    public static Row Read(string table, JsonElement element) =>
        TypeOfTable.TryGetValue(table, out var type)
            ? (Row)(element.Deserialize(type, Options) ?? throw new JsonException($"empty {table} row"))
            : throw new JsonException($"unknown table '{table}'");

    // Table and Key are derived from the other fields: storing them would only invite disagreement.
    private static void DropDerived(JsonTypeInfo info)
    {
        if (!typeof(Row).IsAssignableFrom(info.Type)) return;
        for (var i = info.Properties.Count - 1; i >= 0; i--)
            if (info.Properties[i].Name is nameof(Row.Table) or nameof(Row.Key)) info.Properties.RemoveAt(i);
    }
}
