namespace Pink.Shell.Simulator.Engine;

/// <summary>
/// One funding settlement on the venue's books: every open position pays or receives rate × |qty| × mark — a long
/// pays when the rate is positive and a short receives it, the other way round when it is negative. The wallet moves
/// by the amount, and each position's payment is a FUNDING_FEE income record (tradeId empty: no trade caused it). The
/// position's realised figure (`cr`, realisedProfit) is left alone: it is the trading result, fees included, funding not.
/// </summary>
internal static class Funding
{
    /// <summary>
    /// Settles each open position in a stable order and calls <paramref name="settled"/> with it and the signed amount
    /// right after its wallet move (so its account update says the wallet as it was then); returns the total move.
    /// </summary>
    public static decimal Settle(SimBook book, decimal rate, long now, Action<SimPosition, decimal> settled)
    {
        book.LastFundingRate = rate;
        var total = 0m;
        foreach (var p in book.Positions.Values.Where(p => p.Qty > 0)
                     .OrderBy(p => p.Symbol, StringComparer.Ordinal).ThenBy(p => p.Side, StringComparer.Ordinal))
        {
            var amount = Math.Round(-rate * p.Sign * p.Qty * book.MarkOf(p.Symbol), 8, MidpointRounding.AwayFromZero);
            if (amount == 0) continue;
            book.Wallet += amount;
            book.FundingTotal += amount;
            var id = book.NextFundingId().ToString(System.Globalization.CultureInfo.InvariantCulture);
            book.Incomes.Add(new SimIncome(p.Symbol, "FUNDING_FEE", amount, book.Options.Asset, "Funding Fee", now,
                $"{id}_{p.Id}_FUNDING", ""));
            total += amount;
            settled(p, amount);
        }
        return total;
    }

    /// <summary>The first settlement time after <paramref name="nowMs"/>: the next multiple of the period since the epoch.</summary>
    public static long NextSettlement(long nowMs, TimeSpan period)
    {
        var ms = (long)period.TotalMilliseconds;
        return (nowMs / ms + 1) * ms;
    }
}
