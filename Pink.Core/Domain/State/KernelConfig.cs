using LanguageExt;
using LanguageExt.ClassInstances;

namespace Pink.Core;

/// <summary>Settings the kernel folds with. Part of the state document, so a restored process keeps them.</summary>
/// <param name="SlotCount">Number of slots (0..N-1).</param>
/// <param name="SeedCapital">Capital before the first anchor (capital_source = seed).</param>
/// <param name="LeverageCap">Exchange leverage cap (1–3x).</param>
/// <param name="DivergenceTolerance">K vs anchor tolerance, in quote currency (rule 11).</param>
/// <param name="PnlMismatchTolerance">Kernel estimate vs exchange `rp` tolerance, in quote currency (rule 13).</param>
/// <param name="BarSeconds">Bar length used for bars_held.</param>
/// <param name="DedupMemory">How many exchange event ids are remembered for de-duplication.</param>
/// <param name="AccountMode">Dedicated (default): Pink alone trades the account. Shared: other runtimes do too.</param>
/// <param name="Instruments">What the venue states about each instrument (by <see cref="Symbols.Key"/>): its quantity
/// and price steps and minimum quantity (<see cref="InstrumentSpec"/>). An instrument not listed is not checked.</param>
/// <param name="ForgottenMemory">How many ids of forgotten trades (trade, client and venue order ids; a trade has about
/// five) are remembered, so that a late repeat of their reports is recognised (FORGOTTEN_TRADE) and never booked.</param>
public sealed record KernelConfig(
    int SlotCount = 4,
    decimal SeedCapital = 0.0m,
    int LeverageCap = 3,
    decimal DivergenceTolerance = 0.05m,
    decimal PnlMismatchTolerance = 0.05m,
    int BarSeconds = 60,
    int DedupMemory = 10_000,
    AccountMode AccountMode = AccountMode.Dedicated,
    Map<OrdStringOrdinal, string, Instrument> Instruments = default,
    int ForgottenMemory = 20_000)
{
    /// <summary>
    /// Quantities are exact decimals: equal means equal. Kept as a named zero so every "is anything held" test reads as
    /// such (and no tolerance can creep back in).
    /// </summary>
    public const decimal QtyEpsilon = 0m;
}

/// <summary>An instrument's order rules, as the venue states them (BingX: GET /openApi/swap/v2/quote/contracts).</summary>
/// <param name="QtyStep">Every order quantity is a whole multiple of this (10^-quantityPrecision).</param>
/// <param name="PriceStep">Prices move in this step (10^-pricePrecision).</param>
/// <param name="MinQty">The smallest order quantity the venue takes (tradeMinQuantity; 0 when not stated).</param>
public sealed record Instrument(decimal QtyStep, decimal PriceStep, decimal MinQty);
