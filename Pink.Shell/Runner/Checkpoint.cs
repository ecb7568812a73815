using System.Text;
using System.Text.Json;
using Pink.Core;

namespace Pink.Shell.Runner;

/// <summary>
/// The state document plus how many recording records it includes, written atomically (temp file, fsync, rename) so a
/// kill -9 leaves either the old checkpoint or the new one, never half of one. On start the records after
/// <see cref="RecordsApplied"/> are re-fed from the recording, so nothing between the last checkpoint and the crash is
/// lost, and nothing before it is applied twice.
/// </summary>
public sealed record Checkpoint(long RecordsApplied, KernelState State)
{
    public const int Version = 1;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Write <paramref name="checkpoint"/> to <paramref name="path"/> atomically; returns the document's size in bytes.</summary>
    public static long Save(string path, Checkpoint checkpoint)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp";
        long size;
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            // Streamed: the document of a long session is tens of MB, so it is not copied into a second string first.
            using (var writer = new StreamWriter(stream, Utf8, 1 << 16, leaveOpen: true))
            {
                writer.Write($"{{\"version\":{Version},\"records_applied\":{checkpoint.RecordsApplied},\"state\":");
                writer.Write(StateDocument.Save(checkpoint.State));
                writer.Write('}');
            }
            stream.Flush(flushToDisk: true);
            size = stream.Length;
        }
        File.Move(temp, full, overwrite: true);
        return size;
    }

    /// <summary>The checkpoint at <paramref name="path"/>, null when there is none, or an exception saying why it is unusable.</summary>
    public static Checkpoint? Load(string path)
    {
        if (!File.Exists(path)) return null;
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        if (!root.TryGetProperty("version", out var v) || v.GetInt32() != Version)
            throw new InvalidDataException($"checkpoint {path}: version {v} is not supported (this build reads {Version})");
        var records = root.GetProperty("records_applied").GetInt64();
        var state = StateDocument.Restore(root.GetProperty("state").GetRawText())
            .IfLeft(error => throw new InvalidDataException($"checkpoint {path}: {error}"));
        return new Checkpoint(records, state);
    }
}
