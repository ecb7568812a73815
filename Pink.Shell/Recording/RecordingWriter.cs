using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Pink.Shell.Recording;

/// <summary>
/// Appends records to a session recording (JSON Lines, recording-format.md). The recording is the write-ahead log of a
/// live session: the run loop writes each record (<see cref="Write"/>) as it applies it and makes the records durable
/// (<see cref="Sync"/>, one fsync for everything written since the last one) before anything they caused leaves the
/// process — rows, snapshots, orders — so a crash never loses an input that changed what others saw, and a batch of
/// inputs costs one fsync, not one each. Records are kept in memory until the sync (or until a megabyte of them is
/// waiting) and handed to the file as whole lines, so a process killed between two writes never leaves half a line.
/// It holds no secrets: REST params are recorded without signature, keys never enter a record, and listenKeys are
/// redacted as records are written (a recording is meant to be shared).
/// </summary>
public sealed class RecordingWriter : IDisposable
{
    private const int WriteOutAt = 1 << 20;
    private readonly FileStream _stream;
    private readonly ArrayBufferWriter<byte> _lines = new(1 << 16); // whole lines not yet handed to the file
    private readonly Utf8JsonWriter _json;
    private bool _unsynced;

    public RecordingWriter(string path)
    {
        Path = path;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0, FileOptions.None);
        _json = new Utf8JsonWriter(_lines);
        // A crash mid-write leaves a torn last line; the next record must start on a line of its own.
        if (_stream.Length > 0 && LastByte(path) != (byte)'\n')
        {
            _stream.Write("\n"u8);
            _unsynced = true;
        }
    }

    private static int LastByte(string path)
    {
        using var read = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        read.Seek(-1, SeekOrigin.End);
        return read.ReadByte();
    }

    public string Path { get; }

    /// <summary>fsyncs made so far (each covers every record written before it).</summary>
    public long Syncs { get; private set; }

    /// <summary>Write one record and make it durable at once (a batch of one).</summary>
    public void Append(Record record)
    {
        Write(record);
        Sync();
    }

    /// <summary>
    /// Add one record to the file, not yet durable: a crash before the next <see cref="Sync"/> may lose it or leave its
    /// line torn (the reader reports a torn line; the next writer starts a new line after it).
    /// </summary>
    public void Write(Record record)
    {
        _json.Reset(_lines);
        WriteJson(_json, record);
        _json.Flush();
        _lines.Write("\n"u8);
        _unsynced = true;
        if (_lines.WrittenCount >= WriteOutAt) WriteOut();
    }

    /// <summary>Make every record written so far durable (write and fsync); nothing to do when nothing was written since.</summary>
    public void Sync()
    {
        if (!_unsynced) return;
        WriteOut();
        _stream.Flush(flushToDisk: true);
        _unsynced = false;
        Syncs++;
    }

    private void WriteOut()
    {
        if (_lines.WrittenCount == 0) return;
        _stream.Write(_lines.WrittenSpan);
        _lines.ResetWrittenCount();
    }

    public static string ToJson(Record record)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer)) WriteJson(w, record);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteJson(Utf8JsonWriter w, Record record)
    {
        w.WriteStartObject();
        switch (record)
        {
            case IntentRecord r:
                w.WriteString("k", "intent");
                Time(w, r);
                w.WritePropertyName("intent");
                Raw(w, r.Intent);
                break;
            case RestRecord r:
                w.WriteString("k", "rest");
                Time(w, r);
                w.WriteString("method", r.Method);
                w.WriteString("path", r.Path);
                w.WritePropertyName("params");
                if (r.Params is JsonElement p) Raw(w, p); else w.WriteNullValue();
                w.WritePropertyName("response");
                Raw(w, r.Response);
                break;
            case WsRecord { Frame: JsonElement frame } r:
                w.WriteString("k", "ws");
                Time(w, r);
                w.WritePropertyName("frame");
                Raw(w, frame);
                break;
            case WsRecord r:
                w.WriteString("k", "ws");
                Time(w, r);
                w.WriteString("text", r.Text is string text && text.Contains("listenKey", StringComparison.OrdinalIgnoreCase) ? Pink.Shell.Venue.Redaction.Scrub(Pink.Shell.Venue.Redaction.ScrubJson(text)) : r.Text);
                break;
            case HeaderRecord r:
                w.WriteString("k", "header");
                Time(w, r);
                w.WriteString("kernel_version", r.KernelVersion);
                w.WritePropertyName("config");
                if (r.Config is { } config) w.WriteRawValue(Pink.Core.ConfigDocument.Write(config), skipInputValidation: true);
                else w.WriteNullValue();
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

    // The element's JSON exactly as it was received. JsonElement.WriteTo would unescape and re-encode strings, which
    // throws on a lone surrogate escape (`\ud800`) that the parser accepted: one such input would stop the live loop.
    // listenKeys are redacted on the way out (the listenKey REST answers and requests, listenKeyExpired frames); the
    // search for the name is one vectorised scan, so the records without one cost nothing more.
    private static void Raw(Utf8JsonWriter w, JsonElement e)
    {
        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(e);
        if (raw.IndexOf("listenKey"u8) < 0 && raw.IndexOf("listenkey"u8) < 0 && raw.IndexOf("LISTENKEY"u8) < 0)
        {
            w.WriteRawValue(raw, skipInputValidation: true);
            return;
        }
        w.WriteRawValue(Encoding.UTF8.GetBytes(Pink.Shell.Venue.Redaction.ScrubJson(Encoding.UTF8.GetString(raw))), skipInputValidation: true);
    }

    private static void Time(Utf8JsonWriter w, Record r)
    {
        if (r.TimeMs is long t) w.WriteNumber("t", t);
    }

    /// <summary>Closes the file; records written since the last <see cref="Sync"/> are handed to it first (not synced).</summary>
    public void Dispose()
    {
        WriteOut();
        _json.Dispose();
        _stream.Dispose();
    }
}
