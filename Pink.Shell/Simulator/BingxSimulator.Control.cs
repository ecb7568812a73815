namespace Pink.Shell.Simulator;

/// <summary>What a test or the demo can do to the venue: set marks, script faults, read the books.</summary>
public sealed partial class BingxSimulator
{
    /// <summary>
    /// Sets a symbol's mark (any spelling; stored as the venue's, e.g. FET-USDT, which requests must then use): pushed
    /// as `SYMBOL@markPrice`, and resting LIMIT orders it reaches fill. A symbol exists once it has a mark.
    /// </summary>
    public void SetMark(string symbol, decimal price) => _exchange.SetMark(Venue.BingxSymbol.ToVenue(symbol), price);

    /// <summary>Each order fills in this many partial fills from now on.</summary>
    public void SetFillSlices(int slices) => _faults.FillSlices = slices;

    /// <summary>MARKET orders' `p` becomes a protective bound this far from the mark (e.g. 0.22); null restores the mark.</summary>
    public void SetProtectivePrice(decimal? fraction) => _faults.ProtectiveBound = fraction;

    /// <summary>
    /// The next order placed fills only <paramref name="fraction"/> of its quantity (rounded down to the quantity
    /// decimals) at its first fill — at once for a MARKET or marketable LIMIT order, else when a mark reaches it — and
    /// then stays live, PARTIALLY_FILLED: a MARKET order until it is cancelled, a LIMIT order until cancelled or filled
    /// by a later mark. Cancelling it answers with those fills (executedQty, avgPrice, commission, profit).
    /// With <paramref name="withoutOrderUpdates"/> the partial fill sends no ORDER_TRADE_UPDATE, only its ACCOUNT_UPDATE,
    /// as the venue sometimes does: the order's fills then first show in REST (and the z of its CANCELED frame).
    /// </summary>
    public void PartialFillThenRest(decimal fraction, bool withoutOrderUpdates = false)
    {
        if (fraction is <= 0m or >= 1m) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "a part of the order: 0 < fraction < 1");
        _faults.PartialFillNext(new PartialFill(fraction, withoutOrderUpdates));
    }

    /// <summary>Drops every user-stream connection now (no close handshake).</summary>
    public void DropUserStreams() => _users.DropAll();

    /// <summary>Drops every user-stream connection right after it has sent <paramref name="frames"/> more frames; later frames are lost.</summary>
    public void DropUserStreamsAfter(int frames) => _users.DropAfter(frames);

    /// <summary>Drops every market-stream connection now.</summary>
    public void DropMarketStreams() => _markets.DropAll();

    /// <summary>Expires every listenKey: each stream gets `listenKeyExpired` and is closed; the keys no longer extend or connect.</summary>
    public void ExpireListenKeys() => _users.ExpireAll();

    /// <summary>The next <paramref name="count"/> user-stream frames are sent twice.</summary>
    public void DuplicateNextUserFrames(int count = 1) => _faults.DuplicateNext(count);

    /// <summary>The next <paramref name="count"/> place-order requests are executed but their answers are lost (connection dropped).</summary>
    public void LoseNextOrderAcks(int count = 1) => _faults.LoseNextAcks(count);

    /// <summary>Place-order answers are held (the orders execute and stream) until <see cref="ReleaseOrderAcks"/>.</summary>
    public void HoldOrderAcks() => _faults.HoldAcks();

    /// <summary>Sends the held place-order answers.</summary>
    public void ReleaseOrderAcks() => _faults.ReleaseAcks();

    /// <summary>The next matching requests get this error (code, msg, HTTP status) instead of being served.</summary>
    public void RejectNext(ScriptedError error) => _faults.RejectNext(error);

    /// <summary>Sends `Ping` on every socket now (a socket leaving too many unanswered is dropped).</summary>
    public void SendPing()
    {
        _users.Ping(_options.MaxUnansweredPings);
        _markets.Ping(_options.MaxUnansweredPings);
    }

    /// <summary>`Pong`s received from clients.</summary>
    public int PongsReceived => Volatile.Read(ref _pongs);

    /// <summary>User-stream connections open now.</summary>
    public int UserStreamsOpen => _users.Open;

    /// <summary>User-stream connections ever accepted.</summary>
    public int UserStreamConnections => _users.ConnectionsTotal;

    /// <summary>listenKeys created.</summary>
    public int ListenKeysCreated => _keys.Created;

    /// <summary>Successful listenKey extensions.</summary>
    public int ListenKeyExtensions => _keys.Extended;

    /// <summary>True while the venue accepts this listenKey.</summary>
    public bool IsListenKeyValid(string listenKey) => _keys.IsValid(listenKey);

    /// <summary>The wallet.</summary>
    public SimAccountView Account => _exchange.Read(b => b.Account());

    /// <summary>Open positions.</summary>
    public IReadOnlyList<SimPositionView> Positions =>
        _exchange.Read(b => b.Positions.Values.Where(p => p.Qty > 0).Select(p => p.View(b.MarkOf(p.Symbol))).ToList());

    /// <summary>Every order, oldest first.</summary>
    public IReadOnlyList<SimOrderView> Orders => _exchange.Read(b => b.Orders.Values.OrderBy(o => o.Id).Select(o => o.View()).ToList());

    /// <summary>One order by venue id, or null.</summary>
    public SimOrderView? GetOrder(long orderId) => _exchange.Read(b => b.Orders.TryGetValue(orderId, out var o) ? o.View() : null);

    /// <summary>One order by client order id (any case), or null.</summary>
    public SimOrderView? FindOrder(string clientOrderId) => _exchange.Read(b =>
        b.ByClientId.TryGetValue(clientOrderId.ToLowerInvariant(), out var id) ? b.Orders[id].View() : null);

    /// <summary>Every income record, in booking order (REST income without its 7-day window and limit).</summary>
    public IReadOnlyList<SimIncomeView> Income => _exchange.Read(b =>
        b.Incomes.Select(i => new SimIncomeView(i.Symbol, i.Type, i.Income, i.Info, i.Time, i.TranId, i.TradeId)).ToList());
}
