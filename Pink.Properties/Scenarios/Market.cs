namespace Pink.Properties.Scenarios;

/// <summary>
/// The instruments a scenario trades, each with a price level and a lot size, so generated numbers stay small
/// integers (lots, ticks) that read well in a shrunk counter-example and map to realistic quantities and prices.
/// </summary>
public static class Market
{
    /// <summary>One instrument: both spellings name it (rule 19).</summary>
    public sealed record Instrument(string Dashed, string Plain, decimal BasePrice, decimal LotSize);

    /// <summary>The instruments our slots trade.</summary>
    public static readonly IReadOnlyList<Instrument> Traded =
    [
        new("FET-USDT", "FETUSDT", 0.1878m, 100),
        new("BTC-USDT", "BTCUSDT", 60_000, 0.001m),
        new("LINK-USDT", "LINKUSDT", 15.0m, 0.5m),
    ];

    /// <summary>An instrument only other runtimes on the shared account trade: its fills can never be ours.</summary>
    public static readonly Instrument Foreign = new("ETH-USDT", "ETHUSDT", 3_000, 0.01m);

    /// <summary>The instrument for a generated index.</summary>
    public static Instrument At(int index) => Traded[Math.Abs(index) % Traded.Count];

    /// <summary>A price <paramref name="tick"/> half-percent steps away from the instrument's level.</summary>
    public static decimal Price(Instrument i, int tick) => i.BasePrice * (1 + tick / 200.0m);

    /// <summary>A quantity of <paramref name="lots"/> lots.</summary>
    public static decimal Qty(Instrument i, int lots) => lots * i.LotSize;
}
