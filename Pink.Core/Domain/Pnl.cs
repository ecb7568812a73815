namespace Pink.Core;

/// <summary>
/// The PnL formulas. Invariants (MISSION.md §4):
/// rule 1 — realized is leverage-free: sign × qty × (exit − basis), 0 when any input is non-finite or ≤ 0;
/// rule 2 — unrealized from a mark is leverage-free too, and 0 without a basis;
/// rule 3 — the entry basis is the VWAP of the priced entry fills (quantities are incremental).
/// No parameter here is a leverage: there is nothing to multiply by.
/// </summary>
public static class Pnl
{
    /// <summary>
    /// The largest magnitude of a quantity, price or amount the kernel takes (10¹²). Beyond it decimal arithmetic could
    /// overflow (a quantity times a price stays below 10²⁴, far inside decimal's 7.9 × 10²⁸); no real figure comes near.
    /// </summary>
    public const decimal Max = 1_000_000_000_000m;

    /// <summary>True for a usable price or quantity: &gt; 0 and at most <see cref="Max"/>.</summary>
    internal static bool Usable(decimal x) => x > 0 && x <= Max;

    /// <summary>True for a usable signed amount (a realized profit, a fee, a balance change): |x| ≤ <see cref="Max"/>.</summary>
    internal static bool InRange(decimal x) => x >= -Max && x <= Max;

    /// <summary>Realized PnL of one exit leg (rule 1).</summary>
    public static decimal Realized(PositionSide side, decimal qty, decimal exitPrice, decimal entryBasis) =>
        Usable(qty) && Usable(exitPrice) && Usable(entryBasis)
            ? Names.Sign(side) * qty * (exitPrice - entryBasis)
            : 0.0m;

    /// <summary>Unrealized PnL at a mark (rule 2); 0 without a basis or a usable mark.</summary>
    public static decimal Unrealized(PositionSide side, decimal openQty, decimal mark, decimal entryBasis) =>
        Realized(side, openQty, mark, entryBasis);

    /// <summary>The basis after one more priced entry fill (rule 3).</summary>
    internal static (decimal Basis, decimal PricedQty) Vwap(decimal basis, decimal pricedQty, decimal price, decimal qty)
    {
        if (!Usable(price) || !Usable(qty)) return (basis, pricedQty);
        var total = pricedQty + qty;
        return ((basis * pricedQty + price * qty) / total, total);
    }
}

/// <summary>
/// Conviction leverage ("our leverage") and its map to exchange leverage. Both are policy inputs the kernel
/// reports and must not alter: conviction = size × entry / capital; exchange = round-half-even of the linear map
/// [0.5, 9.0] → [1, cap].
/// </summary>
public static class Leverage
{
    /// <summary>Lower end of the conviction range.</summary>
    public const decimal ConvictionMin = 0.5m;
    /// <summary>Upper end of the conviction range.</summary>
    public const decimal ConvictionMax = 9.0m;

    /// <summary>size × entry_price / capital; 0 when any input is unusable.</summary>
    public static decimal Conviction(decimal size, decimal entryPrice, decimal capital)
    {
        if (!Pnl.Usable(size) || !Pnl.Usable(entryPrice) || !Pnl.Usable(capital)) return 0.0m;
        // Saturated at the kernel's bound: a notional of 10^24 over a capital of a fraction of a cent would overflow decimal.
        var notional = size * entryPrice;
        return notional / Pnl.Max > capital ? Pnl.Max : notional / capital;
    }

    /// <summary>The exchange leverage for a conviction, or null when conviction or cap are unusable.</summary>
    public static int? ToExchange(decimal conviction, int cap)
    {
        if (cap < 1) return null;
        var c = Math.Clamp(conviction, ConvictionMin, ConvictionMax);
        var x = 1.0m + (c - ConvictionMin) * (cap - 1) / (ConvictionMax - ConvictionMin);
        return (int)Math.Clamp(Math.Round(x, MidpointRounding.ToEven), 1, cap);
    }
}
