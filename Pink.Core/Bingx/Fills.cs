using Pink.Core;

namespace Pink.Core.Bingx;

/// <summary>
/// Cumulative venue reports → one incremental kernel fill (shared by the stream and REST order queries).
/// The increment is Δz = z − what the kernel already applied, and its price must price the whole increment: after a
/// lost frame Δz spans the lost fill(s) and the last one, and `L` prices only the last fill. So `L` is the price only
/// when nothing shows that it does not cover Δz — `l` is sent and covers Δz, or (no `l`) the cumulative-average
/// derivation d = (ap·z − ap_prev·z_prev) / Δz agrees with `L` within what the rounding of the reported averages
/// explains, or cannot be made (no `ap`, or the previous average unknown); otherwise the price is d (exact for the whole increment, up to that rounding), and 0 (unknown) when d cannot be
/// derived — never one fill's price for several fills.
/// </summary>
internal static class Fills
{
    /// <param name="state">The kernel state: what it already applied for this order.</param>
    /// <param name="venueId">The venue's order id, when reported.</param>
    /// <param name="clientId">Our client order id, when reported.</param>
    /// <param name="symbol">Instrument.</param>
    /// <param name="side">BUY or SELL.</param>
    /// <param name="cumQty">`z` / executedQty: cumulative filled quantity.</param>
    /// <param name="avgPrice">`ap` / avgPrice: cumulative average fill price.</param>
    /// <param name="lastPrice">`L`: last fill price, when the venue sends it.</param>
    /// <param name="lastQty">`l`: last fill quantity; the quantity when no cumulative one is sent, and what `L` prices.</param>
    /// <param name="realized">`rp`: the exchange's realized PnL of this fill.</param>
    /// <param name="commission">`n`: commission of this fill, BingX sign (negative = paid).</param>
    /// <param name="positionSide">The position the fill belongs to (`ps`), when the venue says.</param>
    /// <param name="time">Receive time (ms).</param>
    /// <param name="cumulativeSettlement">True when rp and commission are cumulative over the order (REST order query).</param>
    /// <param name="avgScale">Decimal places of `ap` as the venue wrote it (how finely it rounds its averages).</param>
    public static Pink.Core.Fill? FromCumulative(KernelState state, long? venueId, string? clientId, string symbol, OrderSide side,
        decimal? cumQty, decimal? avgPrice, decimal? lastPrice, decimal? lastQty, decimal? realized, decimal? commission, long time,
        PositionSide? positionSide = null, bool cumulativeSettlement = false, int avgScale = 0)
    {
        var known = Queries.ProgressOf(state, venueId, clientId);
        var prevQty = known?.CumQty ?? 0m;
        var prevAvg = known?.AvgPrice ?? 0m;
        decimal qty;
        if (cumQty is decimal z) qty = z - prevQty;
        else if (lastQty is decimal l) { qty = l; cumQty = prevQty + l; }
        else return null;

        var price = TruePrice(lastPrice, lastQty, avgPrice, avgScale, cumQty.Value, prevQty, prevAvg);
        ExchangeSettlement? settlement = null;
        if (realized is not null || commission is not null)
        {
            var rp = realized;
            var fee = commission is decimal n ? -n : 0m; // BingX: negative = paid; the kernel: positive = paid
            if (cumulativeSettlement && known is not null)
            {
                rp = rp is decimal r ? r - known.ExchangeRealized : null;
                fee -= known.Fees;
            }
            // A stream frame's rp and n are its own fill's: after a lost frame they cover only part of the increment.
            settlement = new ExchangeSettlement(rp, fee, Provisional: !cumulativeSettlement);
        }
        // One identity whichever channel reported the fill (the stream or an order answer): the order and its cumulative
        // quantity. A report of a quantity already applied is then the kernel's duplicate, never a second fill.
        var id = string.Create(CultureInfo.InvariantCulture, $"fill:{venueId?.ToString(CultureInfo.InvariantCulture) ?? clientId}:{Json.Fmt(cumQty.Value)}");
        return new Pink.Core.Fill(venueId, clientId, symbol, side, qty, price, time, id, cumQty, avgPrice, settlement, positionSide);
    }

    /// <summary>
    /// The price of the increment from <paramref name="prevQty"/> to <paramref name="cumQty"/>: `L` when it covers the
    /// increment, else the cumulative-average derivation, else 0.0 (unknown). See the class summary.
    /// </summary>
    public static decimal TruePrice(decimal? lastPrice, decimal? lastQty, decimal? avgPrice, int avgScale, decimal cumQty, decimal prevQty, decimal prevAvg)
    {
        var increment = cumQty - prevQty;
        var derived = Derived(avgPrice, cumQty, prevQty, prevAvg);
        if (lastPrice is decimal last && Pnl.Usable(last) && increment > KernelConfig.QtyEpsilon)
        {
            // `l` at least Δz: the increment lies inside the last fill (the top `l` of the cumulative quantity).
            if (lastQty is decimal l) { if (l >= increment) return last; }
            // Without `l` only the averages can show that the increment is more than the last fill; when they cannot
            // be read (no `ap`, or the previous average unknown) nothing contradicts `L`, the seed's first true price.
            else if (derived is not decimal d || Math.Abs(last - d) <= RoundingBound(avgPrice!.Value, avgScale, cumQty, prevQty, prevAvg)) return last;
        }
        return derived ?? 0m;
    }

    // (ap·z − ap_prev·z_prev) / Δz, or null when it cannot be derived: without the previous average the derivation would
    // credit earlier fills to this one, and an increment far below the figures' last place gives no number at all.
    private static decimal? Derived(decimal? avgPrice, decimal cumQty, decimal prevQty, decimal prevAvg)
    {
        var previousKnown = prevQty <= KernelConfig.QtyEpsilon || Pnl.Usable(prevAvg);
        if (avgPrice is decimal ap && Pnl.Usable(ap) && previousKnown && cumQty - prevQty > KernelConfig.QtyEpsilon)
        {
            try
            {
                var derived = (ap * cumQty - prevAvg * prevQty) / (cumQty - prevQty);
                if (Pnl.Usable(derived)) return derived;
            }
            catch (OverflowException) { }
        }
        return null;
    }

    // How far d may lie from the true price of the increment when the averages are rounded: half a unit in the last place
    // of ap times z/Δz, plus the same for the previous average times z_prev/Δz. The previous average is kept without its
    // trailing zeros, so its places are at least those the venue writes now (it rounds every average alike).
    private static decimal RoundingBound(decimal avgPrice, int avgScale, decimal cumQty, decimal prevQty, decimal prevAvg)
    {
        var increment = cumQty - prevQty;
        var scale = Math.Max(avgScale, avgPrice.Scale);
        try
        {
            var bound = HalfUnit(scale) * cumQty / increment;
            if (prevQty > KernelConfig.QtyEpsilon) bound += HalfUnit(Math.Max(scale, prevAvg.Scale)) * prevQty / increment;
            return bound;
        }
        catch (OverflowException)
        {
            return decimal.MaxValue; // the averages cannot tell anything about so small an increment
        }
    }

    private static decimal HalfUnit(int places)
    {
        var unit = 0.5m;
        for (var i = 0; i < places; i++) unit /= 10;
        return unit;
    }
}
