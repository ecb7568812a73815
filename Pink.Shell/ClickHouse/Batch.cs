using Pink.Core;

namespace Pink.Shell.ClickHouse;

/// <summary>A row in the spool, at its position (unique and increasing within a spool directory).</summary>
public sealed record SpooledRow(long Position, Row Row);

/// <summary>What has become of one table's rows of a batch (recorded in the spool's send journal).</summary>
internal enum SegmentMark
{
    /// <summary>Delivered: acknowledged by the server.</summary>
    Done,
    /// <summary>Moved to the poison lane (the server refused them); the lane now owns them.</summary>
    Parked,
    /// <summary>Row-by-row delivery started: the group is never sent whole again (see <see cref="Tokens"/>). Written by
    /// the previous spool version; this one splits in halves instead (<see cref="Batch.Split"/>).</summary>
    Isolating,
}

/// <summary>
/// One coalesced delivery: every durable spool row with a position in [<see cref="First"/>, <see cref="Last"/>],
/// sent as one insert per table. The send journal records its range before anything of it is sent, and the spool's
/// rows never change, so a batch re-sent after a timeout, a crash or a restart carries the same rows, hence the same
/// deduplication token per table, and the server recognises it.
/// </summary>
internal sealed class Batch
{
    private readonly Dictionary<string, SegmentMark> _settled = new(StringComparer.Ordinal);
    private readonly HashSet<string> _isolating = new();
    private readonly HashSet<(string Table, long First, long Last)> _splits = new();
    private readonly List<(string Table, IReadOnlyList<SpooledRow> Rows)> _groups;

    public Batch(long first, long last, IReadOnlyList<SpooledRow> rows)
    {
        First = first;
        Last = last;
        Rows = rows;
        var byTable = new Dictionary<string, List<SpooledRow>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!byTable.TryGetValue(row.Row.Table, out var list)) byTable[row.Row.Table] = list = new List<SpooledRow>();
            list.Add(row);
        }
        _groups = new List<(string, IReadOnlyList<SpooledRow>)>();
        foreach (var table in Tables.All)
            if (byTable.TryGetValue(table, out var list)) _groups.Add((table, list));
    }

    public long First { get; }
    public long Last { get; }
    public IReadOnlyList<SpooledRow> Rows { get; }

    /// <summary>True once the journal holds this batch's range durably: only then may any of it be sent.</summary>
    public bool Journaled { get; set; }

    /// <summary>Positions settled one by one during isolation in this run (so a resumed isolation skips them).</summary>
    public HashSet<long> Acknowledged { get; } = new();

    /// <summary>Rows of tables that are neither delivered nor parked yet.</summary>
    public int Outstanding => Groups().Sum(g => g.Rows.Count);

    /// <summary>The unsettled groups, one per table, in schema order.</summary>
    public IEnumerable<(string Table, IReadOnlyList<SpooledRow> Rows)> Groups() => _groups.Where(g => !_settled.ContainsKey(g.Table));

    /// <summary>
    /// The sets a refused set of <paramref name="table"/>'s rows is delivered as instead of itself, or null when it is
    /// still sent whole. A set, once split, is never sent whole again, and its parts are always the same (its two
    /// halves; every single row for a group an older version marked Isolating), so every send after a restart is one
    /// of the very sets sent before, with the same token.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<SpooledRow>>? PartsOf(string table, IReadOnlyList<SpooledRow> set)
    {
        if (set.Count < 2) return null;
        if (_isolating.Contains(table)) return set.Select(r => (IReadOnlyList<SpooledRow>)[r]).ToList();
        if (!_splits.Contains((table, set[0].Position, set[^1].Position))) return null;
        var half = set.Count / 2;
        return [set.Take(half).ToList(), set.Skip(half).ToList()];
    }

    /// <summary>Record that this set of <paramref name="table"/>'s rows is from now on sent as its two halves.</summary>
    public void Split(string table, long first, long last) => _splits.Add((table, first, last));

    /// <summary>The splits recorded so far, to carry them into a compacted journal.</summary>
    public IEnumerable<(string Table, long First, long Last)> Splits => _splits;

    public void Apply(SegmentMark mark, string table)
    {
        if (mark == SegmentMark.Isolating) _isolating.Add(table);
        else _settled[table] = mark;
    }

    /// <summary>The marks applied so far, to carry them into a compacted journal.</summary>
    public IEnumerable<(SegmentMark Mark, string Table)> Marks =>
        _isolating.Select(t => (SegmentMark.Isolating, t)).Concat(_settled.Select(s => (s.Value, s.Key)));
}
