using Pink.Core;

namespace Pink.Shell.ClickHouse;

/// <summary>One table's insert shape: column names, their ClickHouse types, and how a row becomes values.</summary>
public sealed record TableShape(string Table, IReadOnlyList<string> Columns, IReadOnlyDictionary<string, string> Types,
    Func<Row, object[]> Values);

/// <summary>
/// Row → column mapping. Values are copied from the kernel's rows, never recomputed; the only changes are the ones
/// the column types force: <c>bars_held</c> and other counters saturate into their unsigned range (never negative,
/// rule 17), and timestamps stay the naive-UTC microsecond values the kernel stamped (rule 17, one helper).
/// The types here must equal the migrated schema (a test compares them with <c>system.columns</c>).
/// </summary>
public static class RowColumns
{
    private const string Ts = "DateTime64(6, 'UTC')";
    private const string Str = "String";
    private const string Enum = "LowCardinality(String)";
    private const string F64 = "Float64";
    /// <summary>The exact columns of V003 (see the migration for the precision and scale).</summary>
    public const string Dec = "Decimal(38, 18)";

    private static readonly Dictionary<string, TableShape> Shapes = new[]
    {
        Shape(Tables.AccountEvents, Common.Concat(new (string, string)[]
            {
                ("kind", Enum), ("event_id", Str), ("capital", F64), ("e_wallet_balance", F64), ("available_margin", F64),
                ("realized_increment", F64), ("fee", F64), ("k_ledger", F64), ("divergence", F64), ("external_flow", F64),
                ("trade_id", Str), ("capital_source", Enum),
            }).Concat(Exact("capital", "e_wallet_balance", "available_margin", "realized_increment", "fee", "k_ledger", "divergence", "external_flow")),
            r => r is AccountEventRow a
                ? [.. Identity(a), a.Kind, a.EventId, (double)a.Capital, (double)a.EWalletBalance, (double)a.AvailableMargin, (double)a.RealizedIncrement,
                    (double)a.Fee, (double)a.KLedger, (double)a.Divergence, (double)a.ExternalFlow, a.TradeId, a.CapitalSource,
                    .. Exact(a.Capital, a.EWalletBalance, a.AvailableMargin, a.RealizedIncrement, a.Fee, a.KLedger, a.Divergence, a.ExternalFlow)]
                : throw Mismatch(r, Tables.AccountEvents)),
        Shape(Tables.StatusSnapshots, Common.Concat(new (string, string)[]
            {
                ("capital", F64), ("equity", F64), ("e_wallet_balance", F64), ("available_margin", F64), ("fees_paid", F64),
                ("unrealized_pnl", F64), ("open_slots", "UInt16"), ("entries_blocked", "Bool"), ("capital_source", Enum),
            }).Concat(Exact("capital", "equity", "e_wallet_balance", "available_margin", "fees_paid", "unrealized_pnl")),
            r => r is StatusSnapshotRow s
                ? [.. Identity(s), (double)s.Capital, (double)s.Equity, (double)s.EWalletBalance, (double)s.AvailableMargin, (double)s.FeesPaid,
                    (double)s.UnrealizedPnl, UInt16(s.OpenSlots), s.EntriesBlocked, s.CapitalSource,
                    .. Exact(s.Capital, s.Equity, s.EWalletBalance, s.AvailableMargin, s.FeesPaid, s.UnrealizedPnl)]
                : throw Mismatch(r, Tables.StatusSnapshots)),
        Shape(Tables.TradeEvents, Common.Concat(new (string, string)[]
            {
                ("trade_id", Str), ("event", Enum), ("slot", "Int32"), ("symbol", Enum), ("side", Enum), ("qty", F64),
                ("entry_price", F64), ("exit_price", F64), ("realized_pnl", F64), ("fees", F64), ("bars_held", "UInt16"),
                ("exchange_leverage", "Int32"), ("flags", Str), ("pnl_source", Enum),
            }).Concat(Exact("qty", "entry_price", "exit_price", "realized_pnl", "fees")),
            r => r is TradeEventRow t
                ? [.. Identity(t), t.TradeId, t.Event, t.Slot, t.Symbol, t.Side, (double)t.Qty, (double)t.EntryPrice, (double)t.ExitPrice,
                    (double)t.RealizedPnl, (double)t.Fees, UInt16(t.BarsHeld), t.ExchangeLeverage, t.Flags, t.PnlSource,
                    .. Exact(t.Qty, t.EntryPrice, t.ExitPrice, t.RealizedPnl, t.Fees)]
                : throw Mismatch(r, Tables.TradeEvents)),
        Shape(Tables.TradeExitLegs, Common.Concat(new (string, string)[]
            {
                ("trade_id", Str), ("leg_index", "UInt32"), ("slot", "Int32"), ("symbol", Enum), ("side", Enum), ("qty", F64),
                ("price", F64), ("realized_pnl", F64), ("flags", Str), ("venue_order_id", "Int64"), ("pnl_source", Enum),
            }).Concat(Exact("qty", "price", "realized_pnl")),
            r => r is TradeExitLegRow l
                ? [.. Identity(l), l.TradeId, (uint)Math.Max(0, l.LegIndex), l.Slot, l.Symbol, l.Side, (double)l.Qty, (double)l.Price,
                    (double)l.RealizedPnl, l.Flags, l.VenueOrderId, l.PnlSource, .. Exact(l.Qty, l.Price, l.RealizedPnl)]
                : throw Mismatch(r, Tables.TradeExitLegs)),
        Shape(Tables.AnomalyEvents, Common.Concat(new (string, string)[]
            {
                ("kind", Enum), ("severity", Enum), ("slot", "Int32"), ("trade_id", Str), ("detail", Str),
            }),
            r => r is AnomalyEventRow x
                ? [.. Identity(x), x.Kind, x.Severity, x.Slot, x.TradeId, x.Detail]
                : throw Mismatch(r, Tables.AnomalyEvents)),
    }.ToDictionary(s => s.Table);

    private static (string, string)[] Common => [("ts", Ts), ("account_event_seq", "UInt64"), ("event_key", Str)];

    /// <summary>The shape of one of Pink's tables.</summary>
    public static TableShape For(string table) =>
        Shapes.TryGetValue(table, out var shape) ? shape : throw new ArgumentException($"'{table}' is not one of Pink's tables");

    /// <summary>The row's values in <see cref="For"/>(row.Table).Columns order.</summary>
    public static object[] Values(Row row) => For(row.Table).Values(row);

    // The logical event's identity: the kernel's event sequence plus the row's key within its table.
    private static object[] Identity(Row r) => [r.Ts, (ulong)Math.Max(0, r.AccountEventSeq), r.Key];

    // V003's exact twin of each Float64 column, in the same order, after every older column.
    private static IEnumerable<(string, string)> Exact(params string[] names) => names.Select(n => (n + "_dec", Dec));

    private static object[] Exact(params decimal[] values) => [.. values.Select(v => (object)ExactFigure.Scaled(v))];

    // Saturate rather than wrap: a negative bars_held becomes 0 (rule 17), never 65,535.
    private static ushort UInt16(int value) => (ushort)Math.Clamp(value, 0, ushort.MaxValue);

    private static TableShape Shape(string table, IEnumerable<(string Name, string Type)> columns, Func<Row, object[]> values)
    {
        var list = columns.ToList();
        return new TableShape(table, list.Select(c => c.Name).ToList(), list.ToDictionary(c => c.Name, c => c.Type), values);
    }

    private static ArgumentException Mismatch(Row row, string table) => new($"a {row.GetType().Name} is not a row of {table}");
}
