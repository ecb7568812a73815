using System.Globalization;
using Spectre.Console;

namespace Pink.Shell.Metrics;

/// <summary>
/// The status as a Spectre table for a terminal: one row per figure, the same figures and number formats as the plain
/// status line, plus what the line has no room for (the capital − wallet gap, the spool, the anchor's age). Pure: the
/// same status renders the same table, so it is tested by rendering into a string.
/// </summary>
public static class StatusTable
{
    private const string Money = "0.00######";

    public static Table Of(RunStatus s)
    {
        var c = CultureInfo.InvariantCulture;
        var table = new Table { Border = TableBorder.Rounded, Title = new TableTitle($"pink — event_seq {s.EventSeq.ToString(c)}") };
        table.AddColumn(new TableColumn("figure"));
        table.AddColumn(new TableColumn("value").RightAligned());
        void Row(string name, string value, Style? style = null) => table.AddRow(new Text(name), new Text(value, style ?? Style.Plain));

        Row("capital", $"{s.Capital.ToString(Money, c)} ({s.CapitalSource})");
        Row("wallet", s.Wallet.ToString(Money, c));
        // A gap is normal while a fill's wallet report is on its way; it is shown, not judged (the kernel judges divergence).
        Row("|capital − wallet|", s.CapitalWalletGap.ToString(Money, c), s.CapitalWalletGap > 0 ? new Style(Color.Yellow) : (Style?)null);
        Row("equity", s.Equity.ToString(Money, c));
        Row("open slots", $"{s.OpenSlots.ToString(c)}/{s.Slots.ToString(c)}");
        Row("rows pending", s.RowsPending.ToString(c), s.RowsPending > 0 ? new Style(Color.Yellow) : (Style?)null);
        Row("spool bytes", s.SpoolBytes.ToString(c));
        Row("last anchor", s.LastAnchorAgeSeconds is double age ? $"{age.ToString("0.0", c)} s ago" : "none yet");
        Row("inputs", s.Inputs.ToString(c));
        if (s.EntriesBlocked) Row("entries", "BLOCKED", new Style(Color.Red, decoration: Decoration.Bold));
        return table;
    }
}
