using System.Globalization;
using ClickHouse.Driver;
using Pink.Shell.ClickHouse;

namespace Pink.Tests.ClickHouse;

/// <summary>
/// One real ClickHouse engine (chDB over HTTP, installed by tools/chdb/install.sh) on a free loopback port with a
/// temporary data directory, shared by the ClickHouse tests and stopped (SIGTERM) after them. Each test gets its own
/// database, so tests never see each other's rows.
/// </summary>
public sealed class ClickHouseServerFixture : IAsyncLifetime
{
    private LocalClickHouse? _server;

    public LocalClickHouse Server => _server ?? throw new InvalidOperationException("server not started");

    public async Task InitializeAsync() => _server = await LocalClickHouse.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    /// <summary>A fresh database name of Pink's namespace for one test.</summary>
    public static string NewDatabaseName(string purpose) => $"pink_test_{purpose}_{Guid.NewGuid():N}"[..40];

    /// <summary>A fresh database with the shipped migrations applied.</summary>
    public async Task<ClickHouseTarget> MigratedDatabase(string purpose)
    {
        var target = ClickHouseTarget.Of(Server.Url, NewDatabaseName(purpose));
        await Migrator.ApplyAsync(target);
        return target;
    }

    /// <summary>Run a query and return the first column of the first row as a long.</summary>
    public async Task<long> Long(string sql)
    {
        using var client = ClickHouseTarget.Of(Server.Url).CreateClient();
        return Convert.ToInt64(await client.ExecuteScalarAsync(sql), CultureInfo.InvariantCulture);
    }

    /// <summary>Run a query and return every row's first column as text.</summary>
    public async Task<List<string>> Strings(string sql)
    {
        using var client = ClickHouseTarget.Of(Server.Url).CreateClient();
        using var reader = await client.ExecuteReaderAsync(sql);
        var result = new List<string>();
        while (reader.Read()) result.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture) ?? "");
        return result;
    }

    /// <summary>Run a statement.</summary>
    public async Task Execute(string sql)
    {
        using var client = ClickHouseTarget.Of(Server.Url).CreateClient();
        await client.ExecuteNonQueryAsync(sql);
    }
}

/// <summary>The ClickHouse tests share one server and run one after another (the outage test stops it).</summary>
[CollectionDefinition(Name)]
public sealed class ClickHouseCollection : ICollectionFixture<ClickHouseServerFixture>
{
    public const string Name = "clickhouse";
}
