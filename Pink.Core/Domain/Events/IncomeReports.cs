using System.Diagnostics.CodeAnalysis;

namespace Pink.Core;

/// <summary>What an income record is (BingX incomeType).</summary>
public enum IncomeKind
{
    /// <summary>REALIZED_PNL (also ADL and INSURANCE_CLEAR settlements of a forced close).</summary>
    RealizedPnl,
    /// <summary>TRADING_FEE, signed as the exchange reports it (negative = paid).</summary>
    TradingFee,
    /// <summary>FUNDING_FEE, signed (negative = paid).</summary>
    FundingFee,
    /// <summary>Anything else (TRANSFER, TRIAL_FUND, ...): not a trade's.</summary>
    Other,
}

/// <summary>
/// One record of the exchange's income history (GET user/income). The wallet already moved by it (the stream's
/// account updates carried it): it is attributed to the trade it belongs to as a check and a repair, never booked again.
/// </summary>
public sealed record IncomeRecord : KernelEvent
{
    /// <summary>Every member is set by name (an object initializer): no value can land in the wrong place.</summary>
    public IncomeRecord() { }

    /// <summary>Positional, for Pink itself (readers, tests); a host names every member.</summary>
    [SetsRequiredMembers]
    internal IncomeRecord(string TranId, string Symbol, IncomeKind Kind, decimal Amount, long TimeMs) : base(TimeMs)
    {
        this.TranId = TranId;
        this.Symbol = Symbol;
        this.Kind = Kind;
        this.Amount = Amount;
    }

    /// <summary>The exchange's identity of the record (de-duplication).</summary>
    public required string TranId { get; init; }
    /// <summary>Instrument.</summary>
    public required string Symbol { get; init; }
    /// <summary>What it is.</summary>
    public required IncomeKind Kind { get; init; }
    /// <summary>Signed as the exchange reports it.</summary>
    public required decimal Amount { get; init; }

    private protected override void Closed() { }
}

/// <summary>
/// The income history is complete up to <see cref="UpToMs"/> (a query's window ended): every trade closed by then
/// is compared with the income records attributed to it.
/// </summary>
public sealed record IncomeComplete : KernelEvent
{
    /// <summary>Every member is set by name (an object initializer): no value can land in the wrong place.</summary>
    public IncomeComplete() { }

    /// <summary>Positional, for Pink itself (readers, tests); a host names every member.</summary>
    [SetsRequiredMembers]
    internal IncomeComplete(long UpToMs, long TimeMs) : base(TimeMs)
    {
        this.UpToMs = UpToMs;
    }

    /// <summary>The history is complete up to this exchange time.</summary>
    public required long UpToMs { get; init; }

    private protected override void Closed() { }
}
