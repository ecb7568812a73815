using LanguageExt;

namespace Pink.Core;

/// <summary>
/// What the kernel asks the shell to do. A closed set of records (effects as data): the shell interprets
/// them and carries no accounting rule of its own.
/// <para>
/// Closed for real: no type outside Pink.Core can derive from <see cref="Effect"/> (its constructor is private protected,
/// and so is the dispatch every kind implements — a record's copy constructor alone would still let one in). Interpret
/// effects with <see cref="Match{T}"/> or <see cref="Switch"/>: every kind is a mandatory argument, so a kind added in a
/// later version fails the host's build instead of being dropped at run time.
/// </para>
/// </summary>
public abstract record Effect
{
    private protected Effect() { }

    /// <summary>Calls the arm of this effect's kind; every kind implements it, no type outside Pink.Core can.</summary>
    private protected abstract T Dispatch<T>(Arms<T> arms);

    /// <summary>The value of the arm for this effect's kind: exactly one arm is called, and every kind has one.</summary>
    /// <param name="place">For <see cref="PlaceOrder"/>.</param>
    /// <param name="cancel">For <see cref="CancelOrder"/>.</param>
    /// <param name="query">For <see cref="QueryOrder"/>.</param>
    /// <param name="persist">For <see cref="PersistRow"/>.</param>
    /// <param name="publish">For <see cref="PublishSnapshot"/>.</param>
    /// <param name="feedback">For <see cref="SizerFeedback"/>.</param>
    /// <param name="diagnostic">For <see cref="Diagnostic"/>.</param>
    /// <param name="forgotten">For <see cref="TradeForgotten"/>.</param>
    public T Match<T>(Func<PlaceOrder, T> place, Func<CancelOrder, T> cancel, Func<QueryOrder, T> query,
        Func<PersistRow, T> persist, Func<PublishSnapshot, T> publish, Func<SizerFeedback, T> feedback,
        Func<Diagnostic, T> diagnostic, Func<TradeForgotten, T> forgotten)
    {
        ArgumentNullException.ThrowIfNull(place);
        ArgumentNullException.ThrowIfNull(cancel);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(persist);
        ArgumentNullException.ThrowIfNull(publish);
        ArgumentNullException.ThrowIfNull(feedback);
        ArgumentNullException.ThrowIfNull(diagnostic);
        ArgumentNullException.ThrowIfNull(forgotten);
        return Dispatch(new Arms<T>(place, cancel, query, persist, publish, feedback, diagnostic, forgotten));
    }

    /// <summary>Runs the arm for this effect's kind: exactly one arm is called, and every kind has one.</summary>
    /// <param name="place">For <see cref="PlaceOrder"/>.</param>
    /// <param name="cancel">For <see cref="CancelOrder"/>.</param>
    /// <param name="query">For <see cref="QueryOrder"/>.</param>
    /// <param name="persist">For <see cref="PersistRow"/>.</param>
    /// <param name="publish">For <see cref="PublishSnapshot"/>.</param>
    /// <param name="feedback">For <see cref="SizerFeedback"/>.</param>
    /// <param name="diagnostic">For <see cref="Diagnostic"/>.</param>
    /// <param name="forgotten">For <see cref="TradeForgotten"/>.</param>
    public void Switch(Action<PlaceOrder> place, Action<CancelOrder> cancel, Action<QueryOrder> query,
        Action<PersistRow> persist, Action<PublishSnapshot> publish, Action<SizerFeedback> feedback,
        Action<Diagnostic> diagnostic, Action<TradeForgotten> forgotten)
    {
        ArgumentNullException.ThrowIfNull(place);
        ArgumentNullException.ThrowIfNull(cancel);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(persist);
        ArgumentNullException.ThrowIfNull(publish);
        ArgumentNullException.ThrowIfNull(feedback);
        ArgumentNullException.ThrowIfNull(diagnostic);
        ArgumentNullException.ThrowIfNull(forgotten);
        Dispatch(new Arms<bool>(e => Run(place, e), e => Run(cancel, e), e => Run(query, e), e => Run(persist, e),
            e => Run(publish, e), e => Run(feedback, e), e => Run(diagnostic, e), e => Run(forgotten, e)));
    }

    private static bool Run<TEffect>(Action<TEffect> arm, TEffect effect)
    {
        arm(effect);
        return true;
    }

    /// <summary>One arm per kind, as <see cref="Match{T}"/> was given them.</summary>
    private protected sealed record Arms<T>(Func<PlaceOrder, T> Place, Func<CancelOrder, T> Cancel, Func<QueryOrder, T> Query,
        Func<PersistRow, T> Persist, Func<PublishSnapshot, T> Publish, Func<SizerFeedback, T> Feedback,
        Func<Diagnostic, T> Diagnostic, Func<TradeForgotten, T> Forgotten);
}

/// <summary>Place an order at the venue.</summary>
public sealed record PlaceOrder(int Slot, string TradeId, string ClientOrderId, string Symbol, OrderSide Side,
    PositionSide PositionSide, decimal Qty, OrderPurpose Purpose, bool ReduceOnly, int ExchangeLeverage) : Effect
{
    private protected override T Dispatch<T>(Arms<T> arms) => arms.Place(this);
}

/// <summary>Cancel an order at the venue (an entry remainder when the slot is asked to close).</summary>
public sealed record CancelOrder(int Slot, string ClientOrderId, long? VenueOrderId, string Symbol) : Effect
{
    private protected override T Dispatch<T>(Arms<T> arms) => arms.Cancel(this);
}

/// <summary>
/// Ask the venue for one order's state (REST order query) and feed the answer back as an event: the venue said
/// something about the order that does not tell its fills.
/// </summary>
public sealed record QueryOrder(int Slot, string ClientOrderId, long? VenueOrderId, string Symbol) : Effect
{
    private protected override T Dispatch<T>(Arms<T> arms) => arms.Query(this);
}

/// <summary>Write one row to a table. Rows are built only here, one per logical event per table.</summary>
public sealed record PersistRow(Row Row) : Effect
{
    private protected override T Dispatch<T>(Arms<T> arms) => arms.Persist(this);
}

/// <summary>Publish the one account snapshot (immutable; replaces the previous one).</summary>
public sealed record PublishSnapshot(AccountSnapshot Snapshot) : Effect
{
    private protected override T Dispatch<T>(Arms<T> arms) => arms.Publish(this);
}

/// <summary>
/// Feedback for the embedding runtime's sizer: the closed trade's own realized PnL minus its fees (rule 15).
/// <paramref name="Revision"/> is 0 at close and counts up when a later exchange settlement corrects it.
/// </summary>
public sealed record SizerFeedback(string TradeId, int Slot, decimal Pnl, decimal Realized, decimal Fees, int Revision) : Effect
{
    private protected override T Dispatch<T>(Arms<T> arms) => arms.Feedback(this);
}

/// <summary>Something the operator should know; persisted as an anomaly row unless it is a pure log line.</summary>
public sealed record Diagnostic(string Kind, Severity Severity, string Detail, int? Slot = null, string? TradeId = null) : Effect
{
    private protected override T Dispatch<T>(Arms<T> arms) => arms.Diagnostic(this);
}

/// <summary>
/// A trade left the state (see Forgetting): closed and settled (<see cref="Settled"/>), or forgotten unsettled beyond
/// the bound (FORGOTTEN_UNSETTLED). Its final figures and its orders, said once: a reader that keeps history (a replay
/// summary, a report) keeps it from here; the kernel no longer can. <see cref="Trade"/> is null for the orders of a trade
/// that never filled (removed when its entry ended). Nothing for the venue: a host that keeps no history ignores it.
/// </summary>
public sealed record TradeForgotten : Effect
{
    internal TradeForgotten(string TradeId, Trade? Trade, Arr<Order> Orders, bool Settled)
    {
        this.TradeId = TradeId;
        this.Trade = Trade;
        this.Orders = Orders;
        this.Settled = Settled;
    }

    /// <summary>The trade's id.</summary>
    public string TradeId { get; internal init; }
    /// <summary>The trade as it left the state; null when it never filled.</summary>
    public Trade? Trade { get; internal init; }
    /// <summary>Its orders as they left the state.</summary>
    public Arr<Order> Orders { get; internal init; }
    /// <summary>True when it was settled; false when forgotten unsettled beyond the bound (FORGOTTEN_UNSETTLED).</summary>
    public bool Settled { get; internal init; }

    private protected override T Dispatch<T>(Arms<T> arms) => arms.Forgotten(this);
}
