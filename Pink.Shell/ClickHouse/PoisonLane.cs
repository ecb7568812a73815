using System.Text.Json;

namespace Pink.Shell.ClickHouse;

/// <summary>Rows the server refused, parked together with its answer. Still owed to the server; never dropped.</summary>
public sealed class PoisonGroup
{
    internal PoisonGroup(string table, IReadOnlyList<SpooledRow> rows, int attempts, string firstError, string lastError, DateTime parkedAt)
    {
        Table = table;
        Rows = rows;
        Attempts = attempts;
        FirstError = firstError;
        LastError = lastError;
        ParkedAt = parkedAt;
        Token = Tokens.For(table, rows);
    }

    /// <summary>The table the rows belong to.</summary>
    public string Table { get; }
    /// <summary>The rows, at their spool positions.</summary>
    public IReadOnlyList<SpooledRow> Rows { get; }
    /// <summary>How many times the server has refused them.</summary>
    public int Attempts { get; internal set; }
    /// <summary>The server's first answer.</summary>
    public string FirstError { get; }
    /// <summary>The server's latest answer.</summary>
    public string LastError { get; internal set; }
    /// <summary>When they were parked (UTC).</summary>
    public DateTime ParkedAt { get; }
    internal string Token { get; }
    internal string FileName => Token.Replace(':', '_') + ".json";
}

/// <summary>
/// The poison lane: a directory of parked groups, each written atomically. Rows leave it only when the server
/// acknowledges them (for example after a migration fixes the cause). Each group is retried as the very same row set
/// with the very same token it had when parked, so a copy the server already took is recognised.
/// </summary>
internal sealed class PoisonLane
{
    private readonly List<PoisonGroup> _groups = new();

    public PoisonLane(string spoolDir)
    {
        Dir = Path.Combine(spoolDir, "poison");
        Directory.CreateDirectory(Dir);
    }

    public string Dir { get; }
    public IReadOnlyList<PoisonGroup> Groups => _groups;
    public long RowCount => _groups.Sum(g => (long)g.Rows.Count);
    public long MaxPosition => _groups.Count == 0 ? 0 : _groups.Max(g => g.Rows[^1].Position);

    public void Load()
    {
        foreach (var tmp in Directory.EnumerateFiles(Dir, "*.tmp")) File.Delete(tmp);
        var loaded = Directory.EnumerateFiles(Dir, "*.json").Order(StringComparer.Ordinal).Select(Read).ToList();
        var singles = loaded.Where(g => g.Rows.Count == 1).ToDictionary(g => g.Rows[0].Position);
        foreach (var group in loaded.Where(g => g.Rows.Count > 1))
        {
            if (!group.Rows.Any(r => singles.ContainsKey(r.Position)))
            {
                _groups.Add(group);
                continue;
            }
            // A crash while this group was being split left it beside some of its single-row children. The split
            // wins: once split, a group is never sent whole again (Tokens), so finish the split.
            foreach (var row in group.Rows.Where(r => !singles.ContainsKey(r.Position)))
            {
                var single = new PoisonGroup(group.Table, [row], group.Attempts, group.FirstError, group.LastError, group.ParkedAt);
                Write(single);
                singles[row.Position] = single;
            }
            Durable.Delete(Path.Combine(Dir, group.FileName));
        }
        _groups.AddRange(singles.Values.OrderBy(g => g.Rows[0].Position));
    }

    /// <summary>Park rows (or count another refusal of an already parked set). Durable when this returns.</summary>
    public PoisonGroup Park(string table, IReadOnlyList<SpooledRow> rows, string error, int attempts = 1)
    {
        var token = Tokens.For(table, rows);
        var group = _groups.FirstOrDefault(g => g.Token == token);
        if (group is null)
        {
            group = new PoisonGroup(table, rows, attempts, error, error, DateTime.UtcNow);
            _groups.Add(group);
        }
        else
        {
            group.Attempts = Math.Max(group.Attempts, attempts);
            group.LastError = error;
        }
        Write(group);
        return group;
    }

    /// <summary>Record another refusal.</summary>
    public void Refused(PoisonGroup group, string error)
    {
        group.Attempts++;
        group.LastError = error;
        Write(group);
    }

    /// <summary>The server took the rows.</summary>
    public void Delivered(PoisonGroup group)
    {
        Durable.Delete(Path.Combine(Dir, group.FileName));
        _groups.Remove(group);
    }

    /// <summary>Replace a group by one group per row (after the server refused the set for some row in it).</summary>
    public IReadOnlyList<PoisonGroup> Split(PoisonGroup group)
    {
        var singles = group.Rows.Select(r => new PoisonGroup(group.Table, [r], group.Attempts, group.FirstError, group.LastError, group.ParkedAt)).ToList();
        foreach (var single in singles) Write(single);
        Delivered(group); // the parent file goes only after every child is durable
        _groups.AddRange(singles);
        return singles;
    }

    private void Write(PoisonGroup group) =>
        Durable.WriteAtomically(Path.Combine(Dir, group.FileName), stream =>
        {
            using var writer = new Utf8JsonWriter(stream);
            writer.WriteStartObject();
            writer.WriteString("table", group.Table);
            writer.WriteNumber("attempts", group.Attempts);
            writer.WriteString("first_error", group.FirstError);
            writer.WriteString("last_error", group.LastError);
            writer.WriteString("parked_at", group.ParkedAt);
            writer.WriteStartArray("rows");
            foreach (var row in group.Rows)
            {
                writer.WriteStartObject();
                writer.WriteNumber("p", row.Position);
                writer.WritePropertyName("r");
                RowJson.Write(writer, row.Row);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    private PoisonGroup Read(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = doc.RootElement;
        var table = root.GetProperty("table").GetString()!;
        var rows = root.GetProperty("rows").EnumerateArray()
            .Select(r => new SpooledRow(r.GetProperty("p").GetInt64(), RowJson.Read(table, r.GetProperty("r"))))
            .ToList();
        return new PoisonGroup(table, rows, root.GetProperty("attempts").GetInt32(), root.GetProperty("first_error").GetString() ?? "",
            root.GetProperty("last_error").GetString() ?? "", root.GetProperty("parked_at").GetDateTime());
    }
}
