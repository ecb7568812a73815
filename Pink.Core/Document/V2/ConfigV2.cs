using LanguageExt;

namespace Pink.Core;

/// <summary>The kernel configuration as the document carries it (a restored process folds with the same settings).</summary>
internal sealed record ConfigV2(int SlotCount, decimal SeedCapital, int LeverageCap, decimal DivergenceTolerance,
    decimal PnlMismatchTolerance, int BarSeconds, int DedupMemory, AccountMode AccountMode, Dictionary<string, InstrumentV2> Instruments,
    int ForgottenMemory)
{
    public static ConfigV2 From(KernelConfig c) =>
        new(c.SlotCount, c.SeedCapital, c.LeverageCap, c.DivergenceTolerance, c.PnlMismatchTolerance, c.BarSeconds, c.DedupMemory, c.AccountMode,
            c.Instruments.AsEnumerable().ToDictionary(p => p.Key, p => InstrumentV2.From(p.Value)), c.ForgottenMemory);

    public KernelConfig ToState() =>
        new(SlotCount, SeedCapital, LeverageCap, DivergenceTolerance, PnlMismatchTolerance, BarSeconds, DedupMemory, AccountMode,
            Map<LanguageExt.ClassInstances.OrdStringOrdinal, string, Instrument>.Empty.AddRange(Instruments.Select(p => (p.Key, p.Value.ToState()))), ForgottenMemory);
}

/// <summary>An instrument's order rules as the document carries them.</summary>
internal sealed record InstrumentV2(decimal QtyStep, decimal PriceStep, decimal MinQty)
{
    public static InstrumentV2 From(Instrument i) => new(i.QtyStep, i.PriceStep, i.MinQty);

    public Instrument ToState() => new(QtyStep, PriceStep, MinQty);
}
