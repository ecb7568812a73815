using Pink.Core;

namespace Pink.Tests.Kernel;

/// <summary>The versioned state document.</summary>
public class DocumentTests
{
    [Fact]
    public void Document_restore_of_save_equals_the_state_and_the_bytes_are_stable()
    {
        var d = GoldenReplayTests.FetShort(3, 0.0m);
        d.Apply(new FillSettled("s1", 1002, 164, 78, d.Tick())).Mark("BTC-USDT", 1).Balance(10_100, "b1");
        d.Open(1, "BTC-USDT", PositionSide.Long, 0.5m, "e2").Ack("e2", 55).Fill(55, "BTC-USDT", OrderSide.Buy, 0.2m, 60_000).Mark("BTCUSDT", 61_000);
        var doc = StateDocument.Save(d.State);
        var back = StateDocument.Restore(doc).IfLeft(e => throw new Exception(e));
        Assert.Equal(d.State, back);
        Assert.Equal(doc, StateDocument.Save(back));
        Assert.StartsWith("{\"version\":3,", doc);
    }

    [Theory]
    [InlineData("{\"version\":4,\"state\":{}}", "version 4 is not supported")]
    [InlineData("{\"state\":{}}", "version is missing")]
    [InlineData("not json", "unreadable")]
    [InlineData("", "empty")]
    public void Document_of_an_unknown_version_or_shape_is_refused_with_a_clear_error(string doc, string expected)
    {
        var error = StateDocument.Restore(doc).Match(_ => "restored", e => e);
        Assert.Contains(expected, error);
    }
}
