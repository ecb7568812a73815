using System.Globalization;
using System.Text;
using Pink.Core;
using Pink.Shell.Simulator;

namespace Pink.Shell.Soak;

/// <summary>One closed trade: the kernel's realized and fees beside the venue's income records for its orders' fills.</summary>
/// <param name="VenueOrders">Venue orders that traded for it (ours by client id, the venue's own by order id).</param>
/// <param name="UnlinkedOrders">Of those, orders no kernel Order record of the trade names (by client or venue id).</param>
/// <param name="Tolerance">The venue's fees of the trade + its exit notional × 3 × the venue's slice slippage.</param>
public sealed record SoakTradeCheck(string TradeId, string Symbol, string Side, decimal Qty, string External, decimal? Realized, decimal VenueRealized,
    decimal? Fees, decimal VenueFees, string PnlSource, bool SkippedNoPrice, int VenueOrders, int UnlinkedOrders, decimal Tolerance)
{
    // A trade the kernel does not know is as far off as can be.
    public decimal Difference => Realized is decimal r && Fees is decimal f ? Math.Abs(r - VenueRealized) + Math.Abs(f - VenueFees) : decimal.MaxValue;
    public bool Exact => Realized is decimal r && Fees is decimal f && Math.Abs(r - VenueRealized) <= SoakReport.Cent && Math.Abs(f - VenueFees) <= SoakReport.Cent;
    public bool Flagged => Difference > Tolerance;
}

/// <summary>The figures a soak prints, and whether it passed.</summary>
public sealed class SoakReport
{
    public const decimal Cent = 0.01m;

    /// <summary>Diagnostics that mean the ledger, the positions or the input could not be explained.</summary>
    public static readonly string[] ErrorKinds =
    [
        DiagnosticKinds.LedgerDivergence, DiagnosticKinds.PositionMismatch, DiagnosticKinds.UnresolvedSlot,
        DiagnosticKinds.MalformedInput, DiagnosticKinds.PnlMismatch, DiagnosticKinds.InternalError,
    ];

    private SoakReport(SoakResult r)
    {
        Result = r;
        foreach (var d in r.Diagnostics.Where(d => ErrorKinds.Contains(d.Kind)))
        {
            if (d.Kind == DiagnosticKinds.UnresolvedSlot && IsForeignAck(d.Detail, r.ExternalOrderIds)) ForeignAcks++;
            else Unexplained.Add(d);
        }
        Checks = r.Trades.Where(t => t.Closed).Select(t => Check(t, r)).ToList();
    }

    public SoakResult Result { get; }
    public List<(string Kind, string Detail)> Unexplained { get; } = [];
    /// <summary>NEW frames of orders Pink never placed (web-UI closes, exchange-side stops): an ack of an unknown id.</summary>
    public int ForeignAcks { get; }
    public IReadOnlyList<SoakTradeCheck> Checks { get; }
    public decimal? WorstIdle => Result.IdleDifferences.Count == 0 ? null : Result.IdleDifferences.Max();
    public bool Passed => Unexplained.Count == 0 && WorstIdle <= Cent && !Checks.Any(c => c.Flagged) && Result.Stuck.Count == 0
        && Result.Trades.All(t => t.Closed);

    public static SoakReport Of(SoakResult r) => new(r);

    private static bool IsForeignAck(string detail, IReadOnlySet<long> external)
    {
        const string prefix = "ack for unknown client order id";
        if (!detail.StartsWith(prefix, StringComparison.Ordinal)) return false;
        var at = detail.LastIndexOf("(venue ", StringComparison.Ordinal);
        return at >= 0 && long.TryParse(detail[(at + 7)..].TrimEnd(')'), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) && external.Contains(id);
    }

    private static SoakTradeCheck Check(SoakTrade t, SoakResult r)
    {
        var venue = r.Venue;
        var orders = t.OurClientIds.Select(c => venue.Orders.FirstOrDefault(o => o.ClientOrderId == c.ToLowerInvariant()))
            .Concat(t.ExternalOrderIds.Select(id => venue.Orders.FirstOrDefault(o => o.OrderId == id)))
            .OfType<SimOrderView>().Where(o => o.Fills.Count > 0).ToList();
        var tradeIds = orders.SelectMany(o => o.Fills).Select(f => f.TradeId.ToString(CultureInfo.InvariantCulture)).ToHashSet();
        var income = venue.Income.Where(i => tradeIds.Contains(i.TradeId)).ToList();
        var rp = income.Where(i => i.Type is "REALIZED_PNL" or "INSURANCE_CLEAR" or "ADL").Sum(i => i.Income);
        var fees = -income.Where(i => i.Type == "TRADING_FEE").Sum(i => i.Income);
        var entry = t.OurClientIds[0].ToLowerInvariant();
        var exitNotional = orders.Where(o => o.ClientOrderId != entry).SelectMany(o => o.Fills).Sum(f => f.Qty * f.Price);
        var tolerance = fees + exitNotional * 3 * venue.Options.SliceSlippage;

        var k = r.History.Trade(r.State, t.Id);
        var kernelOrders = r.History.Orders(r.State, t.Id).ToList();
        var unlinked = orders.Count(v => !kernelOrders.Any(o => o.VenueOrderId == v.OrderId
            || (!o.External && string.Equals(o.ClientOrderId, v.ClientOrderId, StringComparison.OrdinalIgnoreCase))));
        var external = string.Join(",", t.External.Select(Name));
        return new SoakTradeCheck(t.Id, t.Symbol, t.Side, t.Qty, external.Length == 0 ? "-" : external, k?.RealizedPnl, rp,
            k?.Fees, fees, k is null ? "missing" : Names.Of(k.PnlSource),
            k is not null && k.Flags.HasFlag(TradeFlags.RealizedSkippedNoPrice), orders.Count, unlinked, tolerance);
    }

    public static string Name(ExternalKind k) => k switch
    {
        ExternalKind.Liquidation => "liquidation",
        ExternalKind.Adl => "adl",
        ExternalKind.ExchangeStop => "stop",
        ExternalKind.SilentStop => "silent-stop",
        ExternalKind.WebUiClose => "web-ui",
        _ => "web-ui-part",
    };

    public string Text(int tableLimit = 25)
    {
        var r = Result;
        var c = CultureInfo.InvariantCulture;
        var b = new StringBuilder();
        var trades = r.Trades;
        var externals = trades.SelectMany(t => t.External).GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        int Ext(ExternalKind k) => externals.GetValueOrDefault(k);
        var fills = r.Venue.Orders.Sum(o => o.Fills.Count);
        b.AppendLine(string.Create(c, $"soak: seed {r.Options.Seed}, {r.Steps / 60.0:0.##} simulated hours in {r.Steps} steps of 1 min, wall {r.Wall.TotalSeconds:0.0} s"));
        b.AppendLine($"venue: in-process simulator, hedge mode, stream merge random (seed {r.Options.Seed}), 1-3 partial fills, MARKET protective bound 22 % in p");
        b.AppendLine($"slots {r.Slots}, symbols {string.Join(" ", r.Symbols)}");
        b.AppendLine($"trades opened {trades.Count}  closed {trades.Count(t => t.Closed)}  (kernel: {r.History.Trades(r.State).Count(t => t.Closed)} closed of {r.History.Trades(r.State).Count()}, {Queries.Trades(r.State).Count()} still in its state)");
        b.AppendLine($"fills {fills} (venue fills of {r.Venue.Orders.Count(o => o.Fills.Count > 0)} orders)");
        b.AppendLine($"external closes {externals.Values.Sum()}: liquidation {Ext(ExternalKind.Liquidation)}  adl {Ext(ExternalKind.Adl)}  exchange stop {Ext(ExternalKind.ExchangeStop)}"
            + $"  silent stop {Ext(ExternalKind.SilentStop)}  web-ui close {Ext(ExternalKind.WebUiClose)}  web-ui partial {Ext(ExternalKind.WebUiPartial)}");
        b.AppendLine(string.Create(c, $"funding events {r.FundingEvents} (venue funding {r.Venue.Account.Funding:0.########})"));
        b.AppendLine($"stream drops {r.StreamDrops} ({r.MidTradeDrops} mid-order; user-stream connections {r.UserStreamConnections})");
        b.AppendLine($"reconciliations {r.Reconciliations} (every {SoakOptions.ReconcileEverySteps} steps and at each of {r.IdleDifferences.Count} quiet moments)");
        var kinds = r.Diagnostics.GroupBy(d => d.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}");
        b.AppendLine($"diagnostics: {string.Join("  ", kinds)}");
        b.AppendLine($"unexplained reconcile errors: {Unexplained.Count}   (not counted: {ForeignAcks} acks of orders Pink never placed — NEW frames of web-UI closes and exchange stops)");
        foreach (var (kind, detail) in Unexplained.Take(10)) b.AppendLine($"  {kind} {detail}");
        b.AppendLine(string.Create(c, $"worst idle |capital - wallet|: {WorstIdle:0.########} over {r.IdleDifferences.Count} quiet moments"));
        foreach (var line in r.IdleBreaches.Take(10)) b.AppendLine($"  {line}");
        b.AppendLine(string.Create(c, $"end: kernel capital {r.State.Account.Capital:0.########}  venue wallet {r.Venue.Account.WalletBalance:0.########}  open positions at the venue {r.Venue.Positions.Count}"));
        foreach (var p in r.Venue.Positions)
            b.AppendLine(string.Create(c, $"  FINDING: venue position {p.Symbol} {p.Side} {p.Qty} left after every trade closed (entry {p.EntryPrice})"));
        var odd = r.Venue.Orders.Where(o => o.ClientOrderId.StartsWith("sk-", StringComparison.Ordinal) && decimal.Round(o.Quantity, 8) != o.Quantity).ToList();
        if (odd.Count > 0)
            b.AppendLine($"  FINDING: {odd.Count} of Pink's exit orders sent with a quantity off the venue's step (a double artefact), e.g. "
                + string.Join(", ", odd.Take(3).Select(o => string.Create(c, $"{o.ClientOrderId} {o.Symbol} {o.Quantity} ({o.Status})"))));
        if (r.EntriesRefused > 0) b.AppendLine($"entries refused by the kernel (ledger diverged): {r.EntriesRefused}");
        if (r.ClosesRefused > 0) b.AppendLine($"exits refused by the venue: {r.ClosesRefused}");
        if (r.Trades.Any(t => !t.Closed)) b.AppendLine($"trades still open at the end: {string.Join(" ", r.Trades.Where(t => !t.Closed).Select(t => t.Id))}");
        if (r.Rescued > 0) b.AppendLine($"external closes booked only after an extra reconciliation: {r.Rescued}");
        foreach (var line in r.Stuck.Take(10)) b.AppendLine($"STUCK {line}");

        var flagged = Checks.Where(x => x.Flagged).ToList();
        b.AppendLine();
        b.AppendLine($"trade checks: {Checks.Count} closed trades, {Checks.Count(x => x.Exact)} exact to the cent, {flagged.Count} flagged"
            + $" (realized and fees vs the venue's REALIZED_PNL and TRADING_FEE income joined by tradeId to the fills of the trade's orders;"
            + $" flagged when |Δrealized| + |Δfees| > the trade's venue fees + exit notional × 3 × slice slippage {r.Venue.Options.SliceSlippage:0.####})");
        var shown = Checks.Count <= tableLimit ? Checks : flagged.Concat(Checks.Where(x => !x.Flagged).OrderByDescending(x => x.Difference)).Take(tableLimit).ToList();
        if (Checks.Count > tableLimit) b.AppendLine($"(the {shown.Count} largest differences, flagged first)");
        b.AppendLine($"{"trade",-6} {"symbol",-9} {"side",-5} {"qty",9} {"external",-18} {"realized",13} {"venue rp",13} {"fees",11} {"venue fees",11} {"|diff|",11} {"tolerance",10} {"pnl_source",-15} {"orders",6}  flag");
        foreach (var x in shown)
            b.AppendLine(string.Create(c, $"{x.TradeId,-6} {x.Symbol,-9} {x.Side,-5} {x.Qty,9:0.###} {x.External,-18} {x.Realized,13:0.########} {x.VenueRealized,13:0.########} {x.Fees,11:0.########} {x.VenueFees,11:0.########} {x.Difference,11:0.########} {x.Tolerance,10:0.####} {x.PnlSource + (x.SkippedNoPrice ? "*" : ""),-15} {x.VenueOrders,6}  {(x.Flagged ? "FLAGGED" : x.Exact ? "ok" : "within")}")
                + (x.UnlinkedOrders > 0 ? $" ({x.UnlinkedOrders} venue order(s) not linked to the trade by the kernel)" : ""));
        if (Checks.Any(x => x.SkippedNoPrice)) b.AppendLine("* realized_skipped_no_price: an exit leg the kernel booked without a price");
        b.AppendLine();
        b.AppendLine(Passed ? "PASS: no unexplained reconcile error, idle capital = wallet within a cent, every closed trade within tolerance"
                            : "FAIL: " + string.Join("; ", new[]
                              {
                                  Unexplained.Count > 0 ? $"{Unexplained.Count} unexplained reconcile errors" : null,
                                  !(WorstIdle <= Cent) ? $"worst idle difference {WorstIdle?.ToString("0.########", c) ?? "(none measured)"} > {Cent}" : null,
                                  flagged.Count > 0 ? $"{flagged.Count} trades flagged" : null,
                                  r.Stuck.Count > 0 ? $"{r.Stuck.Count} waits timed out" : null,
                                  r.Trades.Any(t => !t.Closed) ? $"{r.Trades.Count(t => !t.Closed)} trades could not be closed" : null,
                              }.OfType<string>()));
        return b.ToString();
    }
}
