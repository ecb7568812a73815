using System.Globalization;
using System.Text;
using Pink.Core;
using Pink.Shell.ClickHouse;
using Pink.Shell.Recording;
using Pink.Shell.Replay;

namespace Pink.Tests.Kernel;

/// <summary>
/// Every text Pink.Core builds (anomaly details, row keys, generated ids) becomes part of a row's identity, so it must
/// not depend on the embedder's culture. The kernel runs the same session under the invariant culture and under de-DE
/// (decimal comma) and the rows must be byte for byte the same. CA1305 (an error in Pink.Core) refuses culture-bound
/// formatting calls; Pink.Core's interpolated texts go through string.Create(CultureInfo.InvariantCulture, …), which the
/// last test checks in the sources.
/// </summary>
public class CultureTests
{
    [Fact]
    public void Rows_are_byte_for_byte_the_same_under_de_DE_as_under_the_invariant_culture()
    {
        var invariant = Under(CultureInfo.InvariantCulture, Session);
        var german = Under(CultureInfo.GetCultureInfo("de-DE"), Session);
        Assert.Equal(invariant.Count, german.Count);
        Assert.Equal(invariant, german);
        // The session's texts hold fractional figures: under de-DE they would have been written with a comma.
        Assert.Contains(invariant, r => r.Contains("12.5@0.1875", StringComparison.Ordinal));
        Assert.Contains(invariant, r => r.Contains("diff 0.5", StringComparison.Ordinal));
        Assert.Equal("12,5", Under(CultureInfo.GetCultureInfo("de-DE"), () => [$"{12.5m}"])[0]); // the culture is real here
    }

    [Fact]
    public void Pink_Core_formats_every_interpolated_text_with_the_invariant_culture()
    {
        var root = Path.Combine(Replay.ReplayTests.RepoRoot(), "Pink.Core");
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) continue;
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                var at = line.IndexOf("$\"", StringComparison.Ordinal);
                if (at < 0 || line.TrimStart().StartsWith("//", StringComparison.Ordinal)) continue;
                // A nested interpolation sits inside an invariant one on the same line (Pink.Core nests only whole numbers).
                if (!line[..at].EndsWith("string.Create(CultureInfo.InvariantCulture, ", StringComparison.Ordinal) && !line[..at].Contains("string.Create(CultureInfo.InvariantCulture, $\"", StringComparison.Ordinal))
                    offenders.Add($"{Path.GetRelativePath(root, file)}:{i + 1}: {line.Trim()}");
            }
        }
        Assert.Empty(offenders);
    }

    // The FET incident sample (a whole trade) and a few anomalies whose texts carry fractional figures.
    private static List<string> Session()
    {
        var session = new Session(Pink.Core.Kernel.Initial(new KernelConfig(SeedCapital: 10_000)));
        foreach (var record in RecordingReader.Read(new StringReader(File.ReadAllText(Replay.ReplayTests.Sample)))) session.Feed(record);
        var t = 1_900_000_000_000L;
        session.Apply(new Fill(999_999, null, "ETH-USDT", OrderSide.Buy, 12.5m, 0.1875m, t++, "stray-1"));
        session.Apply(new BalanceReport("poll-x", session.State.Account.Capital + 0.5m, null, BalanceReason.Poll, t++));
        session.Apply(new BalanceReport("poll-y", session.State.Account.Capital + 0.5m, null, BalanceReason.Poll, t++));
        session.Apply(new MarkPrice("FET-USDT", -1.5m, t++));
        return session.Effects.OfType<PersistRow>().Select(p => Json(p.Row)).ToList();
    }

    private static string Json(Row row)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer)) RowJson.Write(writer, row);
        return $"{row.Table} {row.Key} {Encoding.UTF8.GetString(buffer.WrittenSpan)}";
    }

    private static List<string> Under(CultureInfo culture, Func<List<string>> run)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        try { return run(); }
        finally { (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi); }
    }
}
