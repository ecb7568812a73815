using Pink.Core;

namespace Pink.Properties.Scenarios;

/// <summary>Who produced an event in a history.</summary>
public enum Origin
{
    /// <summary>The policy (intents).</summary>
    Policy,
    /// <summary>The venue, about one of our orders or our account.</summary>
    Venue,
    /// <summary>Another runtime on the shared account: never ours.</summary>
    Foreign,
    /// <summary>An event naming something the kernel never knew (rule 7).</summary>
    Unknown,
    /// <summary>An exchange event delivered a second time (rule 14).</summary>
    Duplicate,
    /// <summary>The start-up positions report.</summary>
    Startup,
}

/// <summary>What the exchange holds for our account after an item: the truth a reconcile reports.</summary>
public sealed record VenueView(IReadOnlyList<ExchangePosition> Positions, decimal Wallet);

/// <summary>One item of a history, with what the exchange holds after it.</summary>
public abstract record Item(VenueView Venue);

/// <summary>An event, who produced it, and (for our fills) the client order id the venue filled.</summary>
public sealed record EventItem(KernelEvent Event, Origin Origin, string? Order, VenueView Venue) : Item(Venue)
{
    /// <inheritdoc />
    public override string ToString() => $"{Origin}: {Event}";
}

/// <summary>A restart: the state goes through its document, then the exchange's positions are reconciled.</summary>
public sealed record RestartItem(PositionsReport Reconcile, VenueView Venue) : Item(Venue)
{
    /// <inheritdoc />
    public override string ToString() => $"Restart, then {Reconcile}";
}

/// <summary>The events a scenario produced, in order, and the kernel configuration they are folded with.</summary>
public sealed record History(Scenario Scenario, KernelConfig Config, VenueView Start, IReadOnlyList<Item> Items)
{
    /// <summary>What the exchange holds before item <paramref name="index"/> (after all earlier items).</summary>
    public VenueView VenueBefore(int index) => index == 0 ? Start : Items[index - 1].Venue;

    /// <summary>The same history with other items.</summary>
    public History With(IReadOnlyList<Item> items) => this with { Items = items };
}
