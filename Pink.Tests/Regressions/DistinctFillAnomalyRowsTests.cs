using Pink.Core;
using Pink.Tests.Kernel;

namespace Pink.Tests.Regressions;

/// <summary>
/// Found by the property "exactly one row per logical event per table" (Pink.Properties): two partial fills of another
/// runtime's order with the same size and price — two exchange events with different ids — wrote anomaly rows with
/// the same identity (event_seq, kind, slot, trade, detail), because the detail did not name the exchange id. A sink
/// that recognises retried inserts by identity would drop the second row: a logical event silently lost.
/// </summary>
public class DistinctFillAnomalyRowsTests
{
    [Fact]
    public void Rule17_two_different_unresolved_fills_with_the_same_content_write_rows_with_different_identities()
    {
        var d = new Driver();
        d.Apply(new Fill(900_000, null, "LINK-USDT", OrderSide.Sell, 0.5m, 15, d.Now, "ff0"));
        d.Apply(new Fill(900_000, null, "LINK-USDT", OrderSide.Sell, 0.5m, 15, d.Now, "ff1"));
        var rows = d.Rows<AnomalyEventRow>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.NotEqual((rows[0].AccountEventSeq, rows[0].Key), (rows[1].AccountEventSeq, rows[1].Key));
    }
}
