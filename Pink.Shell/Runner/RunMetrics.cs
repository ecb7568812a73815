using System.Diagnostics.Metrics;
using Pink.Core;

namespace Pink.Shell.Runner;

/// <summary>Counters for operators (System.Diagnostics.Metrics, meter "Pink").</summary>
public static class RunMetrics
{
    public static readonly Meter Meter = new("Pink", "1.0");
    public static readonly Counter<long> RowsWritten = Meter.CreateCounter<long>("pink.rows_written");
    public static readonly Counter<long> FillsRoutedByState = Meter.CreateCounter<long>("pink.fills_routed_by_state");
    public static readonly Counter<long> Unresolved = Meter.CreateCounter<long>("pink.unresolved_events");
    public static readonly Counter<long> Duplicates = Meter.CreateCounter<long>("pink.duplicates_ignored");
    public static readonly Counter<long> AnchorsRejected = Meter.CreateCounter<long>("pink.anchors_rejected");
    public static readonly Counter<long> Diagnostics = Meter.CreateCounter<long>("pink.diagnostics");

    public static void Count(Diagnostic d)
    {
        Diagnostics.Add(1, new KeyValuePair<string, object?>("kind", d.Kind));
        switch (d.Kind)
        {
            case DiagnosticKinds.FillRoutedByState: FillsRoutedByState.Add(1); break;
            case DiagnosticKinds.UnresolvedSlot: Unresolved.Add(1); break;
            case DiagnosticKinds.DuplicateIgnored: Duplicates.Add(1); break;
            case DiagnosticKinds.AnchorRejected: AnchorsRejected.Add(1); break;
        }
    }
}
