using System.CommandLine;
using Pink.Shell.Commands;

namespace Pink.Shell.ClickHouse;

/// <summary><c>pink clickhouse</c>: the local ClickHouse engine in the foreground, for the commands that write rows.</summary>
public static class ClickHouseCommand
{
    public const int DefaultPort = 18123;

    public const string Description = """
        Run the local ClickHouse engine in the foreground; prints its HTTP URL.

        Runs the local ClickHouse engine (ClickHouse 26.7 from chDB, installed by tools/chdb/install.sh) in the foreground on
        127.0.0.1 until Ctrl+C or SIGTERM, serving the standard HTTP interface, and prints its URL, e.g. for
          pink schema apply --url http://127.0.0.1:18123
          PINK_CLICKHOUSE_URL=http://127.0.0.1:18123 pink demo
        The data stays in DIR (default .pink/clickhouse) across runs.
        Exit code 0 when stopped, 1 when the engine is not installed, cannot start or stops by itself.
        """;

    public static Command Create()
    {
        var port = PortOption.Create("--port", DefaultPort, "HTTP port");
        var path = new Option<string>("--path") { Description = "Data directory (kept across runs)", HelpName = "DIR", DefaultValueFactory = _ => Path.Combine(".pink", "clickhouse") };
        var command = new Command("clickhouse", Description) { port, path };
        command.SetAction(async (result, ct) =>
        {
            using var shutdown = new Shutdown(ct);
            var requested = result.GetValue(port);
            LocalClickHouse engine;
            try
            {
                engine = await LocalClickHouse.StartAsync(new LocalClickHouseOptions(Path.GetFullPath(result.GetValue(path)!), requested == 0 ? null : requested), shutdown.Token);
            }
            catch (Exception ex) when (ex is FileNotFoundException or InvalidOperationException or TimeoutException)
            {
                throw new CommandFailure(ExitCodes.Failed, ex.Message, ex);
            }
            await using (engine)
            {
                var stdout = result.Out();
                stdout.WriteLine($"clickhouse: {engine.Url} (ClickHouse HTTP interface; data in {engine.DataDir}; Ctrl+C stops it)");
                stdout.Flush();
                // The engine is a child process: one that dies by itself ends the command with an error, not silently.
                while (!shutdown.Token.IsCancellationRequested && engine.IsRunning)
                {
                    try { await Task.Delay(TimeSpan.FromMilliseconds(500), shutdown.Token); }
                    catch (OperationCanceledException) { }
                }
                if (!shutdown.Token.IsCancellationRequested)
                    throw new CommandFailure(ExitCodes.Failed, $"the engine on {engine.Url} stopped by itself");
                await engine.StopAsync();
                stdout.WriteLine("clickhouse: stopped");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
