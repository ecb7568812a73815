using System.Globalization;
using ClickHouse.Driver;

namespace Pink.Shell.ClickHouse;

/// <summary>What one <see cref="Migrator.ApplyAsync"/> did.</summary>
public sealed record MigrationReport(IReadOnlyList<Migration> Applied, IReadOnlyList<Migration> AlreadyApplied);

/// <summary>
/// Applies the shipped migrations in version order and records each in <c>{db}.schema_migrations</c>, so re-running
/// is a no-op. Every statement is checked as additive before the first one runs; a recorded migration whose file has
/// changed since is an error (history is never rewritten).
/// </summary>
public static class Migrator
{
    /// <summary>The table that records applied migrations.</summary>
    public const string Table = "schema_migrations";

    /// <summary>Apply what is missing; returns what was applied and what already was.</summary>
    public static async Task<MigrationReport> ApplyAsync(ClickHouseTarget target, IReadOnlyList<Migration>? migrations = null,
        CancellationToken cancellationToken = default)
    {
        migrations ??= Migration.Shipped();
        CheckAdditive(migrations);
        using var client = target.CreateClient();
        await Execute(client, $"CREATE DATABASE IF NOT EXISTS {target.Database}", cancellationToken);
        await Execute(client, $"""
            CREATE TABLE IF NOT EXISTS {target.Qualify(Table)}
            (version UInt32, name String, checksum String, applied_at DateTime64(6) DEFAULT now64(6))
            ENGINE = MergeTree ORDER BY version
            """, cancellationToken);
        var recorded = await Recorded(client, target, cancellationToken);
        var applied = new List<Migration>();
        var already = new List<Migration>();
        foreach (var migration in migrations.OrderBy(m => m.Version))
        {
            if (recorded.TryGetValue(migration.Version, out var checksum))
            {
                if (checksum != migration.Checksum)
                    throw new InvalidOperationException(
                        $"migration V{migration.Version:000} {migration.Name} changed after it was applied (checksum {checksum} → {migration.Checksum}); add a new migration instead");
                already.Add(migration);
                continue;
            }
            foreach (var statement in migration.Statements(target.Database))
                await Execute(client, statement, cancellationToken);
            await Execute(client, string.Create(CultureInfo.InvariantCulture,
                $"INSERT INTO {target.Qualify(Table)} (version, name, checksum) VALUES ({migration.Version}, '{migration.Name}', '{migration.Checksum}')"),
                cancellationToken);
            applied.Add(migration);
        }
        return new MigrationReport(applied, already);
    }

    /// <summary>Versions recorded as applied, with their checksums.</summary>
    public static async Task<Dictionary<int, string>> Recorded(ClickHouseClient client, ClickHouseTarget target, CancellationToken cancellationToken = default)
    {
        var recorded = new Dictionary<int, string>();
        using var reader = await client.ExecuteReaderAsync($"SELECT version, checksum FROM {target.Qualify(Table)} ORDER BY version",
            cancellationToken: cancellationToken);
        while (reader.Read())
            recorded[Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture)] = reader.GetString(1);
        return recorded;
    }

    private static void CheckAdditive(IReadOnlyList<Migration> migrations)
    {
        foreach (var migration in migrations)
            foreach (var statement in migration.Statements("db"))
                if (AdditiveOnly.Check(statement) is string why)
                    throw new InvalidOperationException($"migration V{migration.Version:000} {migration.Name} is refused: {why}: {statement}");
    }

    // DDL and the bookkeeping insert are synchronous on purpose: the next statement relies on the previous one.
    private static Task<int> Execute(ClickHouseClient client, string sql, CancellationToken cancellationToken) =>
        client.ExecuteNonQueryAsync(sql, options: new QueryOptions
        {
            CustomSettings = new Dictionary<string, object> { ["async_insert"] = 0, ["wait_for_async_insert"] = 1 },
        }, cancellationToken: cancellationToken);
}
