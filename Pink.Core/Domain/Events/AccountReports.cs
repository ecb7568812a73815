using System.Diagnostics.CodeAnalysis;

namespace Pink.Core;

/// <summary>Why the wallet balance in a report moved, as the exchange says.</summary>
public enum BalanceReason
{
    /// <summary>A trade (fill) moved it: the K-ledger must agree.</summary>
    Order,
    /// <summary>A periodic or start-up balance poll: the K-ledger must agree.</summary>
    Poll,
    /// <summary>Money moved in or out (deposit, withdrawal, transfer): explained, booked as external flow.</summary>
    Transfer,
    /// <summary>Funding: explained, booked as external flow.</summary>
    Funding,
}

/// <summary>A balance-bearing exchange report: the anchor of published capital (rule 9).</summary>
public sealed record BalanceReport : KernelEvent
{
    /// <summary>Every member is set by name (an object initializer): no value can land in the wrong place.</summary>
    public BalanceReport() { }

    /// <summary>Positional, for Pink itself (readers, tests); a host names every member.</summary>
    [SetsRequiredMembers]
    internal BalanceReport(string Id, decimal WalletBalance, decimal? AvailableMargin, BalanceReason Reason,
        long TimeMs, IReadOnlyList<ExchangePosition>? Positions = null, decimal? BalanceChange = null) : base(TimeMs)
    {
        this.Id = Id;
        this.WalletBalance = WalletBalance;
        this.AvailableMargin = AvailableMargin;
        this.Reason = Reason;
        this.Positions = Positions;
        this.BalanceChange = BalanceChange;
    }

    /// <summary>Exchange identity for de-duplication.</summary>
    public required string Id { get; init; }
    /// <summary>Wallet balance as the exchange reports it.</summary>
    public required decimal WalletBalance { get; init; }
    /// <summary>Available margin, when reported (null when not).</summary>
    public required decimal? AvailableMargin { get; init; }
    /// <summary>Why it moved.</summary>
    public required BalanceReason Reason { get; init; }
    /// <summary>The positions the exchange reports in the same message, after the change (ACCOUNT_UPDATE <c>a.P</c>): they tell which fills the wallet balance already contains. Null when the report carries none (a REST balance poll).</summary>
    public IReadOnlyList<ExchangePosition>? Positions { get; init; }
    /// <summary>The exchange's own figure for the change of this event outside trading (<c>bc</c>), when sent.</summary>
    public decimal? BalanceChange { get; init; }

    private protected override void Closed() { }
}

/// <summary>One position as the exchange reports it (quantity unsigned; direction from the side).</summary>
public sealed record ExchangePosition
{
    /// <summary>Every member is set by name (an object initializer): no value can land in the wrong place.</summary>
    public ExchangePosition() { }

    /// <summary>Positional, for Pink itself (readers, tests); a host names every member.</summary>
    [SetsRequiredMembers]
    internal ExchangePosition(string Symbol, PositionSide Side, decimal Qty, decimal EntryPrice, int Leverage,
        bool OneWay = false)
    {
        this.Symbol = Symbol;
        this.Side = Side;
        this.Qty = Qty;
        this.EntryPrice = EntryPrice;
        this.Leverage = Leverage;
        this.OneWay = OneWay;
    }

    /// <summary>Instrument.</summary>
    public required string Symbol { get; init; }
    /// <summary>Direction (in one-way mode: the sign of the net position; LONG when flat).</summary>
    public required PositionSide Side { get; init; }
    /// <summary>Quantity, unsigned.</summary>
    public required decimal Qty { get; init; }
    /// <summary>The exchange's entry price.</summary>
    public required decimal EntryPrice { get; init; }
    /// <summary>Exchange leverage.</summary>
    public required int Leverage { get; init; }
    /// <summary>True when the exchange holds one net position for the instrument (positionSide BOTH).</summary>
    public bool OneWay { get; init; }
}

/// <summary>All positions the exchange holds (start-up and reconciliation). Unknown ones are adopted.</summary>
public sealed record PositionsReport : KernelEvent
{
    /// <summary>Every member is set by name (an object initializer): no value can land in the wrong place.</summary>
    public PositionsReport() { }

    /// <summary>Positional, for Pink itself (readers, tests); a host names every member.</summary>
    [SetsRequiredMembers]
    internal PositionsReport(string Id, IReadOnlyList<ExchangePosition> Positions, long TimeMs) : base(TimeMs)
    {
        this.Id = Id;
        this.Positions = Positions;
    }

    /// <summary>Exchange identity for de-duplication.</summary>
    public required string Id { get; init; }
    /// <summary>Every position the exchange holds.</summary>
    public required IReadOnlyList<ExchangePosition> Positions { get; init; }

    private protected override void Closed() { }
}
