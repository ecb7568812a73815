namespace Pink.Shell.Simulator.Engine;

/// <summary>
/// Who placed an order. Only the venue's own closes differ on the wire: they come without a NEW frame, their fills as
/// `x` CALCULATED ("order ADL or liquidation" in BingX's v2 stream doc) at their own fee rate, and REST income may book
/// their PnL under its own type (<see cref="ForcedCloseIncome"/>). Orders of the web UI or of another API client look
/// like the client's own: only their ids were never the client's.
/// </summary>
internal enum OrderOrigin
{
    /// <summary>Placed through REST (by Pink, or by another API client on the same account).</summary>
    Client,

    /// <summary>A close from the venue's web UI.</summary>
    WebUi,

    /// <summary>The venue's liquidation of a whole position.</summary>
    Liquidation,

    /// <summary>The venue's auto-deleverage of a part of a position.</summary>
    Adl,
}
