using Pink.Shell.Simulator.Wire;

namespace Pink.Shell.Simulator.Engine;

/// <summary>
/// Funding settlements: each charged position's ACCOUNT_UPDATE with `m` FUNDING_FEE and its amount as `bc` — with
/// `P` of that position as BingX documents for isolated positions, or `B` only (the cross shape) when configured.
/// </summary>
internal sealed partial class SimExchange
{
    /// <summary>Settles funding at <paramref name="rate"/>; returns the wallet's total move.</summary>
    public decimal ChargeFunding(decimal rate)
    {
        lock (_lock)
        {
            var time = now();
            var total = Funding.Settle(book, rate, time, (position, amount) =>
                frames.Barrier(UserFrames.AccountUpdate(book, "FUNDING_FEE", amount,
                    book.Options.FundingUpdateCarriesPosition ? position : null, time)));
            frames.Flush();
            return total;
        }
    }
}
