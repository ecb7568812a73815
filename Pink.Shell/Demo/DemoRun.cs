using Microsoft.Extensions.Logging;
using Pink.Core;
using Pink.Shell.Config;
using Pink.Shell.Metrics;
using Pink.Shell.Runner;
using Pink.Shell.Simulator;
using Pink.Shell.Venue;

namespace Pink.Shell.Demo;

/// <summary>How the demo runs: its state directory, and either its own simulator or an external venue.</summary>
/// <param name="StateDir">Checkpoint, recording, spool (and the local engine's data) live here.</param>
/// <param name="Config">Namespace, ClickHouse and kernel settings.</param>
/// <param name="Venue">An external venue (REST and WS URLs, keys from the environment); null starts the local simulator.</param>
/// <param name="Resume">Keep the state directory and carry on from its checkpoint (after a crash); otherwise start afresh.</param>
/// <param name="Credentials">Keys for the external venue (else read from the environment).</param>
public sealed record DemoOptions(string StateDir, PinkConfig Config, BingxVenueOptions? Venue = null, bool Resume = false,
    BingxCredentials? Credentials = null);

/// <summary>What the demo ends with.</summary>
/// <param name="StoredRows">Rows per table queried back from the store; empty when it could not be asked (see <paramref name="Rows"/>).</param>
public sealed record DemoResult(KernelState State, IReadOnlyDictionary<string, long> StoredRows, string Store, string RecordingPath,
    int Diagnostics, DemoLedger? Ledger, RowsDelivery Rows);

/// <summary>The demo's sequence: simulator (or external venue) → store → session, restart, session → ledger.</summary>
public static class DemoRun
{
    public static async Task<DemoResult> ExecuteAsync(DemoOptions o, ILoggerFactory logs, CancellationToken ct)
    {
        var log = logs.CreateLogger("pink.demo");
        if (!o.Resume) Fresh(o.StateDir);
        Directory.CreateDirectory(o.StateDir);
        var run = new RunOptions(o.StateDir, o.Config.Kernel);

        await using var sim = o.Venue is null ? await BingxSimulator.StartAsync(new SimulatorOptions(InitialWallet: 50_000m)) : null;
        BingxVenueOptions venue;
        BingxCredentials credentials;
        if (sim is not null)
        {
            DemoScript.Prepare(sim);
            venue = new BingxVenueOptions(sim.RestBaseUrl, sim.WsUrl);
            // The simulator's own demo credentials: not secrets, nothing real can be reached with them.
            credentials = new BingxCredentials(sim.Options.ApiKey, sim.Options.ApiSecret);
            log.LogInformation("demo: local BingX simulator on {Url}", sim.RestBaseUrl);
        }
        else
        {
            venue = o.Venue!;
            credentials = o.Credentials ?? BingxCredentials.FromEnvironment()
                ?? throw new InvalidOperationException($"an external venue needs {BingxCredentials.ApiKeyVariable} and {BingxCredentials.ApiSecretVariable}");
        }
        log.LogInformation("demo: state, recording and checkpoint in {Dir}", Path.GetFullPath(o.StateDir));
        await using var outlet = SnapshotPublishers.Open(o.Config, logs.CreateLogger("pink.publish"));
        await using var store = await RowStore.OpenAsync(o.Config, o.StateDir, log, ct);
        var probe = (long from, CancellationToken token) => StoredRows.ProbeAsync(store, from, token);
        var watch = new RunProbe();
        using var metrics = MetricsExport.Start(o.Config.Metrics, watch, log);

        var diagnostics = 0;
        await using (var first = await LiveSession.StartAsync(venue, credentials, run, store.Sink, outlet, DemoScript.Symbols, logs, ct, probe))
        {
            watch.Attach(first.Loop, store.Sink, store.SpoolDir);
            await DemoScript.EntriesAsync(first, TradeHistory.Of(first.Loop), sim, log, ct);
            log.LogInformation("demo: restarting the loop (checkpoint, stop, restore, reconcile)");
            await first.StopAsync();
            diagnostics += first.Loop.Diagnostics;
        }
        await using var second = await LiveSession.StartAsync(venue, credentials, run, store.Sink, outlet, DemoScript.Symbols, logs, ct, probe);
        if (!second.Loop.Restored) throw new InvalidOperationException("demo: the restarted loop did not resume from its checkpoint");
        watch.Attach(second.Loop, store.Sink, store.SpoolDir);
        var history = TradeHistory.Of(second.Loop);
        await DemoScript.ExitsAsync(second, history, sim, log, ct);
        await second.StopAsync();
        diagnostics += second.Loop.Diagnostics;
        var rows = await RowsDelivery.FinishAsync(store, TimeSpan.FromSeconds(30), ct);
        if (rows.Spooled > 0)
            log.LogWarning("demo: the store has not taken every row yet ({Status}); they stay in the spool", store.Sink.Status);
        var ledger = sim is null ? null : DemoLedger.Of(second.Loop.State, history, sim, rows, store.Description, diagnostics);
        return new DemoResult(second.Loop.State, rows.Stored ?? new Dictionary<string, long>(), store.Description, run.RecordingPath, diagnostics, ledger, rows);
    }

    // A fresh start forgets the state but not the spool: rows an earlier run could not deliver are still owed to the store.
    private static void Fresh(string stateDir)
    {
        if (!Directory.Exists(stateDir)) return;
        foreach (var dir in Directory.EnumerateDirectories(stateDir).Where(d => Path.GetFileName(d) != "spool")) Directory.Delete(dir, recursive: true);
        foreach (var file in Directory.EnumerateFiles(stateDir)) File.Delete(file);
    }
}
