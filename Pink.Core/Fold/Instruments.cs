namespace Pink.Core;

/// <summary>
/// The venue's order rules per instrument (its quantity step and minimum). Invariants: an order the kernel sends is a
/// whole multiple of its instrument's step and at least its minimum — an entry intent that is not is refused
/// (INTENT_REJECTED, naming the step), an exit is the open quantity rounded down to the step, and an exit the rules make
/// impossible (nothing left at or above the minimum) is EXIT_NOT_WORKING, never a silent skip or an order the venue
/// must refuse; an instrument the venue has not described is not checked. A repeated, unchanged specification changes
/// nothing.
/// </summary>
internal static class Instruments
{
    public static void Apply(Step s, InstrumentSpec e)
    {
        if (string.IsNullOrWhiteSpace(e.Symbol) || !Pnl.Usable(e.QtyStep) || !Pnl.Usable(e.PriceStep) || e.MinQty < 0 || e.MinQty > Pnl.Max)
        {
            s.Diag(DiagnosticKinds.MalformedInput, Severity.Warning,
                string.Create(CultureInfo.InvariantCulture, $"instrument {e.Symbol}: steps {e.QtyStep} / {e.PriceStep} and minimum {e.MinQty} are not usable"));
            return;
        }
        var key = Symbols.Key(e.Symbol);
        var spec = new Instrument(e.QtyStep, e.PriceStep, e.MinQty);
        if (s.Config.Instruments.Find(key).Case is Instrument known && known == spec) return;
        s.PutConfig(s.Config with { Instruments = s.Config.Instruments.AddOrUpdate(key, spec) });
        s.Touch(ledger: false);
    }

    /// <summary>Why an entry of <paramref name="qty"/> cannot be sent, or null when the rules allow it (or are unknown).</summary>
    public static string? EntryRefusal(KernelConfig config, string symbol, decimal qty) =>
        config.Instruments.Find(Symbols.Key(symbol)).Case is not Instrument i ? null
        : qty % i.QtyStep != 0 ? string.Create(CultureInfo.InvariantCulture, $"qty {qty} is not a multiple of {symbol}'s step {i.QtyStep}")
        : qty < i.MinQty ? string.Create(CultureInfo.InvariantCulture, $"qty {qty} is below {symbol}'s minimum {i.MinQty}")
        : null;

    /// <summary>The exit quantity for an open quantity: rounded down to the step; 0 when nothing sendable is left.</summary>
    public static decimal ExitQty(KernelConfig config, string symbol, decimal open)
    {
        if (config.Instruments.Find(Symbols.Key(symbol)).Case is not Instrument i) return open;
        var qty = Math.Floor(open / i.QtyStep) * i.QtyStep;
        return qty < i.MinQty ? 0 : qty;
    }
}
