using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pink.Shell.ClickHouse;

/// <summary>
/// The durable local spool: rows are appended to a log before any is sent, and a log file is deleted only after every
/// row in it is acknowledged or parked in the poison lane.
/// <list type="bullet">
/// <item><b>Log files</b> <c>seg-{first position}.jsonl</c>: each flush appends one <i>group</i> — its rows as JSON lines,
/// then a commit line with the group's last position, row count and CRC-32C — in one write, then <c>fdatasync</c>
/// (a new file's first group: <c>fsync</c> of the file and of the directory). Only then does the flush return. A
/// group without a valid commit line (a crash mid-append: the flush never returned, so the writer never relied on
/// those rows) is ignored when the spool is read; a file rotates after <c>rotateRows</c> rows.</item>
/// <item><b>Send journal</b> (<see cref="SendJournal"/>): which positions form each delivery, recorded before sending.</item>
/// <item>Files from an older spool version (<c>seg-{first}-{last}.jsonl</c> with <c>.progress</c>) are taken over as
/// journaled batches of exactly their rows, so they keep their tokens.</item>
/// </list>
/// </summary>
internal sealed partial class Spool : IDisposable
{
    private readonly object _append = new();    // held while a group is appended (and to retire the open file)
    private readonly object _filesGate = new(); // guards _files
    private readonly List<LogFile> _files = new();
    private ArrayBufferWriter<byte> _buffer = new(1 << 16);
    private readonly Utf8JsonWriter _json;
    private readonly int _rotateRows;
    private LogFile? _open;
    private FileStream? _stream;
    private long _offset;                       // where the next group goes in the open file
    private long _capacity;                     // the open file's preallocated size
    private Task? _spare;                       // preparing the next file (spare.tmp, zero-filled)
    private long _next;
    private SendJournal? _journal;

    // Files are written full of zeros before use: a group then overwrites allocated blocks, so its fdatasync flushes
    // just those blocks, with no file-size change to commit to the filesystem journal (which would also flush every
    // other file's dirty data — the server's parts, when it runs on this disk). Measured here: ~1.4 ms instead of ~2.2.
    internal const int FileBytes = 4 << 20;
    private const string SpareName = "spare.tmp";

    public Spool(string dir, int rotateRows)
    {
        Dir = Path.GetFullPath(dir);
        Directory.CreateDirectory(Dir);
        _rotateRows = Math.Max(1, rotateRows);
        _json = new Utf8JsonWriter(_buffer);
    }

    public string Dir { get; }

    /// <summary>The send journal (read by <see cref="Load"/>; used by the delivering loop only).</summary>
    public SendJournal Journal => _journal ?? throw new InvalidOperationException("spool not loaded");

    /// <summary>Log files still in the spool (a drained spool has none).</summary>
    public int FileCount
    {
        get { lock (_filesGate) return _files.Count; }
    }

    /// <summary>
    /// What a previous run left: the journaled batches not yet done (oldest first, each exactly its journaled rows,
    /// with its marks) and the durable rows after them, in position order.
    /// </summary>
    public (List<Batch> Batches, List<SpooledRow> Rows) Load(Action<string> report, long minimumNext = 0)
    {
        foreach (var tmp in Directory.EnumerateFiles(Dir, "*.tmp")) File.Delete(tmp);
        _journal = SendJournal.Load(Dir, report);
        var rows = new List<SpooledRow>();
        var legacy = new List<LogFile>();
        foreach (var path in Directory.EnumerateFiles(Dir, "seg-*.jsonl").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            var isLegacy = LegacyName().IsMatch(name);
            List<SpooledRow> read;
            try
            {
                read = isLegacy ? ReadLegacy(path) : ReadLog(path, report);
            }
            catch (Exception ex) when (ex is JsonException or FormatException or IOException or ArgumentException or KeyNotFoundException or InvalidOperationException)
            {
                // Never deleted: kept aside for a human, and said loudly.
                SetAside(path, report, $"is unreadable ({ex.Message})", move: true);
                continue;
            }
            if (read.Count == 0)
            {
                Durable.Delete(path, path + ".progress"); // only groups that never completed: nothing durable in it
                continue;
            }
            var file = new LogFile(path, read[0].Position) { Last = read[^1].Position, Rows = read.Count };
            _files.Add(file);
            if (isLegacy) legacy.Add(file);
            rows.AddRange(read);
        }
        rows.Sort((a, b) => a.Position.CompareTo(b.Position));
        rows = Distinct(rows); // a group re-appended after a failed write may be there twice; positions say so

        // An older version's segment is one batch of exactly its rows, with its progress marks: same tokens as then.
        var journal = Journal;
        foreach (var file in legacy.Where(f => f.Last > journal.Watermark && !journal.Open.Exists(b => b.First == f.First)))
        {
            journal.Begin(file.First, file.Last);
            var batch = new SendJournal.OpenBatch(file.First, file.Last);
            if (File.Exists(file.Path + ".progress"))
                foreach (var line in File.ReadLines(file.Path + ".progress"))
                {
                    var parts = line.Split(' ', 2);
                    if (parts.Length != 2 || !Enum.TryParse<SegmentMark>(parts[0], out var mark)) continue;
                    journal.Mark(file.First, mark, parts[1]);
                    batch.Marks.Add((mark, parts[1]));
                }
            journal.Open.Add(batch);
        }
        journal.Sync();
        journal.Open.Sort((a, b) => a.First.CompareTo(b.First));
        foreach (var file in legacy)
            if (File.Exists(file.Path + ".progress")) File.Delete(file.Path + ".progress"); // now in the journal

        var batches = new List<Batch>();
        var batchedUpTo = journal.Watermark;
        foreach (var open in journal.Open)
        {
            var members = Range(rows, open.First, open.Last);
            if (members.Count == 0)
            {
                report($"ERROR clickhouse sink: journaled batch {open.First}..{open.Last} has no rows left in {Dir}; skipped");
                continue;
            }
            var batch = new Batch(open.First, open.Last, members);
            foreach (var (mark, table) in open.Marks) batch.Apply(mark, table);
            foreach (var (table, from, to) in open.Splits) batch.Split(table, from, to);
            batches.Add(batch);
            batchedUpTo = Math.Max(batchedUpTo, open.Last);
        }
        var after = rows.FindIndex(r => r.Position > batchedUpTo);
        var free = after < 0 ? new List<SpooledRow>() : rows.GetRange(after, rows.Count - after);
        Trim(journal.Watermark, batches.Count > 0 ? batches[0].First : long.MaxValue);

        var highest = Math.Max(rows.Count == 0 ? 0 : rows[^1].Position, batchedUpTo);
        // Positions keep increasing across runs even when the spool was empty: start at the clock (µs) if it is ahead.
        var clock = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks / 10;
        _next = Math.Max(Math.Max(highest + 1, minimumNext), clock);
        return (batches, free);
    }

    /// <summary>Give rows their positions (in order); they become durable with <see cref="Append"/>.</summary>
    public List<SpooledRow> Assign(IReadOnlyList<Pink.Core.Row> rows)
    {
        var spooled = new List<SpooledRow>(rows.Count);
        foreach (var row in rows) spooled.Add(new SpooledRow(_next++, row));
        return spooled;
    }

    /// <summary>
    /// Append one group and make it durable: durable when this returns. When it throws, the group may or may not be on
    /// disk; the open file is retired (never appended to again), and the same group — same positions — may be appended
    /// again, to a new file; reading keeps one copy per position.
    /// </summary>
    public void Append(IReadOnlyList<SpooledRow> group)
    {
        if (group.Count == 0) return;
        lock (_append)
        {
            Encode(group);
            var bytes = _buffer.WrittenSpan;
            var created = false;
            if (_stream is null || _open!.Rows >= _rotateRows || _offset + bytes.Length > _capacity)
            {
                Retire();
                var path = Path.Combine(Dir, $"seg-{group[0].Position:D19}.jsonl");
                TakeSpare(path);
                _stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read, bufferSize: 0);
                _capacity = _stream.Length;
                _offset = 0;
                _open = new LogFile(path, group[0].Position);
                lock (_filesGate) _files.Add(_open);
                created = true;
                _spare = Task.Run(() => Zeros(Path.Combine(Dir, SpareName))); // the next one, ahead of time
            }
            try
            {
                _stream.Position = _offset;
                _stream.Write(bytes); // a group bigger than the file grows it: correct, only slower
                Durable.DataSync(_stream);
                if (created) Durable.SyncDirectory(Dir); // the file's new name
            }
            catch
            {
                Retire();
                throw;
            }
            _offset += bytes.Length;
            lock (_filesGate)
            {
                _open.Last = group[^1].Position;
                _open.Rows += group.Count;
            }
            if (_buffer.Capacity > 16 << 20) _buffer = new ArrayBufferWriter<byte>(1 << 16); // one huge flush is not kept
        }
    }

    /// <summary>
    /// Delete the files whose rows are all at or below <paramref name="watermark"/> (the journal said so durably) and
    /// below <paramref name="openFrom"/> (the first position still owed). The open file goes too when it is wholly
    /// delivered and no flush is appending to it. No directory fsync: a file that reappears after a power cut is
    /// below the watermark and deleted again.
    /// </summary>
    public void Trim(long watermark, long openFrom = long.MaxValue)
    {
        var limit = Math.Min(watermark, openFrom - 1);
        List<LogFile> gone;
        lock (_filesGate)
            if (!_files.Exists(f => f.Last <= limit)) return;
        lock (_filesGate)
        {
            gone = _files.Where(f => f != _open && f.Last <= limit).ToList();
            if (_open is not null && _open.Last <= limit && Monitor.TryEnter(_append))
            {
                try
                {
                    if (_open is not null && _open.Last <= limit)
                    {
                        gone.Add(_open);
                        _stream?.Dispose();
                        _stream = null;
                        _open = null;
                    }
                }
                finally
                {
                    Monitor.Exit(_append);
                }
            }
            // Deleted before they leave the list, so a drained sink (no files listed) has none on disk either.
            foreach (var file in gone)
            {
                File.Delete(file.Path);
                File.Delete(file.Path + ".progress");
                _files.Remove(file);
            }
        }
    }

    public void Dispose()
    {
        lock (_append)
        {
            Retire();
            try { _spare?.Wait(); }
            catch (AggregateException) { /* a spare that failed is not needed any more */ }
            File.Delete(Path.Combine(Dir, SpareName));
        }
        _journal?.Dispose();
        _json.Dispose();
    }

    // The prepared spare (or one made now) becomes the file at path.
    private void TakeSpare(string path)
    {
        var spare = Path.Combine(Dir, SpareName);
        try
        {
            _spare?.Wait();
        }
        catch (AggregateException)
        {
            File.Delete(spare); // made again below; if the disk still says no, that error is the one thrown
        }
        _spare = null;
        if (!File.Exists(spare)) Zeros(spare);
        File.Move(spare, path);
    }

    private static void Zeros(string path)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        var zeros = new byte[1 << 20];
        for (var written = 0; written < FileBytes; written += zeros.Length) stream.Write(zeros);
        stream.Flush(flushToDisk: true);
    }

    // Stop appending to the open file; it stays in the spool until trimmed.
    private void Retire()
    {
        _stream?.Dispose();
        _stream = null;
        _open = null;
    }

    private void Encode(IReadOnlyList<SpooledRow> group)
    {
        _buffer.ResetWrittenCount();
        uint crc = 0;
        foreach (var row in group)
        {
            var start = _buffer.WrittenCount;
            _json.Reset(_buffer);
            _json.WriteStartObject();
            _json.WriteNumber("p", row.Position);
            _json.WriteString("t", row.Row.Table);
            _json.WritePropertyName("r");
            RowJson.Write(_json, row.Row);
            _json.WriteEndObject();
            _json.Flush();
            _buffer.Write("\n"u8);
            crc = Crc32C(crc, _buffer.WrittenSpan[start..]);
        }
        _json.Reset(_buffer);
        _json.WriteStartObject();
        _json.WriteNumber("commit", group[^1].Position);
        _json.WriteNumber("rows", group.Count);
        _json.WriteNumber("crc32c", crc);
        _json.WriteEndObject();
        _json.Flush();
        _buffer.Write("\n"u8);
    }

    // Committed groups only. A group whose commit line is missing at the end of the file is a flush that never
    // returned: dropped quietly (INFO). A group that fails its check with more after it is damage: dropped loudly,
    // and the file is copied aside for a human.
    private List<SpooledRow> ReadLog(string path, Action<string> report)
    {
        var bytes = File.ReadAllBytes(path);
        var rows = new List<SpooledRow>();
        var group = new List<SpooledRow>();
        uint crc = 0;
        var intact = true;
        var damaged = 0;
        var at = 0;
        while (at < bytes.Length)
        {
            var length = Array.IndexOf(bytes, (byte)'\n', at) - at;
            if (length < 0) break; // a torn last line
            var line = new ReadOnlyMemory<byte>(bytes, at, length);
            at += length + 1;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                if (root.TryGetProperty("commit", out var commit))
                {
                    if (intact && group.Count == root.GetProperty("rows").GetInt32() && group.Count > 0
                        && group[^1].Position == commit.GetInt64() && crc == root.GetProperty("crc32c").GetUInt32())
                        rows.AddRange(group);
                    else
                        damaged += Math.Max(1, group.Count);
                    group.Clear();
                    crc = 0;
                    intact = true;
                    continue;
                }
                var table = root.GetProperty("t").GetString() ?? throw new JsonException("row without table");
                group.Add(new SpooledRow(root.GetProperty("p").GetInt64(), RowJson.Read(table, root.GetProperty("r"))));
                crc = Crc32C(crc, bytes.AsSpan(at - length - 1, length + 1));
            }
            catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException or ArgumentException)
            {
                intact = false; // this group is damaged; the next commit line closes it
            }
        }
        // What follows the last complete line is the file's unused zeros, unless a crash tore an append.
        var torn = bytes.AsSpan(at).IndexOfAnyExcept((byte)0) >= 0;
        if (group.Count > 0 || torn || !intact)
            report($"INFO clickhouse sink: {Path.GetFileName(path)} ends with a flush that never completed ({group.Count} complete row line(s){(torn ? " and a torn line" : "")}); ignored — the writer was never told those rows were durable");
        if (damaged > 0) SetAside(path, report, $"has {damaged} damaged row(s) in committed groups; the intact groups are delivered", move: false);
        return rows;
    }

    private static List<SpooledRow> ReadLegacy(string path)
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
        return rows;
    }

    private void SetAside(string path, Action<string> report, string why, bool move)
    {
        var aside = Path.Combine(Dir, "unreadable");
        Directory.CreateDirectory(aside);
        var target = Path.Combine(aside, Path.GetFileName(path));
        if (move) File.Move(path, target, overwrite: true);
        else File.Copy(path, target, overwrite: true);
        report($"ERROR clickhouse sink: spool file {Path.GetFileName(path)} {why}; {(move ? "moved" : "copied")} to {aside}");
    }

    private static List<SpooledRow> Distinct(List<SpooledRow> sorted)
    {
        var result = new List<SpooledRow>(sorted.Count);
        foreach (var row in sorted)
            if (result.Count == 0 || result[^1].Position != row.Position) result.Add(row);
        return result;
    }

    private static List<SpooledRow> Range(List<SpooledRow> sorted, long first, long last)
    {
        var from = LowerBound(sorted, first);
        var to = LowerBound(sorted, last + 1);
        return sorted.GetRange(from, to - from);
    }

    private static int LowerBound(List<SpooledRow> sorted, long position)
    {
        int lo = 0, hi = sorted.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid].Position < position) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    internal static uint Crc32C(uint crc, ReadOnlySpan<byte> bytes)
    {
        crc = ~crc;
        var words = MemoryMarshal.Cast<byte, ulong>(bytes);
        foreach (var word in words) crc = BitOperations.Crc32C(crc, word);
        foreach (var b in bytes[(words.Length * 8)..]) crc = BitOperations.Crc32C(crc, b);
        return ~crc;
    }

    internal static string Describe(IReadOnlyList<SpooledRow> rows) =>
        rows.Count == 1
            ? string.Create(CultureInfo.InvariantCulture, $"position {rows[0].Position}, identity {rows[0].Row.AccountEventSeq}/{rows[0].Row.Key}")
            : string.Create(CultureInfo.InvariantCulture, $"{rows.Count} rows, positions {rows[0].Position}..{rows[^1].Position}");

    [GeneratedRegex(@"^seg-\d{19}-\d{19}\.jsonl$")]
    private static partial Regex LegacyName();

    private sealed class LogFile(string path, long first)
    {
        public string Path { get; } = path;
        public long First { get; } = first;
        public long Last { get; set; } = first - 1;
        public int Rows { get; set; }
    }
}
