using Pink.Core;
using Pink.Tests.Kernel;

namespace Pink.Tests.ClickHouse;

/// <summary>Rows made the only way rows are made: by running events through Kernel.Apply and keeping its PersistRow effects.</summary>
public static class KernelRows
{
    /// <summary>
    /// <paramref name="trades"/> simulated round trips on one slot: open intent, acknowledgement, two entry fills,
    /// close intent, acknowledgement, two exit fills with the exchange's settlement, then a balance report.
    /// </summary>
    public static List<Row> RoundTrips(int trades, string symbol = "FET-USDT")
    {
        var d = new Driver();
        d.Balance(10_000, "bal-0", BalanceReason.Poll);
        var wallet = 10_000.0m;
        for (var i = 0; i < trades; i++)
        {
            var venue = 10_000 + i * 2L;
            d.Open(0, symbol, PositionSide.Short, 2_000, $"pk-{i}-o", 3, $"T{i}").Ack($"pk-{i}-o", venue);
            d.Fill(venue, symbol, OrderSide.Sell, 1_500, 0.1878m, fee: 0.05m, id: $"f-{i}-1");
            d.Fill(venue, symbol, OrderSide.Sell, 500, 0.1880m, fee: 0.02m, id: $"f-{i}-2");
            d.Close(0, $"pk-{i}-c").Ack($"pk-{i}-c", venue + 1);
            d.Fill(venue + 1, symbol, OrderSide.Buy, 1_200, 0.1866m, rp: 1.5m, fee: 0.04m, id: $"f-{i}-3");
            d.Fill(venue + 1, symbol, OrderSide.Buy, 800, 0.1866m, rp: 1.0m, fee: 0.03m, id: $"f-{i}-4");
            wallet += 2.5m - 0.14m;
            d.Balance(wallet, $"bal-{i + 1}");
        }
        return d.Effects.OfType<PersistRow>().Select(p => p.Row).ToList();
    }
}
