using System.Text;
using System.Text.Json;
using Pink.Core;

namespace Pink.Shell.Runner;

/// <summary>
/// The state document plus how many recording records it includes, written atomically (temp file, fsync, rename) so a
/// kill -9 leaves either the old checkpoint or the new one, never half of one. On start the records after
/// <see cref="RecordsApplied"/> are re-fed from the recording, so nothing between the last checkpoint and the crash is
/// lost, and nothing before it is applied twice. Version 2 names the kernel that wrote it (<c>kernel_version</c>); the
/// configuration it folded with is in the state document. Version 1 checkpoints (without the kernel's name) still load.
/// </summary>
public sealed record Checkpoint(long RecordsApplied, KernelState State)
{
    public const int Version = 2;

    /// <summary>The kernel that wrote the checkpoint (null for version 1). <see cref="Save"/> always writes this build's.</summary>
    public string? KernelVersion { get; init; } = Pink.Core.KernelVersion.Current;
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
                writer.Write($"{{\"version\":{Version},\"kernel_version\":{JsonSerializer.Serialize(Pink.Core.KernelVersion.Current)},\"records_applied\":{checkpoint.RecordsApplied},\"state\":");
                writer.Write(StateDocument.Save(checkpoint.State));
                writer.Write('}');
            }
            stream.Flush(flushToDisk: true);
            size = stream.Length;
        }
        File.Move(temp, full, overwrite: true);
        return size;
    }

    /// <summary>
    /// The checkpoint at <paramref name="path"/>, null when there is none, or an <see cref="InvalidDataException"/> saying
    /// why it is unusable — whatever is wrong with the file. Never a guess: starting without the checkpoint would settle
    /// again what it already holds, so an unusable one stops the start with the reason.
    /// </summary>
    public static Checkpoint? Load(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Unusable(path, "not a JSON object");
            if (!root.TryGetProperty("version", out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var version) || version is not (1 or Version))
                throw Unusable(path, $"version {(v.ValueKind == JsonValueKind.Undefined ? "(none)" : v.GetRawText())} is not supported (this build reads 1 and {Version})");
            string? kernel = null;
            if (version >= 2 && (!root.TryGetProperty("kernel_version", out var k) || k.ValueKind != JsonValueKind.String || (kernel = k.GetString()) is null))
                throw Unusable(path, "kernel_version is missing or not a string");
            if (!root.TryGetProperty("records_applied", out var r) || !r.TryGetInt64(out var records) || records < 0)
                throw Unusable(path, "records_applied is not a count");
            if (!root.TryGetProperty("state", out var s)) throw Unusable(path, "no state");
            var state = StateDocument.Restore(s.GetRawText()).IfLeft(error => throw Unusable(path, error));
            return new Checkpoint(records, state) { KernelVersion = kernel };
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw Unusable(path, ex.Message);
        }
    }

    private static InvalidDataException Unusable(string path, string why) => new($"checkpoint {path}: {why}");
}
