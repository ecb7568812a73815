using System.Text.RegularExpressions;

namespace Pink.Tests.Kernel;

/// <summary>The design card: Pink.Core has no I/O, clock or randomness, and depends on LanguageExt.Core only.</summary>
public class PurityTests
{
    [Fact]
    public void Core_references_no_package_but_LanguageExt_Core()
    {
        var refs = typeof(Pink.Core.Kernel).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        var foreign = refs.Where(n => n != "LanguageExt.Core" && n != "netstandard" && !n.StartsWith("System")).ToList();
        Assert.Empty(foreign);
        Assert.Contains("LanguageExt.Core", refs);
    }

    [Fact]
    public void Core_source_uses_no_clock_randomness_or_io()
    {
        var root = Path.Combine(Replay.ReplayTests.RepoRoot(), "Pink.Core");
        var forbidden = new Regex(@"\b(DateTime\.(Now|UtcNow|Today)|DateTimeOffset\.(Now|UtcNow)|new Random|Random\.Shared|Guid\.NewGuid|Stopwatch|File\.|Directory\.|Console\.|HttpClient|Socket|Environment\.|Thread\.|Task\.)");
        var hits = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => !x.line.TrimStart().StartsWith("//") && !x.line.TrimStart().StartsWith("///") && forbidden.IsMatch(x.line))
            .Select(x => $"{Path.GetFileName(x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.Empty(hits);
        Assert.NotEmpty(Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories));
    }
}
