using Pink.Core;
using Pink.Tests.Kernel;

namespace Pink.Tests.Regressions;

/// <summary>
/// Found by the property "exactly one row per logical event per table" (Pink.Properties): two different intents for a
/// slot that does not exist (different client order ids) wrote anomaly rows with the same identity, because the
/// detail did not name the intent; a sink recognising retried inserts by identity would drop the second.
/// </summary>
public class DistinctIntentAnomalyRowsTests
{
    [Fact]
    public void Rule17_two_open_intents_for_a_missing_slot_write_rows_with_different_identities()
    {
        var d = new Driver();
        d.Apply(new OpenIntent(-2, "BTC-USDT", PositionSide.Long, 0.001m, 1, "ghost0", null, d.Tick()));
        d.Apply(new OpenIntent(-2, "BTC-USDT", PositionSide.Long, 0.001m, 1, "ghost1", null, d.Tick()));
        var rows = d.Rows<AnomalyEventRow>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.NotEqual((rows[0].AccountEventSeq, rows[0].Key), (rows[1].AccountEventSeq, rows[1].Key));
    }

    [Fact]
    public void Rule17_two_close_intents_for_a_missing_slot_write_rows_with_different_identities()
    {
        var d = new Driver();
        d.Apply(new CloseIntent(9, "c0", d.Tick())).Apply(new CloseIntent(9, "c1", d.Tick()));
        var rows = d.Rows<AnomalyEventRow>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.NotEqual((rows[0].AccountEventSeq, rows[0].Key), (rows[1].AccountEventSeq, rows[1].Key));
    }
}
