using LanguageExt;

namespace Pink.Core;

/// <summary>
/// What the kernel asks the shell to do. A closed set of records (effects as data): the shell interprets
/// them and carries no accounting rule of its own.
/// </summary>
public abstract record Effect;

/// <summary>Place an order at the venue.</summary>
public sealed record PlaceOrder(int Slot, string TradeId, string ClientOrderId, string Symbol, OrderSide Side,
    PositionSide PositionSide, decimal Qty, OrderPurpose Purpose, bool ReduceOnly, int ExchangeLeverage) : Effect;

/// <summary>Cancel an order at the venue (an entry remainder when the slot is asked to close).</summary>
public sealed record CancelOrder(int Slot, string ClientOrderId, long? VenueOrderId, string Symbol) : Effect;

/// <summary>
/// Ask the venue for one order's state (REST order query) and feed the answer back as an event: the venue said
/// something about the order that does not tell its fills.
/// </summary>
public sealed record QueryOrder(int Slot, string ClientOrderId, long? VenueOrderId, string Symbol) : Effect;

/// <summary>Write one row to a table. Rows are built only here, one per logical event per table.</summary>
public sealed record PersistRow(Row Row) : Effect;

/// <summary>Publish the one account snapshot (immutable; replaces the previous one).</summary>
public sealed record PublishSnapshot(AccountSnapshot Snapshot) : Effect;

/// <summary>
/// Feedback for the embedding runtime's sizer: the closed trade's own realized PnL minus its fees (rule 15).
/// <paramref name="Revision"/> is 0 at close and counts up when a later exchange settlement corrects it.
/// </summary>
public sealed record SizerFeedback(string TradeId, int Slot, decimal Pnl, decimal Realized, decimal Fees, int Revision) : Effect;

/// <summary>Something the operator should know; persisted as an anomaly row unless it is a pure log line.</summary>
public sealed record Diagnostic(string Kind, Severity Severity, string Detail, int? Slot = null, string? TradeId = null) : Effect;

/// <summary>
/// A trade left the state (see Forgetting): closed and settled (<paramref name="Settled"/>), or forgotten unsettled
/// beyond the bound (FORGOTTEN_UNSETTLED). Its final figures and its orders, said once: a reader that keeps history (a
/// replay summary, a report) keeps it from here; the kernel no longer can. <paramref name="Trade"/> is null for the
/// orders of a trade that never filled (removed when its entry ended).
/// </summary>
public sealed record TradeForgotten(string TradeId, Trade? Trade, Arr<Order> Orders, bool Settled) : Effect;
