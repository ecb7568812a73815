namespace Pink.Shell.Simulator;

/// <summary>
/// Which income type carries the realized PnL of a fill the venue forced (a liquidation, an ADL). BingX lists
/// INSURANCE_CLEAR ("Liquidation") and ADL among its income types and its v2 doc's sample pairs a liquidation's
/// TRADING_FEE with an INSURANCE_CLEAR record of the same tradeId; other sources book it as REALIZED_PNL. A client
/// must read both.
/// </summary>
public enum ForcedCloseIncome
{
    /// <summary>REALIZED_PNL, like the fills of any other order.</summary>
    RealizedPnl,

    /// <summary>INSURANCE_CLEAR for a liquidation ("Strong liquidation"), ADL for an auto-deleverage.</summary>
    ByKind,
}
