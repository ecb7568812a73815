namespace Pink.Core;

/// <summary>
/// Stable upper-case diagnostic kinds (recording-format.md). A diagnostic is data: the kernel never throws on
/// an event, it says what was wrong and keeps going.
/// </summary>
public static class DiagnosticKinds
{
    /// <summary>An event matched no slot; nothing was changed (rule 7).</summary>
    public const string UnresolvedSlot = "UNRESOLVED_SLOT";
    /// <summary>A fill matched no order identity and was routed by FSM state (rule 6).</summary>
    public const string FillRoutedByState = "FILL_ROUTED_BY_STATE";
    /// <summary>A balance report with a zero, negative or non-finite balance (rule 9).</summary>
    public const string AnchorRejected = "ANCHOR_REJECTED";
    /// <summary>The exchange's realized PnL differs from the kernel's estimate beyond tolerance (rule 13).</summary>
    public const string PnlMismatch = "PNL_MISMATCH";
    /// <summary>A stream frame's realized PnL disagrees with the kernel's estimate: not yet an error (the frame carries its
    /// own fill's figures, a lost frame's are missing); the order is queried, and PNL_MISMATCH follows only if the venue's
    /// cumulative figures for the order still disagree.</summary>
    public const string PnlUnconfirmed = "PNL_UNCONFIRMED";
    /// <summary>The K-ledger disagrees with a new anchor beyond tolerance (rule 11).</summary>
    public const string LedgerDivergence = "LEDGER_DIVERGENCE";
    /// <summary>An exchange event seen before; nothing changed (rule 14).</summary>
    public const string DuplicateIgnored = "DUPLICATE_IGNORED";
    /// <summary>An event whose fields cannot be used (NaN, negative quantity, missing symbol, ...).</summary>
    public const string MalformedInput = "MALFORMED_INPUT";
    /// <summary>An intent the current state cannot carry out (open on a busy slot, close on an idle one).</summary>
    public const string IntentRejected = "INTENT_REJECTED";
    /// <summary>An entry refused while the ledger is diverged (exits are never refused).</summary>
    public const string EntryRefused = "ENTRY_REFUSED";
    /// <summary>A fill went through zero: split into a closing part and an opening part.</summary>
    public const string ReversalSplit = "REVERSAL_SPLIT";
    /// <summary>The venue rejected or cancelled an exit while the position was still open.</summary>
    public const string ExitNotWorking = "EXIT_NOT_WORKING";
    /// <summary>Exchange positions disagree with the kernel's open quantity.</summary>
    public const string PositionMismatch = "POSITION_MISMATCH";
    /// <summary>A position found at the exchange was adopted into a slot.</summary>
    public const string PositionAdopted = "POSITION_ADOPTED";
    /// <summary>The exchange reduced a position of ours by an order we never placed, or a report showed it reduced with no
    /// fill to explain it: booked as an external (or inferred) exit leg.</summary>
    public const string ExternalClose = "EXTERNAL_CLOSE";
    /// <summary>A closed trade's realized or fees differ from the exchange's income records beyond fees + slippage.</summary>
    public const string IncomeMismatch = "INCOME_MISMATCH";
    /// <summary>An income record could not be given to one trade (none or several held the instrument then).</summary>
    public const string IncomeUnattributed = "INCOME_UNATTRIBUTED";
    /// <summary>A funding payment only the income history showed (its account update was lost) explained a check and was booked.</summary>
    public const string FundingUnstreamed = "FUNDING_UNSTREAMED";
    /// <summary>The venue answered with an error (REST error envelope, refused subscription).</summary>
    public const string VenueError = "VENUE_ERROR";
    /// <summary>The venue reported an order filled without its figures; the order is queried.</summary>
    public const string FillUnreported = "FILL_UNREPORTED";
    /// <summary>
    /// An exchange report (fill, settlement, acknowledgement, cancellation) or an intent names an order or trade the state
    /// has forgotten (closed and settled, see Forgetting): nothing is booked, and it is never taken for a foreign order.
    /// </summary>
    public const string ForgottenTrade = "FORGOTTEN_TRADE";
    /// <summary>A closed trade never settled within the bound (<see cref="Forgetting"/>) and was forgotten unsettled.</summary>
    public const string ForgottenUnsettled = "FORGOTTEN_UNSETTLED";
    /// <summary>A defect inside the kernel was caught; the event changed nothing. Never expected.</summary>
    public const string InternalError = "INTERNAL_ERROR";
}
