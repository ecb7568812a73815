namespace Pink.Core;

/// <summary>The kernel configuration as the document carries it (a restored process folds with the same settings).</summary>
internal sealed record ConfigV2(int SlotCount, decimal SeedCapital, int LeverageCap, decimal DivergenceTolerance,
    decimal PnlMismatchTolerance, int BarSeconds, int DedupMemory, AccountMode AccountMode)
{
    public static ConfigV2 From(KernelConfig c) =>
        new(c.SlotCount, c.SeedCapital, c.LeverageCap, c.DivergenceTolerance, c.PnlMismatchTolerance, c.BarSeconds, c.DedupMemory, c.AccountMode);

    public KernelConfig ToState() =>
        new(SlotCount, SeedCapital, LeverageCap, DivergenceTolerance, PnlMismatchTolerance, BarSeconds, DedupMemory, AccountMode);
}
