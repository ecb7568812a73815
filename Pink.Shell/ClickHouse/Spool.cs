using System.Globalization;
using System.Text;
using System.Text.Json;
using Pink.Core;

namespace Pink.Shell.ClickHouse;

/// <summary>
/// The durable local spool: rows are sealed into immutable segment files (written, fsynced, renamed, directory
/// fsynced) before any is sent, and a segment is deleted only after every table's rows in it are acknowledged or
/// parked in the poison lane. A crash at any point leaves either the whole segment or none of it; an unsealed
/// <c>.tmp</c> file was never acknowledged to the writer as durable and is discarded on start.
/// </summary>
internal sealed class Spool
{
    private long _next;

    public Spool(string dir)
    {
        Dir = Path.GetFullPath(dir);
        Directory.CreateDirectory(Dir);
    }

    public string Dir { get; }

    /// <summary>Segments left by a previous run, oldest first, with their progress applied.</summary>
    public List<Segment> Load(Action<string> report, long minimumNext = 0)
    {
        foreach (var tmp in Directory.EnumerateFiles(Dir, "*.tmp")) File.Delete(tmp);
        var segments = new List<Segment>();
        foreach (var path in Directory.EnumerateFiles(Dir, "seg-*.jsonl").Order(StringComparer.Ordinal))
        {
            try
            {
                segments.Add(Read(path));
            }
            catch (Exception ex) when (ex is JsonException or FormatException or IOException)
            {
                // Never deleted: kept aside for a human, and said loudly.
                var aside = Path.Combine(Dir, "unreadable");
                Directory.CreateDirectory(aside);
                File.Move(path, Path.Combine(aside, Path.GetFileName(path)), overwrite: true);
                report($"spool segment {Path.GetFileName(path)} is unreadable ({ex.Message}); moved to {aside}");
            }
        }
        var highest = segments.Count == 0 ? 0 : segments.Max(s => s.Last);
        // Positions keep increasing across runs even when the spool was empty: start at the clock (µs) if it is ahead.
        var clock = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks / 10;
        _next = Math.Max(Math.Max(highest + 1, minimumNext), clock);
        return segments;
    }

    /// <summary>Seal rows into a new segment; durable when this returns.</summary>
    public Segment Seal(IReadOnlyList<Row> rows)
    {
        var first = _next;
        var spooled = new List<SpooledRow>(rows.Count);
        foreach (var row in rows) spooled.Add(new SpooledRow(_next++, row));
        var path = Path.Combine(Dir, Segment.FileName(first, _next - 1));
        Durable.WriteAtomically(path, stream =>
        {
            using var writer = new Utf8JsonWriter(stream);
            foreach (var row in spooled)
            {
                writer.WriteStartObject();
                writer.WriteNumber("p", row.Position);
                writer.WriteString("t", row.Row.Table);
                writer.WritePropertyName("r");
                RowJson.Write(writer, row.Row);
                writer.WriteEndObject();
                writer.Flush();
                stream.WriteByte((byte)'\n');
                writer.Reset();
            }
        });
        return new Segment(path, first, _next - 1, spooled);
    }

    /// <summary>Record durably what became of one table's rows of a segment.</summary>
    public void Mark(Segment segment, string table, SegmentMark mark)
    {
        Durable.AppendLine(segment.ProgressPath, $"{mark} {table}");
        segment.Apply(mark, table);
    }

    /// <summary>Trim: every row of the segment is delivered or parked.</summary>
    public void Complete(Segment segment) => Durable.Delete(segment.Path, segment.ProgressPath);

    private static Segment Read(string path)
    {
        var rows = new List<SpooledRow>();
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            if (line.Length == 0) continue;
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var table = root.GetProperty("t").GetString() ?? throw new JsonException("row without table");
            rows.Add(new SpooledRow(root.GetProperty("p").GetInt64(), RowJson.Read(table, root.GetProperty("r"))));
        }
        if (rows.Count == 0) throw new FormatException("empty segment");
        var segment = new Segment(path, rows[0].Position, rows[^1].Position, rows);
        if (File.Exists(segment.ProgressPath))
            foreach (var line in File.ReadLines(segment.ProgressPath))
            {
                var parts = line.Split(' ', 2);
                if (parts.Length == 2 && Enum.TryParse<SegmentMark>(parts[0], out var mark)) segment.Apply(mark, parts[1]);
            }
        return segment;
    }

    internal static string Describe(IReadOnlyList<SpooledRow> rows) =>
        rows.Count == 1
            ? string.Create(CultureInfo.InvariantCulture, $"position {rows[0].Position}, identity {rows[0].Row.AccountEventSeq}/{rows[0].Row.Key}")
            : string.Create(CultureInfo.InvariantCulture, $"{rows.Count} rows, positions {rows[0].Position}..{rows[^1].Position}");
}
