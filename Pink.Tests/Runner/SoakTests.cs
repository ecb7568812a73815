using Pink.Shell;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Pink.Shell.Soak;
using Xunit.Abstractions;

namespace Pink.Tests.Runner;

/// <summary>`pink soak --hours 2` in process: random trading against every venue behaviour, ledger checked against the venue.</summary>
public class SoakTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_simulated_hours_end_with_no_unexplained_error_idle_capital_equal_to_the_wallet_and_every_trade_within_tolerance()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"pink-soak-{Guid.NewGuid():N}");
        try
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var watch = Stopwatch.StartNew();
            var code = await Cli.RunAsync(["soak", "--hours", "2", "--state-dir", dir, "--quiet"], stdout, stderr);
            watch.Stop();
            var text = stdout.ToString();
            output.WriteLine(text);
            output.WriteLine(stderr.ToString());
            Assert.True(code == 0, $"soak failed ({code}):\n{text}\n{stderr}");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");

            Assert.Contains($"seed {SoakOptions.DefaultSeed}, 2 simulated hours in 120 steps of 1 min", text);
            Assert.Contains("unexplained reconcile errors: 0 ", text);
            Assert.Matches(new Regex(@"worst idle \|capital - wallet\|: 0(\.0*[0-9]{0,2})? over [1-9][0-9]* quiet moments"), text);
            var opened = Number(text, @"trades opened (\d+)");
            Assert.True(opened >= 3, text);
            Assert.Equal(opened, Number(text, @"trades opened \d+  closed (\d+)"));
            Assert.True(Number(text, @"fills (\d+)") >= 2 * opened, text); // an entry and an exit at least, in 1-3 parts
            Assert.True(Number(text, @"external closes (\d+)") >= 1, text);
            Assert.Matches(new Regex(@"trade checks: (\d+) closed trades, \d+ exact to the cent, 0 flagged"), text);
            Assert.Equal(opened, Number(text, @"trade checks: (\d+) closed trades"));
            Assert.EndsWith("PASS: no unexplained reconcile error, idle capital = wallet within a cent, every closed trade within tolerance" + Environment.NewLine, text);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    private static int Number(string text, string pattern) => int.Parse(Regex.Match(text, pattern).Groups[1].Value);
}
