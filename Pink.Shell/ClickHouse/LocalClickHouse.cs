using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Pink.Shell.ClickHouse;

/// <summary>How to start a local engine. Everything is optional: a free loopback port and a temporary data directory.</summary>
/// <param name="DataDir">Data directory; kept after stop. When null a temporary one is made and deleted on dispose.</param>
/// <param name="Port">HTTP port on 127.0.0.1; when null a free one is picked.</param>
/// <param name="ChdbHome">Where tools/chdb/install.sh installed chDB (<c>.deps/chdb</c>); found by search when null.</param>
/// <param name="StartTimeout">How long to wait for the first answer to /ping.</param>
public sealed record LocalClickHouseOptions(string? DataDir = null, int? Port = null, string? ChdbHome = null, TimeSpan? StartTimeout = null);

/// <summary>
/// A real, current ClickHouse engine (chDB, installed by <c>tools/chdb/install.sh</c>) serving the standard HTTP
/// interface on 127.0.0.1 — for the tests, the benchmark and the runner's demo when no server is configured.
/// Stop sends SIGTERM (the engine shuts down cleanly and keeps its data); Restart brings it back on the same port and
/// data directory, which is how the tests stage an outage.
/// </summary>
public sealed class LocalClickHouse : IAsyncDisposable
{
    private const int SigTerm = 15;
    private readonly string _launcher;
    private readonly string _library;
    private readonly bool _ownsDataDir;
    private readonly TimeSpan _startTimeout;
    private readonly Queue<string> _stderr = new();
    private Process? _process;

    private LocalClickHouse(string launcher, string library, string dataDir, bool ownsDataDir, int port, TimeSpan startTimeout)
    {
        _launcher = launcher;
        _library = library;
        DataDir = dataDir;
        _ownsDataDir = ownsDataDir;
        Port = port;
        _startTimeout = startTimeout;
    }

    /// <summary>The HTTP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The server's URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>The engine's data directory.</summary>
    public string DataDir { get; }

    /// <summary>True while the engine process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>CPU time the engine process has used so far (benchmarks report what a row costs the server); null when it is not running.</summary>
    public TimeSpan? CpuTime => _process is { HasExited: false } process ? process.TotalProcessorTime : null;

    /// <summary>Start an engine and wait until it answers.</summary>
    public static async Task<LocalClickHouse> StartAsync(LocalClickHouseOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LocalClickHouseOptions();
        var home = options.ChdbHome ?? FindChdbHome()
            ?? throw new FileNotFoundException("chDB is not installed: run tools/chdb/install.sh (or set PINK_CHDB_HOME)");
        var launcher = Path.Combine(home, "bin", "chdb-http");
        var library = Path.Combine(home, "node_modules", "@chdb", "lib-linux-x64-gnu", "libchdb.so");
        if (!File.Exists(launcher) || !File.Exists(library))
            throw new FileNotFoundException($"chDB under {home} is incomplete: run tools/chdb/install.sh");
        var owns = options.DataDir is null;
        var dataDir = options.DataDir ?? Directory.CreateTempSubdirectory("pink-clickhouse-").FullName;
        Directory.CreateDirectory(dataDir);
        var server = new LocalClickHouse(launcher, library, dataDir, owns, options.Port ?? FreePort(),
            options.StartTimeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await server.LaunchAsync(cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>Stop the engine (SIGTERM, then KILL after <paramref name="grace"/>). Its data stays.</summary>
    public async Task StopAsync(TimeSpan? grace = null)
    {
        var process = _process;
        if (process is null) return;
        if (!process.HasExited)
        {
            _ = kill(process.Id, SigTerm);
            using var timeout = new CancellationTokenSource(grace ?? TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        process.Dispose();
        _process = null;
    }

    /// <summary>Start the engine again on the same port and data directory.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync();
        await LaunchAsync(cancellationToken);
    }

    /// <summary>Stop, and delete the data directory when it was a temporary one.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_ownsDataDir)
        {
            try { Directory.Delete(DataDir, recursive: true); }
            catch (IOException) { /* a leftover temp directory is harmless */ }
            catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>The chDB install: <c>PINK_CHDB_HOME</c>, else <c>.deps/chdb</c> above the working or base directory.</summary>
    public static string? FindChdbHome()
    {
        if (Environment.GetEnvironmentVariable("PINK_CHDB_HOME") is { Length: > 0 } configured) return configured;
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, ".deps", "chdb");
                if (File.Exists(Path.Combine(candidate, "bin", "chdb-http"))) return candidate;
            }
        return null;
    }

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(_launcher)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { _library, DataDir, Port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            info.ArgumentList.Add(arg);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {_launcher}");
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _process = process;
        await WaitUntilReady(process, cancellationToken);
    }

    private async Task WaitUntilReady(Process process, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + _startTimeout;
        while (DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
                throw new InvalidOperationException($"chdb-http exited with {process.ExitCode}: {Tail()}");
            try
            {
                using var answer = await http.GetAsync($"{Url}/ping", cancellationToken);
                if (answer.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { }
            await Task.Delay(100, cancellationToken);
        }
        throw new TimeoutException($"local ClickHouse on {Url} did not answer within {_startTimeout}: {Tail()}");
    }

    private void Remember(string? line)
    {
        if (line is null) return;
        lock (_stderr)
        {
            _stderr.Enqueue(line);
            while (_stderr.Count > 20) _stderr.Dequeue();
        }
    }

    private string Tail()
    {
        lock (_stderr) return string.Join(" | ", _stderr);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
