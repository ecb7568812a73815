using Pink.Core;
using Pink.Shell.Metrics;
using Pink.Shell.Runner;
using Pink.Tests.Venue;
using Spectre.Console;

namespace Pink.Tests.Metrics;

/// <summary>The status table renders the status's figures; redirected output keeps the plain status line exactly.</summary>
public class StatusTableTests
{
    private static readonly RunStatus Status = new(EventSeq: 412, Capital: 50_012.3456m, CapitalSource: "k_bridged", Wallet: 50_010.5m,
        Equity: 50_020.75m, OpenSlots: 2, Slots: 4, RowsPending: 17, SpoolBytes: 40_960, LastAnchorAgeSeconds: 12.34, Inputs: 1_234, EntriesBlocked: true);

    private static string Render(Table table, int width)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = width;
        console.Write(table);
        return writer.ToString();
    }

    /// <summary>figure → value, read back from the rendered table's rows.</summary>
    private static Dictionary<string, string> Cells(string rendered) =>
        rendered.Split('\n')
            .Select(line => line.Split('│', StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length == 4 && cells[1] is not ("" or "figure"))
            .ToDictionary(cells => cells[1], cells => cells[2]);

    [Fact]
    public void The_table_shows_every_figure_of_the_status_in_the_status_lines_formats()
    {
        var rendered = Render(StatusTable.Of(Status), width: 80);
        var cells = Cells(rendered);
        Assert.Equal(new Dictionary<string, string>
        {
            ["capital"] = "50012.3456 (k_bridged)",
            ["wallet"] = "50010.50",
            ["|capital − wallet|"] = "1.8456",
            ["equity"] = "50020.75",
            ["open slots"] = "2/4",
            ["rows pending"] = "17",
            ["spool bytes"] = "40960",
            ["last anchor"] = "12.3 s ago",
            ["inputs"] = "1234",
            ["entries"] = "BLOCKED",
        }, cells);
        Assert.Contains("pink — event_seq 412", rendered, StringComparison.Ordinal);
        Assert.All(rendered.Split('\n'), line => Assert.True(line.Length <= 80, line));
    }

    [Fact]
    public void Before_any_anchor_the_table_says_so_and_an_unblocked_account_has_no_entries_row()
    {
        var cells = Cells(Render(StatusTable.Of(Status with { LastAnchorAgeSeconds = null, EntriesBlocked = false }), width: 60));
        Assert.Equal("none yet", cells["last anchor"]);
        Assert.False(cells.ContainsKey("entries"));
    }

    [Fact]
    public void Without_a_terminal_the_status_goes_to_the_log_as_the_plain_line_byte_for_byte()
    {
        var snapshot = Queries.Snapshot(Pink.Core.Kernel.Initial(new KernelConfig(SlotCount: 4, SeedCapital: 10_000)));
        var status = RunStatus.Of(snapshot, rowsPending: 3, spoolBytes: 0, lastAnchorAgeSeconds: null, inputs: 9);
        var log = new CapturingLogger();
        var display = new StatusDisplay(log, terminal: null);
        Assert.False(display.Table);
        display.Show(snapshot, status);
        var line = Assert.Single(log.Lines);
        Assert.Equal($"Information: {StatusLine.Of(snapshot, 3, 9)} ", line);
        Assert.Equal("Information: seq 0 | capital 10000.00 (seed) | wallet 0.00 | equity 10000.00 | open slots 0/4 | rows pending 3 | inputs 9 ", line);
    }
}
