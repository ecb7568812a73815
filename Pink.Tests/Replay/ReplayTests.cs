using Pink.Core;
using Pink.Shell;
using Pink.Shell.Recording;
using Pink.Shell.Replay;

namespace Pink.Tests.Replay;

/// <summary>`replay` on the FET sample, and restart equivalence.</summary>
public class ReplayTests
{
    internal static string Sample => Path.Combine(RepoRoot(), "samples", "fet-incident.jsonl");

    internal static string RepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Pink.sln"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("Pink.sln not found above the test binaries");
    }

    private static Summary Replay(IEnumerable<string> lines)
    {
        var session = new Session(Pink.Core.Kernel.Initial());
        var n = 0;
        foreach (var line in lines)
        {
            n++;
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith("//")) continue;
            session.Feed(RecordingReader.Parse(line, n));
        }
        return Summary.Of(session.State, session.Effects);
    }

    [Fact]
    public void Replay_of_the_FET_sample_equals_the_seeds_numbers()
    {
        var s = Replay(File.ReadAllLines(Sample));
        var t = Assert.Single(s.Trades);
        Assert.Equal(("T1", "SHORT", 202_276m, true, "exchange"), (t.TradeId, t.Side, t.Qty, t.Closed, t.PnlSource));
        Assert.Equal(242.7312m, t.RealizedPnl);   // exact: decimals all the way from the venue's strings
        Assert.Equal(0.1878m, t.EntryPrice);
        Assert.Equal(0.1866m, t.ExitPrice);
        Assert.Empty(t.Flags);
        Assert.Equal(t.RealizedPnl - t.Fees, Assert.Single(s.SizerFeedback).Pnl);
        Assert.Equal("e_anchored", s.Account.CapitalSource);
        Assert.Equal(10_204.8651328m, s.Account.Capital); // the final balance poll: the exchange wallet
        Assert.Equal(s.Account.EWalletBalance, s.Account.Capital);
        Assert.Empty(s.Anomalies); // no divergence, no mismatch, no unresolved frame
        Assert.Equal(2, s.Rows[Tables.TradeExitLegs]);
        Assert.Equal(2, s.Rows[Tables.TradeEvents]);
    }

    [Fact]
    public void Replay_with_a_restart_record_inserted_anywhere_yields_the_identical_summary_rows_included()
    {
        var lines = File.ReadAllLines(Sample);
        var expected = SummaryFormat.Json(Replay(lines));
        for (var at = 0; at <= lines.Length; at++)
        {
            var withRestart = lines.Take(at).Append("""{"k":"restart"}""").Concat(lines.Skip(at));
            Assert.Equal(expected, SummaryFormat.Json(Replay(withRestart)));
        }
        var everywhere = lines.SelectMany(l => new[] { l, """{"k":"restart"}""" });
        Assert.Equal(expected, SummaryFormat.Json(Replay(everywhere)));
    }

    [Fact]
    public void Replay_cli_prints_exactly_the_summary_object_on_stdout_and_logs_on_stderr()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(0, Cli.Run(["replay", Sample, "--json"], stdout, stderr));
        using var doc = System.Text.Json.JsonDocument.Parse(stdout.ToString());
        var root = doc.RootElement;
        foreach (var key in new[] { "account", "slots", "trades", "sizer_feedback", "rows", "anomalies" })
            Assert.True(root.TryGetProperty(key, out _), key);
        foreach (var key in new[] { "capital", "capital_source", "e_wallet_balance", "event_seq", "fees_paid" })
            Assert.True(root.GetProperty("account").TryGetProperty(key, out _), key);
        var trade = root.GetProperty("trades")[0];
        Assert.Equal(242.7312m, trade.GetProperty("realized_pnl").GetDecimal());
        Assert.Equal("exchange", trade.GetProperty("pnl_source").GetString());
        Assert.Contains("events/s", stderr.ToString());
    }

    [Fact]
    public void Replay_skips_unknown_record_kinds_with_a_diagnostic()
    {
        var s = Replay(["""{"k":"telepathy","x":1}""", "garbage", """{"k":"ws","text":"Ping"}"""]);
        Assert.Equal(2, s.Anomalies.Count(a => a.Kind == DiagnosticKinds.MalformedInput));
    }

    [Fact]
    public void Replay_cli_refuses_a_missing_file_clearly()
    {
        var stderr = new StringWriter();
        Assert.Equal(2, Cli.Run(["replay", "/nonexistent.jsonl"], new StringWriter(), stderr));
        Assert.Contains("no such file", stderr.ToString());
    }
}
