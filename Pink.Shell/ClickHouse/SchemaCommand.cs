using System.CommandLine;
using Pink.Shell.Commands;

namespace Pink.Shell.ClickHouse;

/// <summary>
/// <c>pink schema apply [--url http://127.0.0.1:8123] [--database dolphin_pink]</c>: applies the missing migrations.
/// Exit codes: 0 applied or already current, 1 server or migration error, 2 usage or a refused database.
/// </summary>
public static class SchemaCommand
{
    public const string Description = "ClickHouse schema of the namespace (additive, versioned migrations)";

    public const string ApplyDescription = """
        Apply the ClickHouse migrations that are missing.

        Applies the ClickHouse migrations that are missing (additive, versioned, recorded in schema_migrations; running it
        again is a no-op). URL defaults to PINK_CLICKHOUSE_URL, else http://127.0.0.1:8123; DB to PINK_CLICKHOUSE_DATABASE,
        else dolphin_pink. `pink clickhouse` runs a local engine to apply it to.
        Exit code 0 applied or already current, 1 server unreachable or a migration failed, 2 usage or a refused database.
        """;

    public static Command Create()
    {
        var url = new Option<string?>("--url", "--clickhouse") { Description = "ClickHouse HTTP URL", HelpName = "URL" };
        var database = new Option<string?>("--database") { Description = "Database (must be in the namespace)", HelpName = "DB" };
        var apply = new Command("apply", ApplyDescription) { url, database };
        apply.SetAction((result, ct) => ApplyAsync(result.GetValue(url) ?? Environment.GetEnvironmentVariable("PINK_CLICKHOUSE_URL"),
            result.GetValue(database) ?? Environment.GetEnvironmentVariable("PINK_CLICKHOUSE_DATABASE"), result.Out(), result.Err(), ct));
        var schema = new Command("schema", Description) { apply };
        schema.SetAction(result =>
        {
            result.Err().WriteLine("pink schema: name the action: pink schema apply [--url URL] [--database DB]");
            return ExitCodes.Usage;
        });
        return schema;
    }

    private static async Task<int> ApplyAsync(string? url, string? database, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var (target, refused) = ClickHouseTarget.Create(url, database);
        if (target is null)
        {
            stderr.WriteLine($"pink schema: refused: {refused}");
            return ExitCodes.Usage;
        }
        try
        {
            var report = await Migrator.ApplyAsync(target, cancellationToken: ct);
            foreach (var m in report.AlreadyApplied) stdout.WriteLine($"current  V{m.Version:000} {m.Name}");
            foreach (var m in report.Applied) stdout.WriteLine($"applied  V{m.Version:000} {m.Name}");
            stdout.WriteLine($"schema of {target}: {report.Applied.Count} applied, {report.AlreadyApplied.Count} already current");
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            stderr.WriteLine($"pink schema: {target}: {ex.GetType().Name}: {ex.Message}");
            return ExitCodes.Failed;
        }
    }
}
