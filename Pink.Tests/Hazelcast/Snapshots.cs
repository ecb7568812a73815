using LanguageExt;
using Pink.Core;

namespace Pink.Tests.Hazelcast;

/// <summary>Small snapshots for publisher tests.</summary>
internal static class Snapshots
{
    public static AccountSnapshot At(long seq) =>
        new(seq, 1_700_000_000_000 + seq, 10_000 + seq, 10_050 + seq, CapitalSource.EAnchored, 10_000, 9_000, 1.25m, 50, false,
            new Arr<SlotView>([
                new SlotView(0, SlotPhase.Open, "T1", "FET-USDT", "SHORT", 202_276, 0.1878m, 0.1866m, 242.7312m, 0, 1.5m, 3, 0.5m, 0, TradeFlags.None),
                new SlotView(1, SlotPhase.Idle, null, "", "FLAT", 0, 0, 0, 0, 0, 0, 0, 0, 0, TradeFlags.None),
            ]));
}
