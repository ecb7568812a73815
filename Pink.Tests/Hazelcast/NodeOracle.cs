using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pink.Tests.Hazelcast;

/// <summary>
/// Runs tools/hazelcast-oracle/oracle.js (the official Node.js client hazelcast-client 5.7.0, offline) on a
/// JSON input. A missing node or package fails the calling test with what to install — it never skips.
/// </summary>
internal static class NodeOracle
{
    public const string PinnedVersion = "5.7.0";

    public static JsonElement Run(JsonObject input)
    {
        var dir = OracleDirectory();
        var package = Path.Combine(dir, "node_modules", "hazelcast-client", "package.json");
        if (!File.Exists(package))
            Assert.Fail($"hazelcast-client {PinnedVersion} is not installed in {dir}/node_modules: run tools/hazelcast-oracle/install.sh " +
                "(tools/install-deps.sh runs it before the tests)");

        var start = new ProcessStartInfo("node", [Path.Combine(dir, "oracle.js")])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned null");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            Assert.Fail($"the Hazelcast differential test needs Node.js ('node' on PATH, 20+), which could not be started: {e.Message}");
            throw;
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(input.ToJsonString());
            process.StandardInput.Close();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("the Node.js oracle did not finish within 2 minutes");
            }
            var output = stdout.GetAwaiter().GetResult();
            if (process.ExitCode != 0)
                Assert.Fail($"the Node.js oracle exited {process.ExitCode}: {stderr.GetAwaiter().GetResult()}");
            var result = JsonDocument.Parse(output).RootElement.Clone();
            Assert.Equal(PinnedVersion, result.GetProperty("client").GetString());
            return result;
        }
    }

    private static string OracleDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tools", "hazelcast-oracle");
            if (File.Exists(Path.Combine(candidate, "oracle.js"))) return candidate;
        }
        throw new DirectoryNotFoundException($"tools/hazelcast-oracle/oracle.js not found above {AppContext.BaseDirectory}");
    }
}
