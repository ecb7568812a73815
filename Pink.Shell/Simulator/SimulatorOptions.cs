namespace Pink.Shell.Simulator;

/// <summary>How the simulated venue behaves. Defaults follow BingX's standard USDT-M terms.</summary>
/// <param name="ApiKey">The key the simulator accepts in X-BX-APIKEY.</param>
/// <param name="ApiSecret">The secret it verifies signatures with.</param>
/// <param name="Port">TCP port on 127.0.0.1; 0 picks a free one.</param>
/// <param name="InitialWallet">Starting wallet balance (USDT).</param>
/// <param name="TakerFeeRate">Fee rate of orders that take liquidity (MARKET, marketable LIMIT).</param>
/// <param name="MakerFeeRate">Fee rate of resting LIMIT orders when the mark reaches them.</param>
/// <param name="DefaultLeverage">Leverage of a symbol side until set.</param>
/// <param name="FillSlices">Each order fills in this many partial fills (1: one fill).</param>
/// <param name="SliceSlippage">A MARKET order's k-th slice fills k × this fraction worse than the mark (partial fills at distinct prices).</param>
/// <param name="PriceDecimals">Fill prices are rounded to this many decimals.</param>
/// <param name="QtyDecimals">Slice quantities are rounded to this many decimals.</param>
/// <param name="PingInterval">How often the server sends `Ping` on every socket; null: only on <see cref="BingxSimulator.SendPing"/>.</param>
/// <param name="MaxUnansweredPings">A Ping that finds this many earlier Pings unanswered drops the socket instead, as BingX does.</param>
/// <param name="ListenKeyLifetime">A listenKey expires this long after its creation or last extension.</param>
/// <param name="ServerClockOffset">How far the simulated server clock runs ahead of the local one (tests the client's offset).</param>
/// <param name="Asset">The wallet asset name (`USDT`; VST reports `VST`).</param>
/// <param name="Time">Clock of the venue.</param>
public sealed record SimulatorOptions(
    string ApiKey = "sim-api-key-0123456789",
    string ApiSecret = "sim-api-secret-do-not-log-0123456789abcdef",
    int Port = 0,
    decimal InitialWallet = 10_000m,
    decimal TakerFeeRate = 0.0005m,
    decimal MakerFeeRate = 0.0002m,
    int DefaultLeverage = 1,
    int FillSlices = 1,
    decimal SliceSlippage = 0.0005m,
    int PriceDecimals = 6,
    int QtyDecimals = 6,
    TimeSpan? PingInterval = null,
    int MaxUnansweredPings = 2,
    TimeSpan? ListenKeyLifetime = null,
    TimeSpan ServerClockOffset = default,
    string Asset = "USDT",
    TimeProvider? Time = null)
{
    /// <summary>The clock in force.</summary>
    public TimeProvider Clock => Time ?? TimeProvider.System;

    /// <summary>The listenKey lifetime in force (60 minutes).</summary>
    public TimeSpan KeyLifetime => ListenKeyLifetime ?? TimeSpan.FromMinutes(60);
}
