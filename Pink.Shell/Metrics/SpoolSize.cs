namespace Pink.Shell.Metrics;

/// <summary>How much disk a spool takes: every file under its directory (segments, send journal, poison lane).</summary>
public static class SpoolSize
{
    public static long Bytes(string? dir)
    {
        if (dir is null || !Directory.Exists(dir)) return 0;
        long total = 0;
        try
        {
            foreach (var f in new DirectoryInfo(dir).EnumerateFiles("*", SearchOption.AllDirectories))
            {
                try { total += f.Length; }
                catch (FileNotFoundException) { /* trimmed while we looked: it no longer takes space */ }
            }
        }
        catch (DirectoryNotFoundException) { return total; }
        return total;
    }
}
