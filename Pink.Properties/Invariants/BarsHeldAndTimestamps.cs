using System.Text.RegularExpressions;
using Pink.Core;
using Pink.Properties.Scenarios;
using Pink.Properties.Support;
using Xunit.Abstractions;

namespace Pink.Properties.Invariants;

/// <summary>
/// Rule 17 (seed §4.2): in every row, even when the clock goes backwards or times are out of range, bars_held is
/// never negative (and fits its UInt16 column; 0 when a trade opens), and the timestamp is naive UTC at microsecond
/// resolution — no offset, no kind — written as <c>yyyy-MM-dd HH:mm:ss.ffffff</c>, the time of the event that wrote it.
/// </summary>
public partial class BarsHeldAndTimestamps(ITestOutputHelper output)
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$")]
    private static partial Regex NaiveMicros();

    [Fact]
    public void Bars_held_is_never_negative_and_row_timestamps_are_naive_utc_microseconds() =>
        Cases.Check(ScenarioGen.Arbitrary(), scenario =>
        {
            var trace = Replay.Run(Simulation.Run(scenario));
            foreach (var step in trace.Steps)
                foreach (var row in step.Rows)
                {
                    Require.That(row.Ts.Kind == DateTimeKind.Unspecified && row.Ts.Ticks % 10 == 0, () =>
                        $"{step.Where}: {row.Table} timestamp {row.Ts:O} is not naive microseconds (kind {row.Ts.Kind})");
                    var text = Timestamps.Text(row.Ts);
                    Require.That(NaiveMicros().IsMatch(text), () => $"{step.Where}: {row.Table} timestamp text '{text}'");
                    Require.That(row.Ts == Timestamps.FromEpochMs(step.Event.TimeMs), () =>
                        $"{step.Where}: {row.Table} timestamp {text} is not the event's time {step.Event.TimeMs}");
                    if (row is TradeEventRow t)
                        Require.That(t.BarsHeld >= 0 && t.BarsHeld <= ushort.MaxValue && (t.Event is not ("open" or "adopted") || t.BarsHeld == 0), () =>
                            $"{step.Where}: {t.Event} row of {t.TradeId} has bars_held {t.BarsHeld}");
                }
        }, output);
}
