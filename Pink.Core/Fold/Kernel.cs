namespace Pink.Core;

/// <summary>
/// The reducer. <c>Apply(state, event) → (state, effects)</c> carries every accounting rule of Pink.
/// Pure (no I/O, clock or randomness), deterministic, and total: a malformed event becomes a diagnostic, and even a
/// defect inside the kernel is caught and reported as <c>INTERNAL_ERROR</c> with the state left as it was.
/// Layout follows the Decider shape: events (<see cref="KernelEvent"/>), fold (this switch and the handlers in
/// Fold/ and Ledger/), queries (<see cref="Queries"/>).
/// </summary>
public static class Kernel
{
    /// <summary>
    /// How long after a trade's close its income records are awaited before the trade is checked against them (records
    /// can become visible a little after the fill), and how far income queries overlap.
    /// </summary>
    public const long IncomeSettleMs = 60_000;

    /// <summary>The state before any event.</summary>
    public static KernelState Initial(KernelConfig? config = null) => KernelState.Initial(config ?? new KernelConfig());

    /// <summary>Apply one event.</summary>
    public static Outcome Apply(KernelState state, KernelEvent? @event)
    {
        if (@event is null)
        {
            var empty = new Step(state, state.LastEventMs);
            empty.Diag(DiagnosticKinds.MalformedInput, Severity.Warning, "null event");
            return empty.Finish();
        }
        if (@event is MarkPrice mark && Marks.Fast(state, mark) is Outcome fast) return fast;
        var step = new Step(state, @event.TimeMs);
        try
        {
            Dispatch(step, @event);
            return step.Finish();
        }
        catch (Exception ex)
        {
            var failed = new Step(state, @event.TimeMs);
            failed.Diag(DiagnosticKinds.InternalError, Severity.Error, string.Create(CultureInfo.InvariantCulture, $"{@event.GetType().Name}: {ex.GetType().Name}: {ex.Message}"));
            return failed.Finish();
        }
    }

    /// <summary>Apply events in order, collecting every effect.</summary>
    public static Outcome ApplyAll(KernelState state, IEnumerable<KernelEvent> events)
    {
        var effects = new List<Effect>();
        foreach (var e in events)
        {
            var o = Apply(state, e);
            state = o.State;
            effects.AddRange(o.Effects);
        }
        return new Outcome(state, new LanguageExt.Seq<Effect>(effects));
    }

    private static void Dispatch(Step step, KernelEvent @event)
    {
        switch (@event)
        {
            case OpenIntent e: Intents.Open(step, e); break;
            case CloseIntent e: Intents.Close(step, e); break;
            case OrderAcknowledged e: OrderEvents.Acknowledged(step, e); break;
            case OrderRejected e: OrderEvents.Ended(step, e.ClientOrderId, e.VenueOrderId, OrderStatus.Rejected, e.Reason); break;
            case OrderCancelled e: OrderEvents.Ended(step, e.ClientOrderId, e.VenueOrderId, OrderStatus.Cancelled, e.Reason); break;
            case Fill e: Fills.Apply(step, e); break;
            case FillSettled e: Settlements.Apply(step, e); break;
            case MarkPrice e: Marks.Apply(step, e); break;
            case BalanceReport e: Anchors.Apply(step, e); break;
            case PositionsReport e: Adoption.Apply(step, e); break;
            case OrderUnclear e: OrderEvents.Unclear(step, e); break;
            case IncomeRecord e: Income.Apply(step, e); break;
            case IncomeComplete e: Income.Complete(step, e); break;
            case InstrumentSpec e: Instruments.Apply(step, e); break;
            case VenueError e:
                step.Diag(DiagnosticKinds.VenueError, Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"{e.Source}: error {e.Code}: {e.Message}"));
                break;
            case InputRejected e:
                step.Diag(DiagnosticKinds.MalformedInput, Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"{e.Source}: {e.Detail}"));
                break;
            default:
                step.Diag(DiagnosticKinds.MalformedInput, Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"unknown event {@event.GetType().Name}"));
                break;
        }
    }
}
