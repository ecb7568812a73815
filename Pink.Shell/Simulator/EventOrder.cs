namespace Pink.Shell.Simulator;

/// <summary>
/// How the user stream merges the two frames of a fill: its ORDER_TRADE_UPDATE and its ACCOUNT_UPDATE. Binance-family
/// venues (BingX's stream is modelled on them) commonly push the account update first, sometimes the order update;
/// a ledger has to reach the same result either way (bingx-api-facts.md §6).
/// </summary>
public enum EventOrder
{
    /// <summary>Each fill's ACCOUNT_UPDATE, then its ORDER_TRADE_UPDATE (the order seen most on Binance-family streams).</summary>
    AccountFirst,

    /// <summary>Each fill's ORDER_TRADE_UPDATE, then its ACCOUNT_UPDATE.</summary>
    OrderFirst,

    /// <summary>
    /// A seeded random interleaving of the two channels: each stays in its own order, but a frame of one can be
    /// overtaken by up to three later frames of the other (OTU1 OTU2 AU1 AU2, AU1 AU2 OTU1 OTU2, AU1 OTU1 …).
    /// The same seed and the same calls give the same stream.
    /// </summary>
    Random,
}
