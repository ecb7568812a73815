using Pink.Core;

namespace Pink.Core.Bingx;

/// <summary>Cumulative venue reports → one incremental kernel fill (shared by the stream and REST order queries).</summary>
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
    /// <param name="lastQty">`l`: last fill quantity, used only when no cumulative quantity is sent.</param>
    /// <param name="realized">`rp`: the exchange's realized PnL of this fill.</param>
    /// <param name="commission">`n`: commission of this fill, BingX sign (negative = paid).</param>
    /// <param name="positionSide">The position the fill belongs to (`ps`), when the venue says.</param>
    /// <param name="time">Receive time (ms).</param>
    /// <param name="cumulativeSettlement">True when rp and commission are cumulative over the order (REST order query).</param>
    public static Pink.Core.Fill? FromCumulative(KernelState state, long? venueId, string? clientId, string symbol, OrderSide side,
        decimal? cumQty, decimal? avgPrice, decimal? lastPrice, decimal? lastQty, decimal? realized, decimal? commission, long time,
        PositionSide? positionSide = null, bool cumulativeSettlement = false)
    {
        var known = Queries.ProgressOf(state, venueId, clientId);
        var prevQty = known?.CumQty ?? 0m;
        var prevAvg = known?.AvgPrice ?? 0m;
        decimal qty;
        if (cumQty is decimal z) qty = z - prevQty;
        else if (lastQty is decimal l) { qty = l; cumQty = prevQty + l; }
        else return null;

        var price = TruePrice(lastPrice, avgPrice, cumQty.Value, prevQty, prevAvg);
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
            settlement = new ExchangeSettlement(rp, fee);
        }
        // One identity whichever channel reported the fill (the stream or an order answer): the order and its cumulative
        // quantity. A report of a quantity already applied is then the kernel's duplicate, never a second fill.
        var id = string.Create(CultureInfo.InvariantCulture, $"fill:{venueId?.ToString(CultureInfo.InvariantCulture) ?? clientId}:{Json.Fmt(cumQty.Value)}");
        return new Pink.Core.Fill(venueId, clientId, symbol, side, qty, price, time, id, cumQty, avgPrice, settlement, positionSide);
    }

    /// <summary>`L` when present, else the cumulative-average derivation, else 0.0 (unknown).</summary>
    public static decimal TruePrice(decimal? lastPrice, decimal? avgPrice, decimal cumQty, decimal prevQty, decimal prevAvg)
    {
        if (lastPrice is decimal last && Pnl.Usable(last)) return last;
        // Without the previous average the derivation would credit earlier fills to this one: unknown instead.
        var previousKnown = prevQty <= KernelConfig.QtyEpsilon || Pnl.Usable(prevAvg);
        if (avgPrice is decimal ap && Pnl.Usable(ap) && previousKnown && cumQty - prevQty > KernelConfig.QtyEpsilon)
        {
            var derived = (ap * cumQty - prevAvg * prevQty) / (cumQty - prevQty);
            if (Pnl.Usable(derived)) return derived;
        }
        return 0m;
    }
}
