using Pink.Shell.Simulator;
using Pink.Shell.Venue;
using Pink.Tests.Venue;
using static Pink.Tests.Simulator.RawUserStream;

namespace Pink.Tests.Simulator;

/// <summary>
/// Funding settlements: every open position pays or receives rate × |qty| × mark, the wallet moves, a FUNDING_FEE
/// account update carries the amount as `bc`, and REST income lists one FUNDING_FEE record per position.
/// </summary>
public class FundingTests
{
    private static OrderRequest Market(string symbol, string side, string positionSide, decimal qty, string coid) =>
        new(symbol, side, positionSide, "MARKET", qty, ClientOrderId: coid);

    [Fact]
    public async Task FundingMovesTheWalletWithAFundingAccountUpdateAndAnIncomeRecord()
    {
        await using var v = await SimVenue.StartAsync();
        await using var stream = await RawUserStream.ConnectAsync(v);
        await v.Api.PlaceOrderAsync(Market("FET-USDT", "BUY", "LONG", 1000m, "pk-0-1"));
        await v.Api.PlaceOrderAsync(Market("BTC-USDT", "SELL", "SHORT", 0.01m, "pk-0-2"));
        var before = v.Sim.Account.WalletBalance;

        var moved = v.Sim.ChargeFunding(0.0001m);

        // The long pays 1000 × 0.18 × 0.0001; the short receives 0.01 × 60000 × 0.0001.
        Assert.Equal(0.06m - 0.018m, moved);
        Assert.Equal(before + moved, v.Sim.Account.WalletBalance);
        Assert.Equal(moved, v.Sim.Account.Funding);
        await stream.UntilAtLeast(8, "two orders and two funding updates");
        Assert.Equal(["FUND 0.06", "FUND -0.018"], stream.Labels[^2..]);
        var (btc, fet) = (stream.AccountUpdates[^2], stream.AccountUpdates[^1]);
        Assert.Equal("FUNDING_FEE", S(fet, "m"));
        Assert.Equal(("-0.01800000", before + moved), (S(fet.GetProperty("B")[0], "bc"), D(fet.GetProperty("B")[0], "wb")));
        Assert.Equal(before + 0.06m, D(btc.GetProperty("B")[0], "wb"));
        Assert.Equal(("FET-USDT", "LONG", "1000.00000000"),
            (S(fet.GetProperty("P")[0], "s"), S(fet.GetProperty("P")[0], "ps"), S(fet.GetProperty("P")[0], "pa")));   // isolated: its position

        var records = (await v.Api.GetIncomeAsync(new IncomeQuery(IncomeType: "FUNDING_FEE"))).Data.EnumerateArray().ToList();
        Assert.Equal(["BTC-USDT 0.06000000", "FET-USDT -0.01800000"], records.Select(i => $"{S(i, "symbol")} {S(i, "income")}"));
        Assert.All(records, i => Assert.Equal(("", "USDT"), (S(i, "tradeId"), S(i, "asset"))));
        Assert.Equal(2, records.Select(i => S(i, "tranId")).Distinct().Count());
        Assert.Equal(D((await v.Api.GetBalanceAsync()).Data.GetProperty("balance"), "balance"), v.Sim.Account.WalletBalance);

        v.Sim.ChargeFunding(-0.0002m);   // a negative rate: the long receives, the short pays
        Assert.Equal(before + moved + 0.036m - 0.12m, v.Sim.Account.WalletBalance);
        var (_, response) = await v.Api.GetMarkPriceAsync("FET-USDT");
        Assert.Equal("-0.00020000", S(response.Data, "lastFundingRate"));
    }

    [Fact]
    public async Task FundingOfACrossShapedUpdateCarriesOnlyTheBalance()
    {
        await using var v = await SimVenue.StartAsync(new SimulatorOptions(FundingUpdateCarriesPosition: false, PositionMode: PositionMode.OneWay));
        await using var stream = await RawUserStream.ConnectAsync(v);
        await v.Api.PlaceOrderAsync(Market("FET-USDT", "SELL", "BOTH", 1000m, "pk-1-1"));
        v.Sim.ChargeFunding(0.0001m);   // the net short receives
        await stream.UntilAtLeast(4, "the order and the funding update");
        var funding = stream.AccountUpdates[^1];
        Assert.Equal("FUND 0.018", stream.Labels[^1]);
        Assert.False(funding.TryGetProperty("P", out _));
        Assert.Equal(10_000m - 0.09m + 0.018m, v.Sim.Account.WalletBalance);
    }

    [Fact]
    public async Task FundingIsSettledByTheVenueAtEveryIntervalOfItsClock()
    {
        var clock = new ManualTime();
        var options = new SimulatorOptions(Time: clock, FundingInterval: TimeSpan.FromHours(8), FundingRate: 0.0002m);
        await using var v = await SimVenue.StartAsync(options);
        await v.Api.PlaceOrderAsync(Market("FET-USDT", "BUY", "LONG", 1000m, "pk-2-1"));
        var (_, index) = await v.Api.GetMarkPriceAsync("FET-USDT");
        var next = index.Data.GetProperty("nextFundingTime").GetInt64();
        Assert.Equal(0, next % (8 * 3600 * 1000));
        Assert.InRange(next - v.Sim.NowMs(), 1, 8 * 3600 * 1000);
        Assert.Equal("0.00020000", S(index.Data, "lastFundingRate"));
        Assert.Equal(0m, v.Sim.Account.Funding);

        clock.Advance(TimeSpan.FromHours(8));   // one settlement time passed
        await Eventually.True(() => v.Sim.Account.Funding == -0.036m, "one settlement: 1000 × 0.18 × 0.0002");
        clock.Advance(TimeSpan.FromHours(16));  // two at once: each is settled
        await Eventually.True(() => v.Sim.Account.Funding == -0.108m, "three settlements");
    }
}
