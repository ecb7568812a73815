using System.Globalization;
using Pink.Core;

namespace Pink.Shell.Runner;

/// <summary>One line an operator reads at a glance: capital and its source, open slots, rows pending, event_seq.</summary>
public static class StatusLine
{
    public static string Of(AccountSnapshot s, long rowsPending, long records)
    {
        var open = s.Slots.Count(v => v.OpenQty > KernelConfig.QtyEpsilon);
        var c = CultureInfo.InvariantCulture;
        return string.Create(c, $"seq {s.EventSeq} | capital {s.Capital:0.00######} ({Names.Of(s.CapitalSource)}) | wallet {s.EWalletBalance:0.00######} | equity {s.Equity:0.00######} | open slots {open}/{s.Slots.Count} | rows pending {rowsPending} | inputs {records}{(s.EntriesBlocked ? " | ENTRIES BLOCKED" : "")}");
    }
}
