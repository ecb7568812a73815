namespace Pink.Core;

/// <summary>
/// What the kernel asks the shell to do. A closed set of records (effects as data): the shell interprets
/// them and carries no accounting rule of its own.
/// <para>
/// Closed for real: no type outside Pink.Core can derive from <see cref="Effect"/> (its constructor is private protected,
/// and so is <see cref="Dispatch{T}"/>, which every kind implements — a record's copy constructor alone would still let
/// one in). Interpret effects with <see cref="Match{T}"/> or <see cref="Switch"/>: every kind is a mandatory argument, so a
/// kind added in a later version fails the host's build instead of being dropped at run time.
/// </para>
/// </summary>
public abstract record Effect
{
    private protected Effect() { }

    /// <summary>Calls the arm of this effect's kind; every kind implements it, no type outside Pink.Core can.</summary>
    private protected abstract T Dispatch<T>(Func<PlaceOrder, T> place, Func<CancelOrder, T> cancel, Func<QueryOrder, T> query,
        Func<PersistRow, T> persist, Func<PublishSnapshot, T> publish, Func<SizerFeedback, T> feedback,
        Func<Diagnostic, T> diagnostic);

    /// <summary>The value of the arm for this effect's kind: exactly one arm is called, and every kind has one.</summary>
    /// <param name="place">For <see cref="PlaceOrder"/>.</param>
    /// <param name="cancel">For <see cref="CancelOrder"/>.</param>
    /// <param name="query">For <see cref="QueryOrder"/>.</param>
    /// <param name="persist">For <see cref="PersistRow"/>.</param>
    /// <param name="publish">For <see cref="PublishSnapshot"/>.</param>
    /// <param name="feedback">For <see cref="SizerFeedback"/>.</param>
    /// <param name="diagnostic">For <see cref="Diagnostic"/>.</param>
    public T Match<T>(Func<PlaceOrder, T> place, Func<CancelOrder, T> cancel, Func<QueryOrder, T> query,
        Func<PersistRow, T> persist, Func<PublishSnapshot, T> publish, Func<SizerFeedback, T> feedback,
        Func<Diagnostic, T> diagnostic)
    {
        ArgumentNullException.ThrowIfNull(place);
        ArgumentNullException.ThrowIfNull(cancel);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(persist);
        ArgumentNullException.ThrowIfNull(publish);
        ArgumentNullException.ThrowIfNull(feedback);
        ArgumentNullException.ThrowIfNull(diagnostic);
        return Dispatch(place, cancel, query, persist, publish, feedback, diagnostic);
    }

    /// <summary>Runs the arm for this effect's kind: exactly one arm is called, and every kind has one.</summary>
    /// <param name="place">For <see cref="PlaceOrder"/>.</param>
    /// <param name="cancel">For <see cref="CancelOrder"/>.</param>
    /// <param name="query">For <see cref="QueryOrder"/>.</param>
    /// <param name="persist">For <see cref="PersistRow"/>.</param>
    /// <param name="publish">For <see cref="PublishSnapshot"/>.</param>
    /// <param name="feedback">For <see cref="SizerFeedback"/>.</param>
    /// <param name="diagnostic">For <see cref="Diagnostic"/>.</param>
    public void Switch(Action<PlaceOrder> place, Action<CancelOrder> cancel, Action<QueryOrder> query,
        Action<PersistRow> persist, Action<PublishSnapshot> publish, Action<SizerFeedback> feedback,
        Action<Diagnostic> diagnostic)
    {
        ArgumentNullException.ThrowIfNull(place);
        ArgumentNullException.ThrowIfNull(cancel);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(persist);
        ArgumentNullException.ThrowIfNull(publish);
        ArgumentNullException.ThrowIfNull(feedback);
        ArgumentNullException.ThrowIfNull(diagnostic);
        Dispatch(e => Run(place, e), e => Run(cancel, e), e => Run(query, e), e => Run(persist, e), e => Run(publish, e),
            e => Run(feedback, e), e => Run(diagnostic, e));
    }

    private static bool Run<TEffect>(Action<TEffect> arm, TEffect effect)
    {
        arm(effect);
        return true;
    }
}

/// <summary>Place an order at the venue.</summary>
public sealed record PlaceOrder(int Slot, string TradeId, string ClientOrderId, string Symbol, OrderSide Side,
    PositionSide PositionSide, decimal Qty, OrderPurpose Purpose, bool ReduceOnly, int ExchangeLeverage) : Effect
{
    private protected override T Dispatch<T>(Func<PlaceOrder, T> place, Func<CancelOrder, T> cancel, Func<QueryOrder, T> query,
        Func<PersistRow, T> persist, Func<PublishSnapshot, T> publish, Func<SizerFeedback, T> feedback,
        Func<Diagnostic, T> diagnostic) => place(this);
}

/// <summary>Cancel an order at the venue (an entry remainder when the slot is asked to close).</summary>
public sealed record CancelOrder(int Slot, string ClientOrderId, long? VenueOrderId, string Symbol) : Effect
{
    private protected override T Dispatch<T>(Func<PlaceOrder, T> place, Func<CancelOrder, T> cancel, Func<QueryOrder, T> query,
        Func<PersistRow, T> persist, Func<PublishSnapshot, T> publish, Func<SizerFeedback, T> feedback,
        Func<Diagnostic, T> diagnostic) => cancel(this);
}

/// <summary>
/// Ask the venue for one order's state (REST order query) and feed the answer back as an event: the venue said
/// something about the order that does not tell its fills.
/// </summary>
public sealed record QueryOrder(int Slot, string ClientOrderId, long? VenueOrderId, string Symbol) : Effect
{
    private protected override T Dispatch<T>(Func<PlaceOrder, T> place, Func<CancelOrder, T> cancel, Func<QueryOrder, T> query,
        Func<PersistRow, T> persist, Func<PublishSnapshot, T> publish, Func<SizerFeedback, T> feedback,
        Func<Diagnostic, T> diagnostic) => query(this);
}

/// <summary>Write one row to a table. Rows are built only here, one per logical event per table.</summary>
public sealed record PersistRow(Row Row) : Effect
{
    private protected override T Dispatch<T>(Func<PlaceOrder, T> place, Func<CancelOrder, T> cancel, Func<QueryOrder, T> query,
        Func<PersistRow, T> persist, Func<PublishSnapshot, T> publish, Func<SizerFeedback, T> feedback,
        Func<Diagnostic, T> diagnostic) => persist(this);
}

/// <summary>Publish the one account snapshot (immutable; replaces the previous one).</summary>
public sealed record PublishSnapshot(AccountSnapshot Snapshot) : Effect
{
    private protected override T Dispatch<T>(Func<PlaceOrder, T> place, Func<CancelOrder, T> cancel, Func<QueryOrder, T> query,
        Func<PersistRow, T> persist, Func<PublishSnapshot, T> publish, Func<SizerFeedback, T> feedback,
        Func<Diagnostic, T> diagnostic) => publish(this);
}

/// <summary>
/// Feedback for the embedding runtime's sizer: the closed trade's own realized PnL minus its fees (rule 15).
/// <paramref name="Revision"/> is 0 at close and counts up when a later exchange settlement corrects it.
/// </summary>
public sealed record SizerFeedback(string TradeId, int Slot, decimal Pnl, decimal Realized, decimal Fees, int Revision) : Effect
{
    private protected override T Dispatch<T>(Func<PlaceOrder, T> place, Func<CancelOrder, T> cancel, Func<QueryOrder, T> query,
        Func<PersistRow, T> persist, Func<PublishSnapshot, T> publish, Func<SizerFeedback, T> feedback,
        Func<Diagnostic, T> diagnostic) => feedback(this);
}

/// <summary>Something the operator should know; persisted as an anomaly row unless it is a pure log line.</summary>
public sealed record Diagnostic(string Kind, Severity Severity, string Detail, int? Slot = null, string? TradeId = null) : Effect
{
    private protected override T Dispatch<T>(Func<PlaceOrder, T> place, Func<CancelOrder, T> cancel, Func<QueryOrder, T> query,
        Func<PersistRow, T> persist, Func<PublishSnapshot, T> publish, Func<SizerFeedback, T> feedback,
        Func<Diagnostic, T> diagnostic) => diagnostic(this);
}
