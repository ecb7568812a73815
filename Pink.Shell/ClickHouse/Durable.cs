using System.Runtime.InteropServices;

namespace Pink.Shell.ClickHouse;

/// <summary>
/// Crash-safe file operations: a file is written under a temporary name, fsynced, renamed into place, and the
/// directory fsynced, so after a crash it is either wholly there or not there at all.
/// </summary>
internal static class Durable
{
    private const int ReadOnly = 0;
    private const int Directory = 0x10000; // O_DIRECTORY on Linux

    /// <summary>Write <paramref name="fill"/>'s bytes to <paramref name="path"/> atomically and durably.</summary>
    public static void WriteAtomically(string path, Action<Stream> fill)
    {
        var tmp = path + ".tmp";
        using (var stream = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            fill(stream);
            stream.Flush(flushToDisk: true);
        }
        File.Move(tmp, path, overwrite: true);
        SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>
    /// Make what was written to <paramref name="stream"/> durable: <c>fdatasync</c> on Linux (the data and the size,
    /// not the timestamps), a full flush elsewhere. Throws when the disk says no.
    /// </summary>
    public static void DataSync(FileStream stream)
    {
        stream.Flush(flushToDisk: false);
        if (!OperatingSystem.IsLinux())
        {
            stream.Flush(flushToDisk: true);
            return;
        }
        if (fdatasync(stream.SafeFileHandle) != 0)
            throw new IOException($"fdatasync {stream.Name} failed (errno {Marshal.GetLastPInvokeError()})");
    }

    /// <summary>Delete files and make the deletion durable.</summary>
    public static void Delete(params string[] paths)
    {
        string? dir = null;
        foreach (var path in paths)
        {
            if (!File.Exists(path)) continue;
            File.Delete(path);
            dir = Path.GetDirectoryName(Path.GetFullPath(path));
        }
        if (dir is not null) SyncDirectory(dir);
    }

    /// <summary>fsync a directory, so a rename or delete inside it survives a power cut.</summary>
    public static void SyncDirectory(string dir)
    {
        if (!OperatingSystem.IsLinux()) return;
        var fd = open(dir, ReadOnly | Directory);
        if (fd < 0) return;
        try { _ = fsync(fd); }
        finally { _ = close(fd); }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int fsync(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int fdatasync(Microsoft.Win32.SafeHandles.SafeFileHandle fd);
}
