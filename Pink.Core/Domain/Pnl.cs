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
    /// <summary>True for a usable price or quantity: finite and &gt; 0.</summary>
    public static bool Usable(double x) => double.IsFinite(x) && x > 0;

    /// <summary>Realized PnL of one exit leg (rule 1).</summary>
    public static double Realized(PositionSide side, double qty, double exitPrice, double entryBasis) =>
        Usable(qty) && Usable(exitPrice) && Usable(entryBasis)
            ? Names.Sign(side) * qty * (exitPrice - entryBasis)
            : 0.0;

    /// <summary>Unrealized PnL at a mark (rule 2); 0 without a basis or a usable mark.</summary>
    public static double Unrealized(PositionSide side, double openQty, double mark, double entryBasis) =>
        Realized(side, openQty, mark, entryBasis);

    /// <summary>The basis after one more priced entry fill (rule 3).</summary>
    public static (double Basis, double PricedQty) Vwap(double basis, double pricedQty, double price, double qty)
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
    public const double ConvictionMin = 0.5;
    /// <summary>Upper end of the conviction range.</summary>
    public const double ConvictionMax = 9.0;

    /// <summary>size × entry_price / capital; 0 when any input is unusable.</summary>
    public static double Conviction(double size, double entryPrice, double capital) =>
        Pnl.Usable(size) && Pnl.Usable(entryPrice) && Pnl.Usable(capital) ? size * entryPrice / capital : 0.0;

    /// <summary>The exchange leverage for a conviction, or null when conviction or cap are unusable.</summary>
    public static int? ToExchange(double conviction, int cap)
    {
        if (!double.IsFinite(conviction) || cap < 1) return null;
        var c = Math.Clamp(conviction, ConvictionMin, ConvictionMax);
        var x = 1.0 + (c - ConvictionMin) * (cap - 1) / (ConvictionMax - ConvictionMin);
        return (int)Math.Clamp(Math.Round(x, MidpointRounding.ToEven), 1, cap);
    }
}
