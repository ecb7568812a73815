namespace Pink.Shell.Simulator.Engine;

/// <summary>A place-order request as parsed from its parameters (venue spellings); reduceOnly counts in one-way mode only.</summary>
internal sealed record OrderTicket(string Symbol, string Side, string PositionSide, string Type, decimal Quantity, decimal? Price, string ClientOrderId,
    bool ReduceOnly = false);
