using Pink.Core;

namespace Pink.Shell.ClickHouse;

/// <summary>A row in the spool, at its position (unique and increasing within a spool directory).</summary>
public sealed record SpooledRow(long Position, Row Row);

/// <summary>What has become of one table's rows of a segment (recorded in the segment's progress file).</summary>
internal enum SegmentMark
{
    /// <summary>Delivered: acknowledged by the server.</summary>
    Done,
    /// <summary>Moved to the poison lane (the server refused them); the lane now owns them.</summary>
    Parked,
    /// <summary>Row-by-row delivery started: the group is never sent whole again (see <see cref="Tokens"/>).</summary>
    Isolating,
}

/// <summary>
/// An immutable, sealed batch of the spool. Its composition never changes after sealing, so a batch re-sent after a
/// crash carries the same rows, hence the same deduplication token, and the server recognises it.
/// </summary>
internal sealed class Segment(string path, long first, long last, IReadOnlyList<SpooledRow> rows)
{
    private readonly HashSet<string> _settled = new();
    private readonly HashSet<string> _isolating = new();

    public string Path { get; } = path;
    public long First { get; } = first;
    public long Last { get; } = last;
    public IReadOnlyList<SpooledRow> Rows { get; } = rows;
    public string ProgressPath => Path + ".progress";

    /// <summary>Positions settled one by one during isolation in this run (so a resumed isolation skips them).</summary>
    public HashSet<long> Acknowledged { get; } = new();

    /// <summary>Rows of tables that are neither delivered nor parked yet.</summary>
    public int Outstanding => Groups().Sum(g => g.Rows.Count);

    /// <summary>The unsettled groups, one per table, in schema order.</summary>
    public IEnumerable<(string Table, IReadOnlyList<SpooledRow> Rows)> Groups()
    {
        foreach (var table in Tables.All)
        {
            if (_settled.Contains(table)) continue;
            var rows = Rows.Where(r => r.Row.Table == table).ToList();
            if (rows.Count > 0) yield return (table, rows);
        }
    }

    public bool IsIsolating(string table) => _isolating.Contains(table);

    public void Apply(SegmentMark mark, string table)
    {
        if (mark == SegmentMark.Isolating) _isolating.Add(table);
        else _settled.Add(table);
    }

    public static string FileName(long first, long last) => $"seg-{first:D19}-{last:D19}.jsonl";
}
