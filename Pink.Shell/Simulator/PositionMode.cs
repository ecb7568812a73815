namespace Pink.Shell.Simulator;

/// <summary>How the venue holds positions (BingX's "dual" and "single" position modes).</summary>
public enum PositionMode
{
    /// <summary>Hedge ("dual") mode: a LONG and a SHORT position per symbol, each with an unsigned size; orders name one of them.</summary>
    Hedge,

    /// <summary>
    /// One-way ("single") mode: one net position per symbol, signed (negative is short); orders carry positionSide BOTH,
    /// BUY adds and SELL subtracts, and a fill through zero closes the old side and opens the rest the other way.
    /// </summary>
    OneWay,
}
