using System.Globalization;
using System.Text;

namespace Pink.Shell.ClickHouse;

/// <summary>
/// The spool's send journal (<c>{spool}/sends.journal</c>), one fact per line, appended, only ever true:
/// <list type="bullet">
/// <item><c>batch A B</c> — the rows at positions A..B are one delivery (one insert per table). Made durable
/// (<c>fdatasync</c>) <b>before</b> any of it is sent, so every send of it, in this run or after a restart, carries the
/// same rows and the same tokens.</item>
/// <item><c>mark A Parked|Done TABLE</c> — what became of one table's rows of batch A. Parked is durable before the
/// sink moves on from the rows; Done rides along with the next sync (losing it only means the server sees that table's
/// insert again and recognises its token). (<c>Isolating</c>: an older version's row-by-row split, still honoured.)</item>
/// <item><c>split A TABLE P Q</c> — the server refused the set of TABLE's rows of batch A at positions P..Q because of
/// some row in it: from now on that set travels as its two halves, never whole again. Durable before either half is
/// sent.</item>
/// <item><c>done A</c> — every table of batch A is acknowledged or parked; the watermark moves to B. Rides along
/// with the next sync, and the spool files it covers are deleted only after that sync.</item>
/// <item><c>watermark W</c> — written when the journal is compacted: everything at or below W is settled.</item>
/// </list>
/// A torn last line (a crash mid-append) is ignored: it was never synced, so nothing depended on it.
/// </summary>
internal sealed class SendJournal : IDisposable
{
    public const string FileName = "sends.journal";
    private const long CompactAbove = 1 << 20;

    private readonly string _path;
    private FileStream _stream;
    private bool _dirty;

    private SendJournal(string path, FileStream stream, long watermark, List<OpenBatch> open)
    {
        _path = path;
        _stream = stream;
        Watermark = watermark;
        Open = open;
    }

    /// <summary>Everything at or below this position is delivered or parked (as far as this journal knows).</summary>
    public long Watermark { get; private set; }

    /// <summary>The batches the journal holds that are not done, oldest first (as loaded).</summary>
    public List<OpenBatch> Open { get; }

    /// <summary>True when something appended is not yet durable.</summary>
    public bool Dirty => _dirty;

    /// <summary>Read the journal (creating it when missing); lines it cannot read are skipped and reported.</summary>
    public static SendJournal Load(string dir, Action<string> report)
    {
        var path = Path.Combine(dir, FileName);
        if (!File.Exists(path)) Durable.WriteAtomically(path, s => s.Write("watermark 0\n"u8));
        long watermark = 0;
        var open = new List<OpenBatch>();
        var bytes = File.ReadAllBytes(path);
        var end = Array.LastIndexOf(bytes, (byte)'\n') + 1; // whatever follows the last newline is a torn append
        foreach (var line in Encoding.UTF8.GetString(bytes, 0, end).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            long first = 0;
            var numbers = parts.Length >= 2 && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out first);
            switch (parts[0])
            {
                case "watermark" when numbers && parts.Length == 2:
                    watermark = Math.Max(watermark, first);
                    break;
                case "batch" when numbers && parts.Length == 3 && long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var last):
                    if (!open.Exists(b => b.First == first)) open.Add(new OpenBatch(first, last));
                    break;
                case "mark" when numbers && parts.Length == 4 && Enum.TryParse<SegmentMark>(parts[2], out var mark):
                    open.Find(b => b.First == first)?.Marks.Add((mark, parts[3]));
                    break;
                case "split" when numbers && parts.Length == 5
                    && long.TryParse(parts[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var from)
                    && long.TryParse(parts[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out var to):
                    open.Find(b => b.First == first)?.Splits.Add((parts[2], from, to));
                    break;
                case "done" when numbers && parts.Length == 2:
                    var batch = open.Find(b => b.First == first);
                    if (batch is null) break;
                    open.Remove(batch);
                    watermark = Math.Max(watermark, batch.Last);
                    break;
                default:
                    report($"ERROR clickhouse sink: {path}: unreadable journal line '{line}' skipped");
                    break;
            }
        }
        open.RemoveAll(b => b.Last <= watermark);
        open.Sort((a, b) => a.First.CompareTo(b.First));
        if (end < bytes.Length)
            using (var truncate = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read))
            {
                truncate.SetLength(end); // drop the torn line, so the next append starts on a line of its own
                truncate.Flush(flushToDisk: true);
            }
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
        return new SendJournal(path, stream, watermark, open);
    }

    public void Begin(long first, long last) => Append($"batch {first} {last}\n");

    public void Mark(long first, SegmentMark mark, string table) => Append($"mark {first} {mark} {table}\n");

    public void Split(long first, string table, long from, long to) => Append($"split {first} {table} {from} {to}\n");

    public void Done(long first, long last)
    {
        Append($"done {first}\n");
        Watermark = Math.Max(Watermark, last);
    }

    /// <summary>Make every appended fact durable; false when there was nothing to sync.</summary>
    public bool Sync()
    {
        if (!_dirty) return false;
        Durable.DataSync(_stream);
        _dirty = false;
        return true;
    }

    /// <summary>
    /// When the journal has grown, replace it (atomically, durably) by the watermark and the still-open batches with
    /// their marks. Call only right after a <see cref="Sync"/>, so the replacement says nothing the old file did not.
    /// </summary>
    public void CompactIfLarge(IEnumerable<Batch> open)
    {
        if (_stream.Length < CompactAbove || _dirty) return;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"watermark {Watermark}\n");
        foreach (var batch in open)
        {
            text.Append(CultureInfo.InvariantCulture, $"batch {batch.First} {batch.Last}\n");
            foreach (var (mark, table) in batch.Marks) text.Append(CultureInfo.InvariantCulture, $"mark {batch.First} {mark} {table}\n");
            foreach (var (table, from, to) in batch.Splits) text.Append(CultureInfo.InvariantCulture, $"split {batch.First} {table} {from} {to}\n");
        }
        Durable.WriteAtomically(_path, s => s.Write(Encoding.UTF8.GetBytes(text.ToString())));
        // The old handle still points at the replaced file; appends go to the new one from here on.
        _stream.Dispose();
        _stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
    }

    public void Dispose() => _stream.Dispose();

    private void Append(string line)
    {
        _stream.Write(Encoding.UTF8.GetBytes(line));
        _dirty = true;
    }

    /// <summary>A batch the journal says is not done yet, with the marks recorded for it.</summary>
    internal sealed record OpenBatch(long First, long Last)
    {
        public List<(SegmentMark Mark, string Table)> Marks { get; } = new();
        public List<(string Table, long First, long Last)> Splits { get; } = new();
    }
}
