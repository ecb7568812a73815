namespace Pink.Shell.Simulator.Engine;

/// <summary>
/// A place-order request as parsed from its parameters (venue spellings); reduceOnly counts in one-way mode only.
/// A STOP_MARKET / TAKE_PROFIT_MARKET order carries <see cref="StopPrice"/>, and with <see cref="ClosePosition"/> no
/// quantity: it closes whatever the position holds when it triggers.
/// </summary>
internal sealed record OrderTicket(string Symbol, string Side, string PositionSide, string Type, decimal Quantity, decimal? Price, string ClientOrderId,
    bool ReduceOnly = false, decimal? StopPrice = null, bool ClosePosition = false);
