namespace Pink.Core;

/// <summary>
/// A row for one table. Every row carries the identity of its logical event (<see cref="AccountEventSeq"/> plus a
/// per-table key) so a retried insert can be recognised, and a naive-UTC microsecond timestamp (rule 17).
/// <para>
/// Closed: the five kinds below are every row there is; no type outside Pink.Core can derive from <see cref="Row"/> (its
/// constructor is private protected, and so is a member every kind implements).
/// </para>
/// </summary>
public abstract record Row
{
    /// <summary>A row of the logical event <paramref name="AccountEventSeq"/> at <paramref name="Ts"/>.</summary>
    private protected Row(DateTime Ts, long AccountEventSeq)
    {
        this.Ts = Ts;
        this.AccountEventSeq = AccountEventSeq;
    }

    /// <summary>Naive-UTC timestamp with microseconds (rule 17).</summary>
    public DateTime Ts { get; init; }
    /// <summary>The account event sequence number of the logical event the row belongs to.</summary>
    public long AccountEventSeq { get; init; }

    /// <summary>Closes the set: implemented by every kind in Pink.Core, and by no type outside it.</summary>
    private protected abstract void Closed();

    /// <summary>Table name (without database).</summary>
    public abstract string Table { get; }
    /// <summary>The logical event's identity within the table; unique per logical event.</summary>
    public abstract string Key { get; }
}

/// <summary>Table names, in one place.</summary>
public static class Tables
{
    /// <summary>Account movements: anchors, bridged increments, fees, external flows.</summary>
    public const string AccountEvents = "account_events";
    /// <summary>The published snapshot after each ledger event.</summary>
    public const string StatusSnapshots = "status_snapshots";
    /// <summary>Trade lifecycle: open, close, adoption, later exchange settlement.</summary>
    public const string TradeEvents = "trade_events";
    /// <summary>One row per exit leg.</summary>
    public const string TradeExitLegs = "trade_exit_legs";
    /// <summary>Diagnostics worth keeping.</summary>
    public const string AnomalyEvents = "anomaly_events";
    /// <summary>All five, in schema order.</summary>
    public static readonly IReadOnlyList<string> All = [AccountEvents, StatusSnapshots, TradeEvents, TradeExitLegs, AnomalyEvents];
}

/// <summary>A change of the account: <c>kind</c> is anchor, bridge or external_flow.</summary>
public sealed record AccountEventRow(DateTime Ts, long AccountEventSeq, string Kind, string EventId,
    decimal Capital, string CapitalSource, decimal EWalletBalance, decimal AvailableMargin,
    decimal RealizedIncrement, decimal Fee, decimal KLedger, decimal Divergence, decimal ExternalFlow, string TradeId)
    : Row(Ts, AccountEventSeq)
{
    private protected override void Closed() { }
    /// <inheritdoc />
    public override string Table => Tables.AccountEvents;
    /// <inheritdoc />
    public override string Key => string.Create(CultureInfo.InvariantCulture, $"{AccountEventSeq}:{Kind}:{TradeId}");
}

/// <summary>The snapshot after a ledger event (marks move the published snapshot but write no row).</summary>
public sealed record StatusSnapshotRow(DateTime Ts, long AccountEventSeq, decimal Capital, decimal Equity,
    string CapitalSource, decimal EWalletBalance, decimal AvailableMargin, decimal FeesPaid, decimal UnrealizedPnl,
    int OpenSlots, bool EntriesBlocked) : Row(Ts, AccountEventSeq)
{
    private protected override void Closed() { }
    /// <inheritdoc />
    public override string Table => Tables.StatusSnapshots;
    /// <inheritdoc />
    public override string Key => string.Create(CultureInfo.InvariantCulture, $"{AccountEventSeq}");
}

/// <summary>A trade lifecycle event: <c>event</c> is open, close, adopted or settled.</summary>
public sealed record TradeEventRow(DateTime Ts, long AccountEventSeq, string TradeId, string Event, int Slot,
    string Symbol, string Side, decimal Qty, decimal EntryPrice, decimal ExitPrice, decimal RealizedPnl, decimal Fees,
    string PnlSource, int BarsHeld, int ExchangeLeverage, string Flags) : Row(Ts, AccountEventSeq)
{
    private protected override void Closed() { }
    /// <inheritdoc />
    public override string Table => Tables.TradeEvents;
    /// <inheritdoc />
    public override string Key => string.Create(CultureInfo.InvariantCulture, $"{TradeId}:{Event}:{AccountEventSeq}");
}

/// <summary>One exit leg of a trade.</summary>
public sealed record TradeExitLegRow(DateTime Ts, long AccountEventSeq, string TradeId, int LegIndex, int Slot,
    string Symbol, string Side, decimal Qty, decimal Price, decimal RealizedPnl, string PnlSource, string Flags,
    long VenueOrderId) : Row(Ts, AccountEventSeq)
{
    private protected override void Closed() { }
    /// <inheritdoc />
    public override string Table => Tables.TradeExitLegs;
    /// <inheritdoc />
    public override string Key => string.Create(CultureInfo.InvariantCulture, $"{TradeId}:{LegIndex}");
}

/// <summary>A diagnostic worth keeping.</summary>
public sealed record AnomalyEventRow(DateTime Ts, long AccountEventSeq, string Kind, string Severity, int Slot,
    string TradeId, string Detail) : Row(Ts, AccountEventSeq)
{
    private protected override void Closed() { }
    /// <inheritdoc />
    public override string Table => Tables.AnomalyEvents;
    /// <inheritdoc />
    public override string Key => string.Create(CultureInfo.InvariantCulture, $"{AccountEventSeq}:{Kind}:{Slot}:{TradeId}:{Detail}");
}
