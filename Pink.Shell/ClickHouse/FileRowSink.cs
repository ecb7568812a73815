using System.Text.Json;
using Pink.Core;

namespace Pink.Shell.ClickHouse;

/// <summary>
/// The sink for when no ClickHouse is available: one JSON-lines file per table (<c>{dir}/{table}.jsonl</c>), each line
/// the row under the same column names as the ClickHouse table. Flush fsyncs; nothing is ever rewritten.
/// </summary>
public sealed class FileRowSink : IRowSink
{
    private readonly string _dir;
    private readonly object _gate = new();
    private readonly Dictionary<string, FileStream> _files = new();
    private long _pending;
    private long _delivered;
    private string? _lastError;

    /// <summary>Append to the files in <paramref name="dir"/> (created when missing).</summary>
    public FileRowSink(string dir)
    {
        _dir = Path.GetFullPath(dir);
        Directory.CreateDirectory(_dir);
    }

    /// <summary>The file rows of <paramref name="table"/> go to.</summary>
    public string PathOf(string table) => Path.Combine(_dir, table + ".jsonl");

    /// <inheritdoc />
    public SinkStatus Status
    {
        get { lock (_gate) return new SinkStatus(_pending, 0, _delivered, 0, 0, _lastError, true); }
    }

    /// <inheritdoc />
    public void Write(Row row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var shape = RowColumns.For(row.Table);
        var line = Line(shape, shape.Values(row));
        lock (_gate)
        {
            if (!_files.TryGetValue(row.Table, out var file))
                _files[row.Table] = file = new FileStream(PathOf(row.Table), FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 16);
            file.Write(line);
            _pending++;
        }
    }

    /// <inheritdoc />
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            try
            {
                foreach (var file in _files.Values) file.Flush(flushToDisk: true);
                _delivered += _pending;
                _pending = 0;
            }
            catch (IOException ex)
            {
                _lastError = $"file sink {_dir}: {ex.Message}";
                throw;
            }
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<bool> DrainAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        await FlushAsync(cancellationToken);
        return true;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await FlushAsync();
        lock (_gate)
        {
            foreach (var file in _files.Values) file.Dispose();
            _files.Clear();
        }
    }

    private static byte[] Line(TableShape shape, object[] values)
    {
        using var buffer = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            for (var i = 0; i < values.Length; i++)
            {
                writer.WritePropertyName(shape.Columns[i]);
                WriteValue(writer, values[i]);
            }
            writer.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteValue(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case DateTime ts: writer.WriteStringValue(Timestamps.Text(ts)); break;
            case double d when !double.IsFinite(d): writer.WriteStringValue(d.ToString(System.Globalization.CultureInfo.InvariantCulture)); break;
            case double d: writer.WriteNumberValue(d); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case string s: writer.WriteStringValue(s); break;
            case int n: writer.WriteNumberValue(n); break;
            case long n: writer.WriteNumberValue(n); break;
            case ulong n: writer.WriteNumberValue(n); break;
            case uint n: writer.WriteNumberValue(n); break;
            case ushort n: writer.WriteNumberValue(n); break;
            default: writer.WriteStringValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)); break;
        }
    }
}
