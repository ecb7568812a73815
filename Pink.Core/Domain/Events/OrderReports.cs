using System.Diagnostics.CodeAnalysis;

namespace Pink.Core;

/// <summary>The venue accepted an order: binds a client order id to the venue's order id.</summary>
public sealed record OrderAcknowledged : KernelEvent
{
    /// <summary>Every member is set by name (an object initializer): no value can land in the wrong place.</summary>
    public OrderAcknowledged() { }

    /// <summary>Positional, for Pink itself (readers, tests); a host names every member.</summary>
    [SetsRequiredMembers]
    internal OrderAcknowledged(string ClientOrderId, long VenueOrderId, long TimeMs) : base(TimeMs)
    {
        this.ClientOrderId = ClientOrderId;
        this.VenueOrderId = VenueOrderId;
    }

    /// <summary>Our client order id.</summary>
    public required string ClientOrderId { get; init; }
    /// <summary>The venue's order id for it.</summary>
    public required long VenueOrderId { get; init; }

    private protected override void Closed() { }
}

/// <summary>The venue refused an order.</summary>
public sealed record OrderRejected : KernelEvent
{
    /// <summary>Every member is set by name (an object initializer): no value can land in the wrong place.</summary>
    public OrderRejected() { }

    /// <summary>Positional, for Pink itself (readers, tests); a host names every member.</summary>
    [SetsRequiredMembers]
    internal OrderRejected(string? ClientOrderId, long? VenueOrderId, string Reason, long TimeMs) : base(TimeMs)
    {
        this.ClientOrderId = ClientOrderId;
        this.VenueOrderId = VenueOrderId;
        this.Reason = Reason;
    }

    /// <summary>Our client order id, when known.</summary>
    public required string? ClientOrderId { get; init; }
    /// <summary>The venue's order id, when known.</summary>
    public required long? VenueOrderId { get; init; }
    /// <summary>The venue's reason.</summary>
    public required string Reason { get; init; }

    private protected override void Closed() { }
}

/// <summary>The venue cancelled or expired an order (any unfilled remainder is gone).</summary>
public sealed record OrderCancelled : KernelEvent
{
    /// <summary>Every member is set by name (an object initializer): no value can land in the wrong place.</summary>
    public OrderCancelled() { }

    /// <summary>Positional, for Pink itself (readers, tests); a host names every member.</summary>
    [SetsRequiredMembers]
    internal OrderCancelled(string? ClientOrderId, long? VenueOrderId, string Reason, long TimeMs) : base(TimeMs)
    {
        this.ClientOrderId = ClientOrderId;
        this.VenueOrderId = VenueOrderId;
        this.Reason = Reason;
    }

    /// <summary>Our client order id, when known.</summary>
    public required string? ClientOrderId { get; init; }
    /// <summary>The venue's order id, when known.</summary>
    public required long? VenueOrderId { get; init; }
    /// <summary>The venue's reason (e.g. CANCELED, EXPIRED).</summary>
    public required string Reason { get; init; }

    private protected override void Closed() { }
}

/// <summary>
/// The venue reported an order's state without the figures that would tell its fills (e.g. FILLED with no cumulative
/// quantity): the kernel asks the shell to query the order (<see cref="QueryOrder"/>) instead of guessing.
/// </summary>
public sealed record OrderUnclear : KernelEvent
{
    /// <summary>Every member is set by name (an object initializer): no value can land in the wrong place.</summary>
    public OrderUnclear() { }

    /// <summary>Positional, for Pink itself (readers, tests); a host names every member.</summary>
    [SetsRequiredMembers]
    internal OrderUnclear(long? VenueOrderId, string? ClientOrderId, string Symbol, string Detail, long TimeMs) : base(TimeMs)
    {
        this.VenueOrderId = VenueOrderId;
        this.ClientOrderId = ClientOrderId;
        this.Symbol = Symbol;
        this.Detail = Detail;
    }

    /// <summary>The venue's order id, when known.</summary>
    public required long? VenueOrderId { get; init; }
    /// <summary>Our client order id, when known.</summary>
    public required string? ClientOrderId { get; init; }
    /// <summary>Instrument.</summary>
    public required string Symbol { get; init; }
    /// <summary>What the venue said.</summary>
    public required string Detail { get; init; }

    private protected override void Closed() { }
}
