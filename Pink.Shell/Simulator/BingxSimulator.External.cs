using Pink.Shell.Simulator.Engine;

namespace Pink.Shell.Simulator;

/// <summary>
/// What the venue does to the account without the client: liquidation, auto-deleverage, exchange-side stops, closes
/// from the web UI, funding. Each changes the books exactly as a fill or a settlement does (wallet, positions, REST
/// order, positions, balance and income) and streams BingX's shapes in the configured <see cref="EventOrder"/>.
/// Symbols may be spelled either way (FETUSDT, FET-USDT); positionSide is LONG or SHORT in hedge mode and BOTH in
/// one-way mode. A call the venue could not carry out (no such position, a quantity beyond it) throws
/// <see cref="InvalidOperationException"/> and changes nothing.
/// </summary>
public sealed partial class BingxSimulator
{
    /// <summary>
    /// The venue liquidates the whole position at <paramref name="price"/> (default: the mark) with an order the client
    /// never placed: a new 19-digit id, no NEW frame, one ORDER_TRADE_UPDATE with `o` LIQUIDATION, `x` CALCULATED,
    /// `X` FILLED, `c` empty, `rp` the realized PnL (a loss, as a rule), `n` minus the fee at
    /// <see cref="SimulatorOptions.LiquidationFeeRate"/>; and an ACCOUNT_UPDATE `m` ORDER with the wallet moved by
    /// rp − fee and `P` with `pa` 0, in the configured <see cref="EventOrder"/>. Income: REALIZED_PNL (or
    /// INSURANCE_CLEAR, see <see cref="SimulatorOptions.ForcedCloseIncome"/>) and TRADING_FEE. Resting orders of the
    /// position are left alone (stops of it lapse when they trigger).
    /// </summary>
    public SimOrderView Liquidate(string symbol, string positionSide, decimal? price = null) =>
        Control(() => _exchange.Liquidate(Venue.BingxSymbol.ToVenue(symbol), positionSide.ToUpperInvariant(), price));

    /// <summary>
    /// The venue auto-deleverages <paramref name="qty"/> of the position at <paramref name="price"/>: like
    /// <see cref="Liquidate"/> but for a part, with `o` MARKET (BingX's stream lists no ADL order type; `x` CALCULATED,
    /// "order ADL or liquidation", marks it) and the fee at <see cref="SimulatorOptions.AdlFeeRate"/>. Income:
    /// REALIZED_PNL (or ADL) and TRADING_FEE unless the fee is zero.
    /// </summary>
    public SimOrderView AutoDeleverage(string symbol, string positionSide, decimal qty, decimal price) =>
        Control(() => _exchange.AutoDeleverage(Venue.BingxSymbol.ToVenue(symbol), positionSide.ToUpperInvariant(), qty, price));

    /// <summary>
    /// A STOP_MARKET or TAKE_PROFIT_MARKET order placed "from another client" (not through REST): it closes the open
    /// <paramref name="positionSide"/> position (side SELL for a long, BUY for a short), <paramref name="qty"/> of it
    /// or, when null, all of it at trigger time (closePosition). Its NEW frame goes out now with `c` the given id (empty
    /// by default); it then behaves as a REST-placed stop: it rests until a mark crosses <paramref name="stopPrice"/>,
    /// fills as a MARKET order at that mark (`o` the stop's type, `sp` its trigger, `x` TRADE), lapses (EXPIRED) for what
    /// the position no longer holds, and sends no ORDER_TRADE_UPDATE while <see cref="SilentTriggers"/> is on.
    /// </summary>
    public SimOrderView PlaceExchangeStop(string symbol, string positionSide, string type, decimal stopPrice, decimal? qty = null, string clientOrderId = "") =>
        Control(() => _exchange.PlaceStop(Venue.BingxSymbol.ToVenue(symbol), positionSide.ToUpperInvariant(), type.ToUpperInvariant(), stopPrice, qty, clientOrderId));

    /// <summary>
    /// While on, a stop or take-profit that triggers sends no ORDER_TRADE_UPDATE at all — neither its fills nor its
    /// lapse — only its fills' ACCOUNT_UPDATEs (BingX-swap-api-doc issue #36); REST (order query, positions, balance,
    /// income) shows it as usual. Its NEW frame at placement is unaffected. Stays on until switched off.
    /// </summary>
    public void SilentTriggers(bool silent = true) => _faults.SilentTriggers = silent;

    /// <summary>
    /// Someone closes <paramref name="qty"/> of the position (all of it when null) in the web UI: a MARKET order the
    /// client never placed, whose NEW frame carries a clientOrderId the client never issued (`web_1`, `web_2`, …,
    /// lower-case as the venue keeps ids; REST finds the order by it), then fills like a MARKET order (at the mark, in
    /// the configured slices, taker fee, `x` TRADE).
    /// </summary>
    public SimOrderView CloseFromWebUi(string symbol, string positionSide, decimal? qty = null) =>
        Control(() => _exchange.CloseFromWebUi(Venue.BingxSymbol.ToVenue(symbol), positionSide.ToUpperInvariant(), qty));

    /// <summary>
    /// The venue settles funding at <paramref name="rate"/>: each open position pays rate × |qty| × mark (a long pays and
    /// a short receives when the rate is positive). Per position: the wallet moves by the signed amount; an
    /// ACCOUNT_UPDATE with `m` FUNDING_FEE, `B[].wb` the wallet after it, `B[].bc` the signed amount and — unless
    /// <see cref="SimulatorOptions.FundingUpdateCarriesPosition"/> is off — `P` with that position; a FUNDING_FEE income
    /// record (signed, its own tranId, tradeId empty). Returns the wallet's total move. premiumIndex's lastFundingRate
    /// becomes <paramref name="rate"/>. <see cref="SimulatorOptions.FundingInterval"/> makes the venue do this by itself.
    /// </summary>
    public decimal ChargeFunding(decimal rate) => _exchange.ChargeFunding(rate);

    private SimOrderView Control(Func<SimOrder> change)
    {
        try
        {
            var order = change();
            return _exchange.Read(_ => order.View());
        }
        catch (SimRejection refused)
        {
            throw new InvalidOperationException($"the venue refuses: {refused.Message} ({refused.Code})", refused);
        }
    }
}
