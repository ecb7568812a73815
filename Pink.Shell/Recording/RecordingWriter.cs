using System.Text;
using System.Text.Json;

namespace Pink.Shell.Recording;

/// <summary>
/// Appends records to a session recording (JSON Lines, recording-format.md) and flushes each one to disk before it is
/// applied: the recording is the write-ahead log of a live session, so a crash never loses an input that changed the
/// ledger. It holds no secrets: REST params are recorded without signature, and keys never enter a record.
/// </summary>
public sealed class RecordingWriter : IDisposable
{
    private readonly FileStream _stream;

    public RecordingWriter(string path)
    {
        Path = path;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 16, FileOptions.None);
        // A crash mid-write leaves a torn last line; the next record must start on a line of its own.
        if (_stream.Length > 0 && LastByte(path) != (byte)'\n') _stream.Write("\n"u8);
    }

    private static int LastByte(string path)
    {
        using var read = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        read.Seek(-1, SeekOrigin.End);
        return read.ReadByte();
    }

    public string Path { get; }

    public void Append(Record record)
    {
        var line = Encoding.UTF8.GetBytes(ToJson(record) + "\n");
        _stream.Write(line);
        _stream.Flush(flushToDisk: true);
    }

    public static string ToJson(Record record)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            switch (record)
            {
                case IntentRecord r:
                    w.WriteString("k", "intent");
                    Time(w, r);
                    w.WritePropertyName("intent");
                    r.Intent.WriteTo(w);
                    break;
                case RestRecord r:
                    w.WriteString("k", "rest");
                    Time(w, r);
                    w.WriteString("method", r.Method);
                    w.WriteString("path", r.Path);
                    w.WritePropertyName("params");
                    if (r.Params is JsonElement p) p.WriteTo(w); else w.WriteNullValue();
                    w.WritePropertyName("response");
                    r.Response.WriteTo(w);
                    break;
                case WsRecord { Frame: JsonElement frame } r:
                    w.WriteString("k", "ws");
                    Time(w, r);
                    w.WritePropertyName("frame");
                    frame.WriteTo(w);
                    break;
                case WsRecord r:
                    w.WriteString("k", "ws");
                    Time(w, r);
                    w.WriteString("text", r.Text);
                    break;
                case RestartRecord r:
                    w.WriteString("k", "restart");
                    Time(w, r);
                    break;
                case SkippedRecord r:
                    w.WriteString("k", "skipped");
                    Time(w, r);
                    w.WriteString("reason", r.Reason);
                    break;
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Time(Utf8JsonWriter w, Record r)
    {
        if (r.TimeMs is long t) w.WriteNumber("t", t);
    }

    public void Dispose() => _stream.Dispose();
}
