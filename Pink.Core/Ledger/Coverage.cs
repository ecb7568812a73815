using LanguageExt;

namespace Pink.Core;

/// <summary>
/// Which fills a wallet balance already contains — the rule that makes the ledger independent of the order in which
/// the venue's channels deliver a fill and its account update.
/// <para>
/// Invariants (stated over the account's <see cref="Account.Unconfirmed"/> fills and <see cref="Account.Ahead"/> leads):
/// capital = last wallet balance + Σ wallet deltas of the unconfirmed fills, so a fill moves capital exactly once,
/// whichever arrives first; an account update's positions (<c>a.P</c>) confirm, oldest first, the unconfirmed fills
/// that explain the position change since the last report, and a change no fill has shown yet becomes a lead, so the
/// fills behind it move no capital when they come (the wallet holds them); the K-ledger takes every fill and is
/// compared with capital only when no explained lead is outstanding — before that the wallet holds fills the kernel
/// has not seen and the two cannot agree. A lead counts as explained up to what our working orders can still fill
/// and, on a dedicated account, up to what reduces a position we hold (the exchange closing it: its fill, or the next
/// positions report, books it); any other change never defers a check. Fills a poll of the whole wallet showed stay
/// listed (delta 0, <see cref="UnconfirmedFill.Polled"/>) until the next poll, so an account update the poll
/// overtook is recognised as older and moves nothing.
/// </para>
/// Position figures are signed (long +, short −); a one-way report (positionSide BOTH) is compared with the net of
/// both sides.
/// </summary>
internal static class Coverage
{
    /// <summary>
    /// More unconfirmed fills than this (the venue is not confirming fills one by one: no positions on its account
    /// updates, or orders working for a long time) are kept merged: the oldest joins the next of its position, so the
    /// list stays short and its sum — capital's part — stays exact.
    /// </summary>
    public const int MaxUnconfirmed = 32;

    /// <summary>
    /// The part of a fill already shown by a wallet report, after consuming the leads it explains: the fraction of its
    /// quantity (0..1) and the part of its wallet delta the wallet holds — the leads' own figure where their report told
    /// it, else the fill's delta pro rata.
    /// </summary>
    public static (decimal Fraction, decimal WalletDelta) Consume(Step s, FillMove move, decimal delta)
    {
        var a = s.Account;
        if (a.Ahead.IsEmpty || Same(move.Qty, 0)) return (0, 0);
        var left = Math.Abs(move.Qty);
        var sign = Math.Sign(move.Qty);
        var ahead = a.Ahead;
        var covered = 0.0m;
        // Explained leads first; an unexplained one is a change no order of ours could make — a fill of an order we never
        // placed (booked as an external close) is what it was.
        foreach (var explained in new[] { true, false })
            for (var i = 0; i < ahead.Count && left > 0; i++)
            {
                var l = ahead[i];
                if (l.Explained != explained || l.Key != move.Key || l.Side is PositionSide side && side != move.Side || Math.Sign(l.Qty) != sign) continue;
                var take = Math.Min(left, Math.Abs(l.Qty));
                left -= take;
                var rest = l.Qty - sign * take;
                var share = take / Math.Abs(l.Qty);
                covered += l.WalletDelta is decimal known ? known * share : delta * take / Math.Abs(move.Qty);
                if (Same(rest, 0)) ahead = ahead.RemoveAt(i--);
                else ahead = ahead.SetItem(i, l with { Qty = rest, WalletDelta = l.WalletDelta * (1 - share) });
            }
        if (Same(left, 0)) left = 0;
        s.Put(a with { Ahead = ahead });
        return (1 - left / Math.Abs(move.Qty), covered);
    }

    /// <summary>The account with the part of a fill no report has confirmed yet remembered as unconfirmed.</summary>
    public static Account Record(Account a, FillMove move, decimal fraction, decimal walletDelta)
    {
        var qty = move.Qty * fraction;
        if (Same(qty, 0)) return a;
        return Bounded(a, a.Unconfirmed.Add(new UnconfirmedFill(move.Key, move.Side, qty, walletDelta)));
    }

    /// <summary>
    /// The account with a settlement that came after its fill (no position change) remembered as unconfirmed: only a
    /// report of the whole wallet (a poll, a trade's report without positions, a flow whose amount it explains)
    /// confirms it.
    /// </summary>
    public static Account RecordSettlement(Account a, string key, PositionSide side, decimal walletDelta) => Bounded(a,
        a.Unconfirmed.Add(new UnconfirmedFill(key, side, 0, walletDelta)));

    private static Account Bounded(Account a, Arr<UnconfirmedFill> unconfirmed)
    {
        if (unconfirmed.Count <= MaxUnconfirmed) return a with { Unconfirmed = unconfirmed };
        var oldest = unconfirmed[0];
        for (var i = 1; i < unconfirmed.Count; i++)
        {
            var u = unconfirmed[i];
            if (u.Key != oldest.Key || u.Side != oldest.Side || u.Polled != oldest.Polled) continue;
            var merged = u with { Qty = u.Qty + oldest.Qty, WalletDelta = u.WalletDelta + oldest.WalletDelta };
            return a with { Unconfirmed = unconfirmed.SetItem(i, merged).RemoveAt(0) };
        }
        // Nothing of its position to join: taken as confirmed (its delta leaves capital at the next report).
        return a with { Unconfirmed = unconfirmed.RemoveAt(0) };
    }

    /// <summary>
    /// A check the last anchor deferred, once no explained lead is left: the K-ledger against capital. Returns the
    /// difference (capital − K) when the check ran.
    /// </summary>
    public static decimal? CheckIfDue(Step s, ref Account a)
    {
        if (!a.CheckPending || HasExplainedLead(a.Ahead) || !a.UnknownLegs.IsEmpty) return null;
        var missed = FundingFlows.Explains(s, ref a, a.Capital - a.KLedger);
        a = a with { KLedger = a.KLedger + missed };
        var difference = a.Capital - a.KLedger;
        a = a with { KLedger = a.Capital, CheckPending = false, EntriesBlocked = Diverged(s, a.KLedger, a.Capital, difference) };
        return difference;
    }

    /// <summary>True (and LEDGER_DIVERGENCE reported) when the K-ledger and the exchange's figure differ beyond tolerance.</summary>
    public static bool Diverged(Step s, decimal kLedger, decimal exchange, decimal difference)
    {
        if (Math.Abs(difference) <= s.Config.DivergenceTolerance) return false;
        s.Diag(DiagnosticKinds.LedgerDivergence, Severity.Error,
            string.Create(CultureInfo.InvariantCulture, $"K-ledger {kLedger:0.########} vs wallet {exchange:0.########} (diff {difference:0.########}, tolerance {s.Config.DivergenceTolerance}); entries refused until an anchor agrees"));
        return true;
    }

    public static bool HasExplainedLead(Arr<ExchangeLead> ahead)
    {
        foreach (var l in ahead)
            if (l.Explained) return true;
        return false;
    }

    /// <summary>
    /// The positions an account update reports: per position, the change since the exchange's figure before every
    /// unconfirmed fill confirms the shortest run of them, oldest first, that adds up to it; what no fill explains
    /// becomes a lead. <paramref name="stale"/> is true when the update confirmed only fills a poll had already shown
    /// (it was overtaken by that poll: its balance is older than the one capital holds).
    /// </summary>
    public static (Arr<UnconfirmedFill> Unconfirmed, Arr<ExchangeLead> Ahead) Confirm(Step s, IReadOnlyList<ExchangePosition> positions,
        Arr<UnconfirmedFill> unconfirmed, Arr<ExchangeLead> ahead, decimal? walletMove, out bool stale)
    {
        var (confirmedPolled, confirmedNew) = (false, false);
        var (pendingBefore, appended) = (Deltas(unconfirmed), 0);
        foreach (var p in positions)
        {
            if (p is null || string.IsNullOrWhiteSpace(p.Symbol) || p.Qty < 0 || p.Qty > Pnl.Max)
            {
                s.Diag(DiagnosticKinds.MalformedInput, Severity.Warning, string.Create(CultureInfo.InvariantCulture, $"account update: unusable position {p}"));
                continue;
            }
            var key = Symbols.Key(p.Symbol);
            PositionSide? side = p.OneWay ? null : p.Side;
            var reported = Names.Sign(p.Side) * p.Qty;
            var change = reported - (Held(s, key, side) - Sum(unconfirmed, key, side, polled: null) + Sum(ahead, key, side));
            if (Same(change, 0, reported)) continue;
            // An update older than a poll shows a run of the fills that poll already showed.
            if (PolledRun(unconfirmed, key, side, change) is int last)
            {
                unconfirmed = Without(unconfirmed, key, side, last, polledOnly: true);
                confirmedPolled = true;
                continue;
            }
            // Otherwise it is newer than the poll: the fills the poll showed are reported (an update of theirs still to
            // come would be older), and the change is counted from after them.
            unconfirmed = new Arr<UnconfirmedFill>(unconfirmed.Where(u => !(u.Polled && In(u, key, side))));
            change = reported - (Held(s, key, side) - Sum(unconfirmed, key, side, polled: null) + Sum(ahead, key, side));
            if (Same(change, 0, reported)) continue;
            var before = Sum(unconfirmed, key, side, polled: null);
            (unconfirmed, change) = ConfirmRun(unconfirmed, key, side, change);
            confirmedNew |= !Same(before, Sum(unconfirmed, key, side, polled: null));
            if (!Same(change, 0, reported))
            {
                var count = ahead.Count;
                ahead = AddLead(s, ahead, key, side, change);
                appended += Math.Max(0, ahead.Count - count);
                confirmedNew = true;
            }
        }
        stale = confirmedPolled && !confirmedNew;
        if (walletMove is decimal move && appended > 0) ahead = WithWalletDelta(ahead, appended, move - (pendingBefore - Deltas(unconfirmed)));
        return (unconfirmed, ahead);
    }

    // The wallet's move beyond the fills the report confirmed is what its new leads moved it by. Told apart only when they
    // are of one position (split pro rata between its explained and unexplained part, which one fill made): the profits
    // of two positions cannot be separated from one balance.
    private static Arr<ExchangeLead> WithWalletDelta(Arr<ExchangeLead> ahead, int appended, decimal leadsMove)
    {
        var first = ahead.Count - appended;
        var total = 0.0m;
        for (var i = first; i < ahead.Count; i++)
        {
            if (ahead[i].Key != ahead[first].Key || ahead[i].Side != ahead[first].Side) return ahead;
            total += Math.Abs(ahead[i].Qty);
        }
        for (var i = first; i < ahead.Count; i++)
            ahead = ahead.SetItem(i, ahead[i] with { WalletDelta = leadsMove * Math.Abs(ahead[i].Qty) / total });
        return ahead;
    }

    private static decimal Deltas(Arr<UnconfirmedFill> unconfirmed)
    {
        var sum = 0.0m;
        foreach (var u in unconfirmed) sum += u.WalletDelta;
        return sum;
    }

    // The shortest run of the position's unconfirmed fills, oldest first, whose quantities add up to the change; else
    // the oldest fills as far as they move it the way the exchange says it moved (a fill the venue split otherwise is
    // confirmed in part), the rest of the change being the exchange's lead.
    private static (Arr<UnconfirmedFill>, decimal Left) ConfirmRun(Arr<UnconfirmedFill> unconfirmed, string key, PositionSide? side, decimal change)
    {
        var sum = 0.0m;
        for (var i = 0; i < unconfirmed.Count; i++)
        {
            if (!In(unconfirmed[i], key, side)) continue;
            sum += unconfirmed[i].Qty;
            if (unconfirmed[i].Qty != 0 && Same(sum, change, change)) return (Without(unconfirmed, key, side, i), 0);
        }
        for (var i = 0; i < unconfirmed.Count && !Same(change, 0); i++)
        {
            var u = unconfirmed[i];
            if (!In(u, key, side) || u.Qty == 0) continue;
            if (Math.Sign(u.Qty) != Math.Sign(change)) break;
            if (Math.Abs(u.Qty) <= Math.Abs(change) || Same(u.Qty, change))
            {
                change -= u.Qty;
                unconfirmed = unconfirmed.RemoveAt(i--);
            }
            else
            {
                var rest = (u.Qty - change) / u.Qty;
                unconfirmed = unconfirmed.SetItem(i, u with { Qty = u.Qty - change, WalletDelta = u.WalletDelta * rest });
                change = 0;
            }
        }
        return (unconfirmed, change);
    }

    // The unconfirmed fills without those of the position up to and including index `last` (only polled ones, if asked).
    private static Arr<UnconfirmedFill> Without(Arr<UnconfirmedFill> unconfirmed, string key, PositionSide? side, int last, bool polledOnly = false)
    {
        var kept = new List<UnconfirmedFill>(unconfirmed.Count);
        for (var i = 0; i < unconfirmed.Count; i++)
            if (i > last || !In(unconfirmed[i], key, side) || polledOnly && !unconfirmed[i].Polled) kept.Add(unconfirmed[i]);
        return new Arr<UnconfirmedFill>(kept);
    }

    /// <summary>
    /// A wallet move of <paramref name="traded"/> beyond the report's own amount confirms the oldest unconfirmed fills
    /// whose wallet deltas come closest to it (none when it is nearest to zero): the kernel's delta of a fill without a
    /// price differs from the venue's, so an exact match cannot be required.
    /// </summary>
    public static Arr<UnconfirmedFill> ConfirmByAmount(Arr<UnconfirmedFill> unconfirmed, decimal traded)
    {
        var (best, bestGap, sum) = (0, Math.Abs(traded), 0.0m);
        for (var n = 1; n <= unconfirmed.Count; n++)
        {
            sum += unconfirmed[n - 1].WalletDelta;
            if (Math.Abs(sum - traded) < bestGap) (best, bestGap) = (n, Math.Abs(sum - traded));
        }
        return best == 0 ? unconfirmed : new Arr<UnconfirmedFill>(unconfirmed.Skip(best));
    }

    /// <summary>
    /// A poll of the whole wallet holds every fill seen so far; their own updates may still come (see Polled). Fills an
    /// earlier poll showed are forgotten: an update of theirs would now be a whole poll interval late.
    /// </summary>
    public static Arr<UnconfirmedFill> Polled(Arr<UnconfirmedFill> unconfirmed)
    {
        var kept = new List<UnconfirmedFill>(unconfirmed.Count);
        foreach (var u in unconfirmed)
            if (u.Qty != 0 && !u.Polled) kept.Add(u with { Polled = true, WalletDelta = 0 });
        return new Arr<UnconfirmedFill>(kept);
    }

    // A lead is explained as far as our working orders of that position can still fill in that direction — and, on a
    // dedicated account, as far as it reduces a position we hold: the exchange closing it (liquidation, a stop) shows
    // the fill later, or the next positions report shows the reduction, and either books it.
    private static Arr<ExchangeLead> AddLead(Step s, Arr<ExchangeLead> ahead, string key, PositionSide? side, decimal change)
    {
        var sign = Math.Sign(change);
        var capacity = Working(s, key, side, sign > 0 ? OrderSide.Buy : OrderSide.Sell);
        var held = Held(s, key, side);
        if (s.Config.AccountMode == AccountMode.Dedicated && Math.Sign(held) == -sign) capacity += Math.Abs(held);
        foreach (var l in ahead)
            if (l.Explained && l.Key == key && l.Side == side && Math.Sign(l.Qty) == sign) capacity -= Math.Abs(l.Qty);
        var explained = Math.Clamp(capacity, 0, Math.Abs(change));
        if (!Same(explained, 0)) ahead = ahead.Add(new ExchangeLead(key, side, sign * explained, true));
        var rest = Math.Abs(change) - explained;
        if (Same(rest, 0, change)) return ahead;
        // One unexplained lead per position, netted: a position we do not hold that moves back and forth (another
        // runtime's, on a shared account) must not grow the list.
        for (var i = 0; i < ahead.Count; i++)
            if (!ahead[i].Explained && ahead[i].Key == key && ahead[i].Side == side)
            {
                var net = ahead[i].Qty + sign * rest;
                return Same(net, 0) ? ahead.RemoveAt(i) : ahead.SetItem(i, ahead[i] with { Qty = net });
            }
        return ahead.Add(new ExchangeLead(key, side, sign * rest, false));
    }

    /// <summary>True when an order of ours is live (sent or working): a fill of it may be on its way.</summary>
    public static bool OrdersWorking(Step s)
    {
        for (var i = 0; i < s.SlotCount; i++)
        {
            var slot = s.SlotAt(i)!;
            if (s.OrderOf(slot.EntryOrder) is { Status: OrderStatus.Working } || s.OrderOf(slot.ExitOrder) is { Status: OrderStatus.Working }) return true;
        }
        return false;
    }

    // What our live orders of that position can still fill on one side.
    private static decimal Working(Step s, string key, PositionSide? side, OrderSide direction)
    {
        var total = 0.0m;
        for (var i = 0; i < s.SlotCount; i++)
        {
            var slot = s.SlotAt(i)!;
            if (s.TradeOf(slot.TradeId) is not Trade t || Symbols.Key(t.Symbol) != key || side is PositionSide ps && ps != t.Side) continue;
            foreach (var id in new[] { slot.EntryOrder, slot.ExitOrder })
                if (s.OrderOf(id) is { Status: OrderStatus.Working } o && o.Side == direction) total += Math.Max(0, o.Qty - o.FilledQty);
        }
        return total;
    }

    // The kernel's signed position in the instrument (one side, or the net of both), over the trades the slots host.
    private static decimal Held(Step s, string key, PositionSide? side)
    {
        var held = 0.0m;
        for (var i = 0; i < s.SlotCount; i++)
            if (s.TradeOf(s.SlotAt(i)!.TradeId) is Trade t && Symbols.Key(t.Symbol) == key && (side is not PositionSide ps || ps == t.Side))
                held += Names.Sign(t.Side) * t.OpenQty;
        return held;
    }

    // Quantities of the position's unconfirmed fills: all, or only those a poll has (true) or has not (false) shown.
    private static decimal Sum(Arr<UnconfirmedFill> fills, string key, PositionSide? side, bool? polled)
    {
        var sum = 0.0m;
        foreach (var u in fills)
            if (In(u, key, side) && (polled is not bool p || u.Polled == p)) sum += u.Qty;
        return sum;
    }

    // The last index of the shortest run of the position's polled fills, oldest first, that adds up to the change.
    private static int? PolledRun(Arr<UnconfirmedFill> unconfirmed, string key, PositionSide? side, decimal change)
    {
        var sum = 0.0m;
        for (var i = 0; i < unconfirmed.Count; i++)
        {
            var u = unconfirmed[i];
            if (!In(u, key, side)) continue;
            if (!u.Polled) return null;
            sum += u.Qty;
            if (u.Qty != 0 && Same(sum, change, change)) return i;
        }
        return null;
    }

    private static decimal Sum(Arr<ExchangeLead> ahead, string key, PositionSide? side)
    {
        var sum = 0.0m;
        foreach (var l in ahead)
            if (l.Key == key && l.Side == side) sum += l.Qty;
        return sum;
    }

    private static bool In(UnconfirmedFill u, string key, PositionSide? side) => u.Key == key && (side is not PositionSide ps || ps == u.Side);

    // Quantities compare with a tolerance relative to their size (sums of fills of large positions).
    private static bool Same(decimal x, decimal y, decimal scale = 0) =>
        Math.Abs(x - y) <= Math.Max(KernelConfig.QtyEpsilon, 0.000000000001m * Math.Max(Math.Abs(scale), Math.Max(Math.Abs(x), Math.Abs(y))));
}

/// <summary>How one fill moves the kernel's position: instrument key, the side of its trade, signed quantity.</summary>
internal readonly record struct FillMove(string Key, PositionSide Side, decimal Qty);
