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

    private RowStore(IRowSink sink, string description, ClickHouseTarget? target, LocalClickHouse? engine)
    {
        Sink = sink;
        Description = description;
        Target = target;
        _engine = engine;
    }

    public IRowSink Sink { get; }
    public string Description { get; }
    public ClickHouseTarget? Target { get; }

    /// <summary>False when ClickHouse could not be reached at start: rows are spooled, and delivered (after the
    /// migrations) once it answers.</summary>
    public bool ReachableAtStart { get; private init; } = true;

    /// <summary>Where rows wait for ClickHouse (null for the file fallback).</summary>
    public string? SpoolDir { get; private init; }

    public static async Task<RowStore> OpenAsync(PinkConfig config, string stateDir, ILogger log, CancellationToken ct)
    {
        var spool = Path.Combine(stateDir, "spool");
        if (config.ClickHouseUrl is string url)
        {
            var target = ClickHouseTarget.Of(url, config.Database);
            return await StartSinkAsync(target, spool, $"ClickHouse {target}", null, log, ct, "(configured)");
        }
        if (LocalClickHouse.FindChdbHome() is not null)
        {
            LocalClickHouse? engine = null;
            try
            {
                engine = await LocalClickHouse.StartAsync(new LocalClickHouseOptions(DataDir: Path.Combine(stateDir, "clickhouse")), ct);
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or IOException)
            {
                log.LogWarning("the local ClickHouse engine did not start ({Message}): rows go to files instead", ex.Message);
            }
            if (engine is not null)
            {
                var target = ClickHouseTarget.Of(engine.Url, config.Database);
                return await StartSinkAsync(target, spool, $"local ClickHouse {target}", engine, log, ct, "(no server configured: started one on loopback)");
            }
        }
        var dir = Path.Combine(stateDir, "rows");
        log.LogWarning("no ClickHouse configured (PINK_CLICKHOUSE_URL) and no local engine installed (run tools/install-deps.sh): rows go to JSON-lines files in {Dir}", Path.GetFullPath(dir));
        return new RowStore(new FileRowSink(dir), $"files in {dir}", null, null);
    }

    // ClickHouse away at start is an outage like any later one: the sink spools durably from the first row and applies
    // the migrations before its first delivery, whenever the server answers.
    private static async Task<RowStore> StartSinkAsync(ClickHouseTarget target, string spool, string description, LocalClickHouse? engine,
        ILogger log, CancellationToken ct, string why)
    {
        var reports = new ClickHouseSinkOptions(spool, Log: line => log.LogWarning("{Line}", line));
        var reachable = true;
        try
        {
            await Migrator.ApplyAsync(target, null, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && InsertOutcome.IsUnreachable(ex))
        {
            reachable = false;
            log.LogWarning("ClickHouse {Target} is unreachable at start ({Message}): rows are spooled in {Spool} and delivered, after the schema migrations, when it answers",
                target, ex.Message, Path.GetFullPath(spool));
            reports = reports with { Prepare = token => Migrator.ApplyAsync(target, null, token) };
        }
        if (reachable) log.LogInformation("rows → {Description} {Why}", description, why);
        return new RowStore(ClickHouseRowSink.Start(target, reports), description, target, engine) { ReachableAtStart = reachable, SpoolDir = spool };
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

    /// <summary>Rows per table as the store holds them; null when ClickHouse cannot be asked now.</summary>
    public async Task<IReadOnlyDictionary<string, long>?> TryCountAsync(CancellationToken ct)
    {
        try
        {
            return await CountAsync(ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && (InsertOutcome.IsUnreachable(ex) || ex is global::ClickHouse.Driver.ClickHouseServerException))
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Sink.DisposeAsync();
        if (_engine is not null) await _engine.DisposeAsync();
    }
}
