namespace Pink.Shell.Simulator;

/// <summary>How the simulated venue behaves. Defaults follow BingX's standard USDT-M terms.</summary>
/// <param name="ApiKey">The key the simulator accepts in X-BX-APIKEY.</param>
/// <param name="ApiSecret">The secret it verifies signatures with.</param>
/// <param name="Port">TCP port on 127.0.0.1; 0 picks a free one.</param>
/// <param name="WsPort">A second port for the streams (`/swap-market`), as BingX serves them from another host than REST;
/// null: the same port as REST. Both ports answer both kinds of request.</param>
/// <param name="InitialWallet">Starting wallet balance (USDT).</param>
/// <param name="TakerFeeRate">Fee rate of orders that take liquidity (MARKET, marketable LIMIT).</param>
/// <param name="MakerFeeRate">Fee rate of resting LIMIT orders when the mark reaches them.</param>
/// <param name="DefaultLeverage">Leverage of a symbol side until set.</param>
/// <param name="FillSlices">Each order fills in this many partial fills (1: one fill).</param>
/// <param name="SliceSlippage">A MARKET order's k-th slice fills k × this fraction worse than the mark (partial fills at distinct prices).</param>
/// <param name="PriceDecimals">Fill prices are rounded to this many decimals.</param>
/// <param name="QtyDecimals">Slice quantities are rounded to this many decimals, and an order quantity with more is refused
/// (the contract's quantityPrecision).</param>
/// <param name="PingInterval">How often the server sends `Ping` on every socket; null: only on <see cref="BingxSimulator.SendPing"/>.</param>
/// <param name="MaxUnansweredPings">A Ping that finds this many earlier Pings unanswered drops the socket instead, as BingX does.</param>
/// <param name="ListenKeyLifetime">A listenKey expires this long after its creation or last extension.</param>
/// <param name="ServerClockOffset">How far the simulated server clock runs ahead of the local one (tests the client's offset).</param>
/// <param name="Asset">The wallet asset name (`USDT`; VST reports `VST`).</param>
/// <param name="Time">Clock of the venue.</param>
/// <param name="EventOrder">
/// How the user stream merges a fill's ORDER_TRADE_UPDATE and ACCOUNT_UPDATE. <see cref="Simulator.EventOrder.AccountFirst"/>
/// (the default, as Binance-family streams commonly do it): each fill's account update, then its order update.
/// <see cref="Simulator.EventOrder.OrderFirst"/>: the order update first. <see cref="Simulator.EventOrder.Random"/>: a seeded
/// interleaving in which each channel keeps its own order but a frame may be passed by up to three later frames of the
/// other. In every mode an order's NEW frame comes before its fills' frames, and all of a REST call's frames are
/// queued to the sockets when the call has run (they may still arrive after its answer).
/// </param>
/// <param name="EventOrderSeed">Seed of the <see cref="Simulator.EventOrder.Random"/> interleaving: the same seed and the same calls give the same stream.</param>
/// <param name="PositionMode">
/// <see cref="Simulator.PositionMode.Hedge"/> (the default): LONG and SHORT positions per symbol, orders name one of them,
/// positionSide BOTH is refused (109400), reduceOnly is ignored. <see cref="Simulator.PositionMode.OneWay"/>: one signed net position per symbol;
/// orders must carry positionSide BOTH (LONG/SHORT are refused, 109400); BUY adds, SELL subtracts, a fill through zero
/// realizes the closed part and opens the rest the other way at the fill price; a reduceOnly=true order that would grow
/// |position| (same direction, or more than the position less other live reduce-only orders) is refused with 101400
/// rather than cut down, as an over-sized hedge close is. ACCOUNT_UPDATE `P[]` then carries `ps` BOTH and a signed `pa`,
/// and REST positions positionSide BOTH and a signed positionAmt.
/// </param>
/// <param name="LiquidationFeeRate">
/// Fee rate of a liquidation's fill (<see cref="BingxSimulator.Liquidate"/>), charged on its notional and reported as
/// its `n` and a TRADING_FEE record. Deliberately not the taker rate, so a client cannot mistake it for one.
/// </param>
/// <param name="AdlFeeRate">
/// Fee rate of an auto-deleverage fill (<see cref="BingxSimulator.AutoDeleverage"/>); null: the taker rate. Set 0 for a
/// venue that charges nothing on ADL (no TRADING_FEE record is written for a fee of zero).
/// </param>
/// <param name="ForcedCloseIncome">
/// How REST income books the realized PnL of a liquidation or ADL fill: <see cref="Simulator.ForcedCloseIncome.RealizedPnl"/>
/// (the default) as REALIZED_PNL like every other fill; <see cref="Simulator.ForcedCloseIncome.ByKind"/> as
/// INSURANCE_CLEAR ("Strong liquidation", as in the v2 doc's income sample) or ADL.
/// </param>
/// <param name="FundingInterval">
/// When set, the venue settles funding by itself at every multiple of this interval on its clock (BingX: 8 h, at 00:00,
/// 08:00, 16:00 UTC) at <paramref name="FundingRate"/>, as <see cref="BingxSimulator.ChargeFunding"/> does; a clock that
/// jumps over several settlements settles each. Null (the default): funding only on <see cref="BingxSimulator.ChargeFunding"/>.
/// It also sets premiumIndex's nextFundingTime (8 h when null).
/// </param>
/// <param name="FundingRate">The rate of the automatic settlements and premiumIndex's lastFundingRate until a settlement at another rate.</param>
/// <param name="FundingUpdateCarriesPosition">
/// A FUNDING_FEE ACCOUNT_UPDATE carries `P` with the charged position, as BingX documents for isolated positions (the
/// default); false: `B` only, as documented for cross positions.
/// </param>
/// <param name="TradeMinQuantity">The smallest order quantity of every contract (tradeMinQuantity); 0: none.</param>
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
    TimeProvider? Time = null,
    EventOrder EventOrder = EventOrder.AccountFirst,
    int EventOrderSeed = 0,
    PositionMode PositionMode = PositionMode.Hedge,
    decimal LiquidationFeeRate = 0.001m,
    decimal? AdlFeeRate = null,
    ForcedCloseIncome ForcedCloseIncome = ForcedCloseIncome.RealizedPnl,
    TimeSpan? FundingInterval = null,
    decimal FundingRate = 0.0001m,
    bool FundingUpdateCarriesPosition = true,
    int? WsPort = null,
    decimal TradeMinQuantity = 0m)
{
    /// <summary>The clock in force.</summary>
    public TimeProvider Clock => Time ?? TimeProvider.System;

    /// <summary>The listenKey lifetime in force (60 minutes).</summary>
    public TimeSpan KeyLifetime => ListenKeyLifetime ?? TimeSpan.FromMinutes(60);

    /// <summary>The funding period in force for nextFundingTime and automatic settlements (8 hours).</summary>
    public TimeSpan FundingPeriod => FundingInterval ?? TimeSpan.FromHours(8);

    /// <summary>The ADL fee rate in force.</summary>
    public decimal AdlFee => AdlFeeRate ?? TakerFeeRate;
}
