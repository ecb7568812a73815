using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;
using Pink.Core;

namespace Pink.Tests.Embedding;

/// <summary>Packs Pink.Core once per test class into a temporary folder feed.</summary>
public sealed class PackedCoreFixture : IDisposable
{
    public PackedCoreFixture()
    {
        Directory.CreateDirectory(Root);
        // --no-build: the suite runs on the Release build already made; building here could race the test host's copy.
        var (code, output) = SampleProjectTests.Dotnet(Repo, TimeSpan.FromMinutes(2), null,
            "pack", Path.Combine(Repo, "Pink.Core"), "-c", "Release", "--no-build", "-nologo", "-o", Feed);
        if (code != 0) throw new InvalidOperationException($"dotnet pack Pink.Core failed ({code}):\n{output}");
        Package = Directory.EnumerateFiles(Feed, "Pink.Core.*.nupkg").Single();
    }

    public static string Repo => Replay.ReplayTests.RepoRoot();
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "pink-sample-" + Guid.NewGuid().ToString("N"));
    public string Feed => Path.Combine(Root, "feed");
    public string Package { get; }

    public void Dispose()
    {
        try { Directory.Delete(Root, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>
/// The package an embedder gets: its README is PACKAGE.md and stands alone, and samples/embedding (which shows the same
/// host as that README) restores the freshly packed package, runs a session and prints the ledger.
/// </summary>
public class SampleProjectTests(PackedCoreFixture packed) : IClassFixture<PackedCoreFixture>
{
    private static string Sample => Path.Combine(PackedCoreFixture.Repo, "samples", "embedding");
    private static string PackageMd => File.ReadAllText(Path.Combine(PackedCoreFixture.Repo, "Pink.Core", "PACKAGE.md"));

    [Fact]
    public void Packed_readme_is_PACKAGE_md_and_links_nothing_outside_the_package()
    {
        using var zip = ZipFile.OpenRead(packed.Package);
        var entry = zip.GetEntry("README.md") ?? throw new InvalidOperationException("the package has no README.md");
        using var reader = new StreamReader(entry.Open());
        var readme = reader.ReadToEnd();
        Assert.Equal(PackageMd, readme);
        Assert.DoesNotContain("../", readme);
        // A relative link would point at a file the package does not carry: only anchors and absolute URLs are allowed.
        var relative = Regex.Matches(readme, @"\]\(([^)]*)\)").Select(m => m.Groups[1].Value)
            .Where(target => !target.StartsWith('#') && !target.StartsWith("https://", StringComparison.Ordinal)).ToList();
        Assert.Empty(relative);
        using var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        Assert.Contains("<readme>README.md</readme>", nuspec.ReadToEnd());
    }

    [Fact]
    public void Package_readme_shows_the_sample_host_verbatim_and_it_interprets_every_effect_kind()
    {
        var program = File.ReadAllText(Path.Combine(Sample, "Program.cs")).ReplaceLineEndings("\n");
        var readme = PackageMd.ReplaceLineEndings("\n");
        var host = Region(program, "host");
        Assert.Contains(host, readme);
        Assert.Contains(Region(program, "store"), readme);
        // Every effect Pink.Core can return has its own arm: the host interprets effects through Effect.Switch, whose arms
        // are all mandatory and name every kind (an unknown kind cannot exist: the set is closed, see PublicApiTests).
        var kinds = typeof(Effect).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Effect)) && !t.IsAbstract).ToList();
        Assert.Contains(typeof(QueryOrder), kinds);
        Assert.Contains("effect.Switch(", host);
        var arms = typeof(Effect).GetMethod(nameof(Effect.Switch))!.GetParameters();
        Assert.Equal(kinds.Count, arms.Length);
        foreach (var kind in kinds)
        {
            var arm = Assert.Single(arms, p => p.ParameterType == typeof(Action<>).MakeGenericType(kind));
            Assert.Contains($"{arm.Name}: ", host);
        }
        Assert.DoesNotContain("switch (effect)", host);
        Assert.Contains("StateDocument.Save(state)", program);
        Assert.Contains("StateDocument.Restore(", host);
        // The sample's version follows the project's, so it restores the package just packed.
        var version = Regex.Match(File.ReadAllText(Path.Combine(PackedCoreFixture.Repo, "Pink.Core", "Pink.Core.csproj")), "<Version>([^<]+)</Version>").Groups[1].Value;
        Assert.Contains($"<PackageReference Include=\"Pink.Core\" Version=\"{version}\" />", File.ReadAllText(Path.Combine(Sample, "Embedding.csproj")));
        Assert.EndsWith($"Pink.Core.{version}.nupkg", packed.Package);
    }

    [Fact]
    public void Sample_project_restores_the_packed_package_and_prints_the_ledger()
    {
        // Its own packages folder: the global one may hold an older Pink.Core of the same version, which would be used.
        var env = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(packed.Root, "packages") };
        var (code, output) = Dotnet(PackedCoreFixture.Repo, TimeSpan.FromMinutes(4), env,
            "run", "--project", Sample, "-c", "Release", "--artifacts-path", Path.Combine(packed.Root, "artifacts"),
            // dotnet run has no --source: the restore's sources as a property (%3B: MSBuild would split on ';').
            $"-p:RestoreSources={packed.Feed}%3Bhttps://api.nuget.org/v3/index.json");
        Assert.True(code == 0, $"dotnet run samples/embedding exited {code}:\n{output}");
        var lines = output.ReplaceLineEndings("\n").Split('\n');
        string[] expected =
        [
            "diagnostic Info DUPLICATE_IGNORED: fill FET-USDT BUY 40@0.20 (venue 501, client 'c-1', id 'fill:501:40') already applied",
            "restarted from the state document: event_seq 6, slot 0 Open",
            "capital 1002.9605 (EAnchored), wallet 1002.9605, equity 1002.9605",
            "trade T1 Long FET-USDT qty 100 entry 0.206 exit 0.23 realized 2.4 fees 0.0218 closed True",
            "trade T2 Short ENA-USDT qty 30 entry 0.6 exit 0.58 realized 0.6 fees 0.0177 closed True",
            "realized 3",
            "fees 0.0395",
            "sizer T2: 0.5823 (revision 0)",
            "sizer T1: 2.3782 (revision 0)",
            "rows 32, orders placed 4, cancelled 1, queried 1",
        ];
        foreach (var line in expected) Assert.Contains(line, lines);
        Assert.DoesNotContain("LEDGER_DIVERGENCE", output);
        Assert.DoesNotContain(" Error ", output);
    }

    /// <summary>
    /// What the package's public API refuses, proved by compiling against the package as an embedder does (no
    /// InternalsVisibleTo): every file but Fine.cs must fail to build, each with the compiler error it names.
    /// </summary>
    [Fact]
    public void An_embedder_cannot_build_state_invent_kinds_skip_an_arm_or_pass_events_by_position()
    {
        var version = Regex.Match(File.ReadAllText(Path.Combine(PackedCoreFixture.Repo, "Pink.Core", "Pink.Core.csproj")), "<Version>([^<]+)</Version>").Groups[1].Value;
        var files = new Dictionary<string, (string Code, string Error)>
        {
            // What an embedder does: it compiles.
            ["Fine"] = ("""
                public static class Fine
                {
                    public static int Host(string document)
                    {
                        var state = StateDocument.Restore(document).Match(Right: s => s, Left: e => Kernel.Initial(new KernelConfig(SlotCount: 1)));
                        var (next, effects) = Kernel.Apply(state, new Fill { VenueOrderId = 501, ClientOrderId = null, Symbol = "FET-USDT",
                            Side = OrderSide.Buy, Qty = 1, Price = 0.2m, TimeMs = 1, Settlement = new ExchangeSettlement { RealizedPnl = null, Fee = 0 } });
                        return effects.Sum(e => e.Match(place: _ => 1, cancel: _ => 2, query: _ => 3, persist: _ => 4, publish: _ => 5,
                            feedback: _ => 6, diagnostic: _ => 7, forgotten: _ => 8)) + (int)next.EventSeq + Queries.Trades(next).Count();
                    }
                }
                """, ""),
            // A new kind of effect, event or row (even through the records' protected copy constructors).
            ["NewEffect"] = ("public sealed record MyEffect : Effect { public MyEffect(Effect e) : base(e) { } }", "CS0534"),
            ["NewEvent"] = ("public sealed record MyEvent : KernelEvent { public MyEvent(KernelEvent e) : base(e) { } }", "CS0534"),
            ["NewRow"] = ("""
                public sealed record MyRow : Row
                {
                    public MyRow(Row r) : base(r) { }
                    public override string Table => "t";
                    public override string Key => "k";
                }
                """, "CS0534"),
            // An effect kind left out.
            ["MissingArm"] = ("""
                public static class MissingArm
                {
                    public static int M(Effect e) => e.Match(place: _ => 1, cancel: _ => 2, query: _ => 3, persist: _ => 4, publish: _ => 5, feedback: _ => 6);
                }
                """, "CS7036"),
            // State built or changed by the host (its init accessors are internal: read-only from outside, no `with`).
            ["WithState"] = ("public static class WithState { public static KernelState M(KernelState s) => s with { EventSeq = 5 }; }", "CS0200"),
            ["WithTrade"] = ("public static class WithTrade { public static Trade M(Trade t) => t with { RealizedPnl = 1 }; }", "CS0200"),
            ["NewSlot"] = ("public static class NewSlot { public static Slot M() => new Slot(0, SlotPhase.Idle, null, null, null, false, 0, null); }", "CS1729"),
            ["Dedup"] = ("public static class Dedup { public static object M(KernelState s) => s.Dedup; }", "CS1061"),
            // An event by position, or with a member forgotten.
            ["Positional"] = ("public static class Positional { public static Fill M() => new Fill(501, \"c-1\", \"FET-USDT\", OrderSide.Buy, 40, 0.2m, 3); }", "CS1729"),
            ["Forgotten"] = ("""
                public static class Forgotten
                {
                    public static Fill M() => new Fill { VenueOrderId = 501, ClientOrderId = "c-1", Symbol = "FET-USDT", Side = OrderSide.Buy, Qty = 40, TimeMs = 3 };
                }
                """, "CS9035"),
        };
        // Two projects: the compiler reports no error inside a method body of a project whose declarations already fail.
        var kinds = new[] { "NewEffect", "NewEvent", "NewRow" };
        foreach (var group in files.GroupBy(f => kinds.Contains(f.Key)))
        {
            var project = Path.Combine(packed.Root, group.Key ? "misuse-kinds" : "misuse-bodies");
            Directory.CreateDirectory(project);
            File.WriteAllText(Path.Combine(project, "Misuse.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings><OutputType>Library</OutputType></PropertyGroup>
                  <ItemGroup><PackageReference Include="Pink.Core" Version="{version}" /></ItemGroup>
                </Project>
                """);
            foreach (var (name, (code, _)) in group)
                File.WriteAllText(Path.Combine(project, name + ".cs"), "using Pink.Core;\n\n" + code + "\n");
            var env = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(packed.Root, "packages") };
            var (exit, output) = Dotnet(project, TimeSpan.FromMinutes(4), env, "build", project, "-nologo",
                $"-p:RestoreSources={packed.Feed}%3Bhttps://api.nuget.org/v3/index.json");
            Assert.True(exit != 0, output);
            foreach (var (name, (_, error)) in group)
            {
                var errors = Regex.Matches(output, $@"{name}\.cs\(\d+,\d+\): error (CS\d+)").Select(m => m.Groups[1].Value).Distinct().ToList();
                if (error.Length == 0) Assert.True(errors.Count == 0, $"{name}.cs: {string.Join(", ", errors)}\n{output}");
                else Assert.True(errors.Contains(error), $"{name}.cs: expected {error}, got [{string.Join(", ", errors)}]\n{output}");
            }
        }
    }

    private static string Region(string text, string name)
    {
        var begin = $"// --- PACKAGE.md: {name} (begin)\n";
        var start = text.IndexOf(begin, StringComparison.Ordinal) + begin.Length;
        var end = text.IndexOf($"// --- PACKAGE.md: {name} (end)", StringComparison.Ordinal);
        Assert.True(start >= begin.Length && end > start, $"region {name} not found in Program.cs");
        return text[start..end].TrimEnd('\n');
    }

    internal static (int Code, string Output) Dotnet(string directory, TimeSpan timeout, IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        // The test host's MSBuild settings belong to its own build, not to the child's.
        foreach (var key in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" })
            info.Environment.Remove(key);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        if (env is not null) foreach (var (k, v) in env) info.Environment[k] = v;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', args)} did not finish in {timeout}");
        }
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
