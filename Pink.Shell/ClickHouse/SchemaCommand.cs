namespace Pink.Shell.ClickHouse;

/// <summary>
/// <c>pink schema apply [--url http://127.0.0.1:8123] [--database dolphin_pink]</c>: applies the missing migrations.
/// Exit codes: 0 applied or already current, 1 server or migration error, 2 usage or a refused database.
/// </summary>
public static class SchemaCommand
{
    /// <summary>Usage text for the runner's help.</summary>
    public const string Usage = "schema apply [--url URL] [--database DB]   apply ClickHouse migrations (default http://127.0.0.1:8123, dolphin_pink)";

    /// <summary>Run with the arguments after <c>schema</c>.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] != "apply")
        {
            stderr.WriteLine($"usage: pink {Usage}");
            return 2;
        }
        string? url = Environment.GetEnvironmentVariable("PINK_CLICKHOUSE_URL");
        string? database = Environment.GetEnvironmentVariable("PINK_CLICKHOUSE_DATABASE");
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--url" when i + 1 < args.Length: url = args[++i]; break;
                case "--database" when i + 1 < args.Length: database = args[++i]; break;
                default:
                    stderr.WriteLine($"pink schema: unknown or incomplete option '{args[i]}'");
                    stderr.WriteLine($"usage: pink {Usage}");
                    return 2;
            }
        }
        var (target, refused) = ClickHouseTarget.Create(url, database);
        if (target is null)
        {
            stderr.WriteLine($"pink schema: refused: {refused}");
            return 2;
        }
        try
        {
            var report = await Migrator.ApplyAsync(target);
            foreach (var m in report.AlreadyApplied) stdout.WriteLine($"current  V{m.Version:000} {m.Name}");
            foreach (var m in report.Applied) stdout.WriteLine($"applied  V{m.Version:000} {m.Name}");
            stdout.WriteLine($"schema of {target}: {report.Applied.Count} applied, {report.AlreadyApplied.Count} already current");
            return 0;
        }
        catch (Exception ex)
        {
            stderr.WriteLine($"pink schema: {target}: {ex.GetType().Name}: {ex.Message}");
            return 1;
        }
    }
}
