using Pink.Core;

namespace Pink.Tests.Kernel;

/// <summary>
/// The golden state documents (Pink.Tests/Golden): state-v1.json was written by the last version 1 build (7fc3943,
/// doubles) from <see cref="Session"/> as it was then; state-v2.json by this build from the same session.
/// </summary>
internal static class GoldenDocuments
{
    public static string Path(string name) => System.IO.Path.Combine(Replay.ReplayTests.RepoRoot(), "Pink.Tests", "Golden", name);

    public static string Read(string name) => File.ReadAllText(Path(name));

    /// <summary>
    /// A state worth restarting from: a closed FET short settled by the exchange and anchored, an ETH long whose exit is
    /// partly filled (non-zero settlement baselines on an open trade), a BTC entry partly filled, marks, de-duplication ids.
    /// </summary>
    public static Driver Session()
    {
        const string Fet = "FET-USDT";
        var d = new Driver(new KernelConfig(SlotCount: 3, SeedCapital: 10_000));
        d.Open(0, Fet, PositionSide.Short, 202_276, "pk-0-1", 3, "T1").Ack("pk-0-1", 1001);
        d.Fill(1001, Fet, OrderSide.Sell, 195_259, 0.1878m, fee: 18.33m, id: "f-1").Fill(1001, Fet, OrderSide.Sell, 7_017, 0.1878m, fee: 0.66m, id: "f-2");
        d.Mark(Fet, 0.187m);
        d.Close(0, "pk-0-2").Ack("pk-0-2", 1002);
        d.Fill(1002, Fet, OrderSide.Buy, 26_007, 0.1866m, rp: 31.2084m, fee: 2.43m, id: "f-3")
            .Fill(1002, Fet, OrderSide.Buy, 176_269, 0.1866m, rp: 211.5228m, fee: 16.45m, id: "f-4");
        d.Balance(10_204.87m, "b-1");
        d.Open(2, "ETH-USDT", PositionSide.Long, 2, "pk-2-1", 2, "T3").Ack("pk-2-1", 3001).Fill(3001, "ETH-USDT", OrderSide.Buy, 2, 2_500, fee: 1.5m, id: "f-5");
        d.Close(2, "pk-2-2").Ack("pk-2-2", 3002).Fill(3002, "ETH-USDT", OrderSide.Sell, 0.5m, 2_510, rp: 5, fee: 0.4m, id: "f-6");
        d.Open(1, "BTC-USDT", PositionSide.Long, 0.5m, "pk-1-1", 3, "T2").Ack("pk-1-1", 2001).Fill(2001, "BTC-USDT", OrderSide.Buy, 0.2m, 60_000, fee: 3.6m, id: "f-7");
        return d.Mark("BTC-USDT", 61_000).Mark("ETH-USDT", 2_505.5m);
    }
}
