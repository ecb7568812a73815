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

    /// <summary>The row as a JSON object (without its table).</summary>
    public static void Write(Utf8JsonWriter writer, Row row) => JsonSerializer.Serialize(writer, row, row.GetType(), Options);

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
