using Microsoft.Extensions.Logging;
using Pink.Core;
using Pink.Shell.ClickHouse;
using Pink.Shell.Config;

namespace Pink.Shell.Runner;

/// <summary>
/// Where the runner's rows go: the configured ClickHouse; else a local ClickHouse engine the runner starts itself
/// (the one the tests use, installed by tools/install-deps.sh); else JSON-lines files, with a clear warning.
/// The schema is applied before the first row is written.
/// </summary>
public sealed class RowStore : IAsyncDisposable
{
    private readonly LocalClickHouse? _engine;

    private RowStore(IRowSink sink, string description, ClickHouseTarget? target, LocalClickHouse? engine, string? spool = null)
    {
        Sink = sink;
        SpoolDirectory = spool;
        Description = description;
        Target = target;
        _engine = engine;
    }

    public IRowSink Sink { get; }
    public string Description { get; }
    public ClickHouseTarget? Target { get; }
    /// <summary>The sink's spool on disk (null for the file fallback, which has none).</summary>
    public string? SpoolDirectory { get; }

    public static async Task<RowStore> OpenAsync(PinkConfig config, string stateDir, ILogger log, CancellationToken ct)
    {
        var spool = Path.Combine(stateDir, "spool");
        var reports = new ClickHouseSinkOptions(spool, Log: line => log.LogWarning("{Line}", line));
        if (config.ClickHouseUrl is string url)
        {
            var target = ClickHouseTarget.Of(url, config.Database);
            await Migrator.ApplyAsync(target, null, ct);
            log.LogInformation("rows → ClickHouse {Target} (configured)", target);
            return new RowStore(ClickHouseRowSink.Start(target, reports), $"ClickHouse {target}", target, null, spool);
        }
        if (LocalClickHouse.FindChdbHome() is not null)
        {
            var engine = await LocalClickHouse.StartAsync(new LocalClickHouseOptions(DataDir: Path.Combine(stateDir, "clickhouse")), ct);
            var target = ClickHouseTarget.Of(engine.Url, config.Database);
            await Migrator.ApplyAsync(target, null, ct);
            log.LogInformation("rows → local ClickHouse engine {Target} (no server configured: started one on loopback)", target);
            return new RowStore(ClickHouseRowSink.Start(target, reports), $"local ClickHouse {target}", target, engine, spool);
        }
        var dir = Path.Combine(stateDir, "rows");
        log.LogWarning("no ClickHouse configured (PINK_CLICKHOUSE_URL) and no local engine installed (run tools/install-deps.sh): rows go to JSON-lines files in {Dir}", Path.GetFullPath(dir));
        return new RowStore(new FileRowSink(dir), $"files in {dir}", null, null);
    }

    /// <summary>Rows per table as the store holds them (queried back from ClickHouse; counted from the files otherwise).</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountAsync(CancellationToken ct)
    {
        var counts = new Dictionary<string, long>();
        if (Target is null)
        {
            foreach (var table in Tables.All)
                counts[table] = Sink is FileRowSink f && File.Exists(f.PathOf(table)) ? File.ReadLines(f.PathOf(table)).LongCount() : 0;
            return counts;
        }
        using var client = Target.CreateClient();
        foreach (var table in Tables.All)
            counts[table] = Convert.ToInt64(await client.ExecuteScalarAsync($"SELECT count() FROM {Target.Qualify(table)}", cancellationToken: ct));
        return counts;
    }

    public async ValueTask DisposeAsync()
    {
        await Sink.DisposeAsync();
        if (_engine is not null) await _engine.DisposeAsync();
    }
}
