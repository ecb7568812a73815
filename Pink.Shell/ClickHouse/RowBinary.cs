using System.Buffers.Binary;
using System.Text;
using Pink.Core;

namespace Pink.Shell.ClickHouse;

/// <summary>
/// Rows encoded straight into ClickHouse's <c>RowBinary</c> format, in <see cref="RowColumns"/>' column order, with
/// the same conversions as <see cref="TableShape.Values"/> (saturated counters, naive-UTC microsecond timestamps) —
/// but without an <c>object[]</c> and a box per value: one growable buffer per insert, reused.
/// A test inserts the same rows through the driver's generic <c>object[]</c> path and through this one and compares
/// what the server stored, table by table.
/// </summary>
internal sealed class RowBinary
{
    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;
    private byte[] _buffer;
    private int _length;

    public RowBinary(int capacity = 1 << 16) => _buffer = new byte[capacity];

    /// <summary>The bytes encoded so far: the first <c>Length</c> bytes of <c>Bytes</c>.</summary>
    public (byte[] Bytes, int Length) Buffer => (_buffer, _length);

    public void Clear() => _length = 0;

    /// <summary>Append one row of <paramref name="table"/> (<paramref name="key"/>: its <c>Key</c>, when already at hand).</summary>
    public void Add(string table, Row row, string? key = null)
    {
        switch (row)
        {
            case AccountEventRow a when table == Tables.AccountEvents:
                Identity(a, key);
                String(a.Kind); String(a.EventId); Float64((double)a.Capital); Float64((double)a.EWalletBalance); Float64((double)a.AvailableMargin);
                Float64((double)a.RealizedIncrement); Float64((double)a.Fee); Float64((double)a.KLedger); Float64((double)a.Divergence); Float64((double)a.ExternalFlow);
                String(a.TradeId); String(a.CapitalSource);
                Exact(a.Capital); Exact(a.EWalletBalance); Exact(a.AvailableMargin); Exact(a.RealizedIncrement); Exact(a.Fee); Exact(a.KLedger);
                Exact(a.Divergence); Exact(a.ExternalFlow);
                break;
            case StatusSnapshotRow s when table == Tables.StatusSnapshots:
                Identity(s, key);
                Float64((double)s.Capital); Float64((double)s.Equity); Float64((double)s.EWalletBalance); Float64((double)s.AvailableMargin); Float64((double)s.FeesPaid);
                Float64((double)s.UnrealizedPnl); UInt16((ushort)Math.Clamp(s.OpenSlots, 0, ushort.MaxValue)); Bool(s.EntriesBlocked);
                String(s.CapitalSource);
                Exact(s.Capital); Exact(s.Equity); Exact(s.EWalletBalance); Exact(s.AvailableMargin); Exact(s.FeesPaid); Exact(s.UnrealizedPnl);
                break;
            case TradeEventRow t when table == Tables.TradeEvents:
                Identity(t, key);
                String(t.TradeId); String(t.Event); Int32(t.Slot); String(t.Symbol); String(t.Side); Float64((double)t.Qty);
                Float64((double)t.EntryPrice); Float64((double)t.ExitPrice); Float64((double)t.RealizedPnl); Float64((double)t.Fees);
                UInt16((ushort)Math.Clamp(t.BarsHeld, 0, ushort.MaxValue)); Int32(t.ExchangeLeverage); String(t.Flags);
                String(t.PnlSource);
                Exact(t.Qty); Exact(t.EntryPrice); Exact(t.ExitPrice); Exact(t.RealizedPnl); Exact(t.Fees);
                break;
            case TradeExitLegRow l when table == Tables.TradeExitLegs:
                Identity(l, key);
                String(l.TradeId); UInt32((uint)Math.Max(0, l.LegIndex)); Int32(l.Slot); String(l.Symbol); String(l.Side);
                Float64((double)l.Qty); Float64((double)l.Price); Float64((double)l.RealizedPnl); String(l.Flags); Int64(l.VenueOrderId);
                String(l.PnlSource);
                Exact(l.Qty); Exact(l.Price); Exact(l.RealizedPnl);
                break;
            case AnomalyEventRow x when table == Tables.AnomalyEvents:
                Identity(x, key);
                String(x.Kind); String(x.Severity); Int32(x.Slot); String(x.TradeId); String(x.Detail);
                break;
            default:
                throw new ArgumentException($"a {row.GetType().Name} is not a row of {table}");
        }
    }

    // ts DateTime64(6, 'UTC'), account_event_seq UInt64, event_key String — as RowColumns' Identity.
    private void Identity(Row r, string? key)
    {
        Int64(Microseconds(r.Ts));
        UInt64((ulong)Math.Max(0, r.AccountEventSeq));
        String(key ?? r.Key);
    }

    // The driver's rule for DateTime into a zoned column: Utc as is, Local converted, Unspecified read as wall-clock
    // time in the column's zone (UTC here) — so a naive-UTC value is stored unchanged. Then ticks → microseconds.
    private static long Microseconds(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        return (utc.Ticks - UnixEpochTicks) / 10;
    }

    private Span<byte> Take(int count)
    {
        if (_length + count > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }

    private void Bool(bool value) => Take(1)[0] = value ? (byte)1 : (byte)0;
    private void UInt16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Take(2), value);
    private void Int32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Take(4), value);
    private void UInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Take(4), value);
    private void Int64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Take(8), value);
    private void UInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Take(8), value);
    private void Float64(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Take(8), value);

    // Decimal(38, 18). A value the column cannot hold is refused like a null string: the insert fails and the poison
    // lane isolates the row.
    private void Exact(decimal value) => ExactFigure.Write(Take(16), value);

    // String and LowCardinality(String) alike: LEB128 byte length, then UTF-8.
    private void String(string? value)
    {
        // As the driver does: a null cannot go into a non-Nullable column, and the row is refused (poison), not altered.
        if (value is null) throw new ArgumentException("null value for a String column");
        var count = Encoding.UTF8.GetByteCount(value);
        var length = (uint)count;
        do
        {
            var b = (byte)(length & 0x7F);
            length >>= 7;
            Take(1)[0] = length == 0 ? b : (byte)(b | 0x80);
        }
        while (length != 0);
        Encoding.UTF8.GetBytes(value, Take(count));
    }
}
