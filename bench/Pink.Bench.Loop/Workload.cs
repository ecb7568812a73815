using System.Globalization;
using System.Text.Json;
using Pink.Core;
using Pink.Shell.Recording;

namespace Pink.Bench.Loop;

/// <summary>
/// The inputs a live loop receives, as records: BingX mark-price frames, ORDER_TRADE_UPDATE fills (cumulative z and ap,
/// last price L, rp, commission n with BingX's sign), ACCOUNT_UPDATE wallet reports (the exchange's own arithmetic, so
/// every anchor agrees with the K-ledger; some repeated, some funding) and the policy's open/close intents. Orders are
/// acknowledged by the venue's REST answer (<see cref="FakeVenue"/>), not by the stream.
/// <para>
/// The session's shape is copied from bench/Pink.Bench/Workload (MixedStream.cs, Frames.cs), which this project does not
/// reference: 4 slots cycling open → ack → 1–4 partial entry fills → hold → close → ack → 1–3 partial exit fills, marks
/// chosen with probability <c>markShare</c> at each free step (0.7 gives MixedStream's ~80 % marks; most for held
/// instruments), 5 % price-less exit legs repaired by the exchange's rp.
/// Every input has its own, increasing time, which the published snapshot carries (that is how latency is matched).
/// </para>
/// </summary>
public sealed record Workload(Record[] Inputs, IReadOnlyDictionary<string, long> VenueIds, int Marks, int Fills, int Balances, int Intents)
{
    public static KernelConfig Config => new(SlotCount: 4, SeedCapital: Generator.StartWallet);

    /// <summary>
    /// Only wallet reports (ACCOUNT_UPDATE, funding-fee moves of the wallet): every input an anchor that writes rows and
    /// none that calls the venue — what the loop and the sink sustain when no order call interrupts a batch.
    /// </summary>
    public static Workload Wallet(int count, int seed = 20_250_611)
    {
        var rng = new Random(seed);
        var inputs = new Record[count];
        var wallet = Generator.StartWallet;
        var t = 1_749_650_000_000L;
        for (var i = 0; i < count; i++)
        {
            t += 1 + rng.Next(20);
            wallet = Math.Round(wallet + ((decimal)rng.NextDouble() - 0.5m) * 2, 8);
            var text = $$$"""{"e":"ACCOUNT_UPDATE","E":{{{t}}},"a":{"m":"FUNDING_FEE","B":[{"a":"USDT","wb":"{{{F(wallet)}}}","cw":"{{{F(wallet)}}}","bc":"0"}],"P":[]}}""";
            inputs[i] = new WsRecord(0, t, JsonDocument.Parse(text).RootElement.Clone(), null);
        }
        return new Workload(inputs, new Dictionary<string, long>(), 0, 0, count, 0);
    }

    public static Workload Generate(int count, decimal markShare, int seed = 20_250_611)
    {
        var g = new Generator(seed, markShare);
        var inputs = new List<Record>(count);
        var venueIds = new Dictionary<string, long>();
        int marks = 0, fills = 0, balances = 0, intents = 0;
        string? lastBalance = null, lastBalanceText = null;
        var unanswered = new HashSet<string>();
        // Generated on past the last input until every order in it has the id the venue will answer with.
        for (var i = 0; inputs.Count < count || unanswered.Count > 0; i++)
        {
            var e = g.Next(i);
            if (inputs.Count >= count)
            {
                if (e is OrderAcknowledged late && unanswered.Remove(late.ClientOrderId)) venueIds[late.ClientOrderId] = late.VenueOrderId;
                continue;
            }
            switch (e)
            {
                case OrderAcknowledged a:
                    venueIds[a.ClientOrderId] = a.VenueOrderId; // the venue's answer to the place-order call
                    unanswered.Remove(a.ClientOrderId);
                    continue;
                case OpenIntent o:
                    intents++;
                    unanswered.Add(o.ClientOrderId);
                    inputs.Add(new IntentRecord(0, o.TimeMs, JsonSerializer.SerializeToElement(new
                    {
                        op = "open", slot = o.Slot, symbol = o.Symbol, side = Names.Of(o.Side), qty = o.Qty, leverage = o.ExchangeLeverage,
                        client_order_id = o.ClientOrderId,
                    })));
                    continue;
                case CloseIntent c:
                    intents++;
                    unanswered.Add(c.ClientOrderId);
                    inputs.Add(new IntentRecord(0, c.TimeMs, JsonSerializer.SerializeToElement(new { op = "close", slot = c.Slot, client_order_id = c.ClientOrderId })));
                    continue;
            }
            var text = e switch
            {
                MarkPrice m => $$$"""{"code":0,"dataType":"{{{m.Symbol}}}@markPrice","data":{"e":"markPriceUpdate","E":{{{m.TimeMs}}},"s":"{{{m.Symbol}}}","p":"{{{F(m.Price)}}}"}}""",
                Fill f => Otu(f),
                BalanceReport b => $$$"""{"e":"ACCOUNT_UPDATE","E":{{{b.TimeMs}}},"a":{"m":"{{{(b.Reason == BalanceReason.Funding ? "FUNDING_FEE" : "ORDER")}}}","B":[{"a":"USDT","wb":"{{{F(b.WalletBalance)}}}","cw":"{{{F(b.WalletBalance)}}}","bc":"0"}],"P":[]}}""",
                _ => throw new InvalidOperationException($"no frame for {e.GetType().Name}"),
            };
            if (e is MarkPrice) marks++;
            if (e is Fill) fills++;
            if (e is BalanceReport br)
            {
                balances++;
                if (br.Id == lastBalance) text = lastBalanceText!; // the exchange sending the same report again
                lastBalance = br.Id;
                lastBalanceText = text;
            }
            // Parsed as the stream client does it (LiveSession.ToRecord), before the input reaches the loop.
            inputs.Add(new WsRecord(0, e.TimeMs, JsonDocument.Parse(text).RootElement.Clone(), null));
        }
        return new Workload(inputs.ToArray(), venueIds, marks, fills, balances, intents);
    }

    private static string Otu(Fill f)
    {
        var price = f.Price > 0 ? F(f.CumAvgPrice ?? f.Price) : "0";
        var last = f.Price > 0 ? $"\"L\":\"{F(f.Price)}\"," : "";
        var settlement = f.Settlement is { } s ? $"\"n\":\"{F(-s.Fee)}\",\"rp\":\"{F(s.RealizedPnl ?? 0)}\"," : "";
        return $$$"""{"e":"ORDER_TRADE_UPDATE","E":{{{f.TimeMs}}},"o":{"s":"{{{f.Symbol}}}","c":"{{{f.ClientOrderId}}}","i":{{{f.VenueOrderId}}},"S":"{{{(f.Side == OrderSide.Buy ? "BUY" : "SELL")}}}","o":"MARKET","q":"0","p":"0","ap":"{{{price}}}",{{{last}}}"x":"TRADE","X":"PARTIALLY_FILLED","N":"USDT",{{{settlement}}}"T":{{{f.TimeMs}}},"wt":"MARK_PRICE","ps":"BOTH","z":"{{{F(f.CumQty ?? f.Qty)}}}"}}""";
    }

    private static string F(decimal x) => x.ToString("R", CultureInfo.InvariantCulture);

    private enum Phase { Idle, EntryPlaced, EntryFilling, Holding, ExitPlaced, ExitFilling }

    private sealed class Lane(int slot)
    {
        public readonly int Slot = slot;
        public Phase Phase;
        public long ReadyAt;
        public int Symbol = -1;
        public PositionSide Side;
        public string ClientOrderId = "";
        public long VenueOrderId;
        public decimal OrderQty;
        public readonly Queue<decimal> Parts = new();
        public decimal Cum;
        public decimal CumNotional;
        public decimal Basis;
        public decimal Open;
    }

    /// <summary>The session generator (MixedStream's), keeping the exchange's books itself.</summary>
    private sealed class Generator(int seed, decimal markShare)
    {
        public const decimal StartWallet = 50_000;
        private const decimal FeeRate = 0.0005m;
        private static readonly string[] Symbols = ["FET-USDT", "BTC-USDT", "ETH-USDT", "SOL-USDT", "DOGE-USDT", "LINK-USDT"];
        private static readonly decimal[] StartPrices = [0.75m, 64_000, 3_200, 150, 0.12m, 14];
        private static readonly int[] PriceDigits = [5, 1, 2, 3, 6, 4];
        private static readonly decimal[] Lots = [1, 0.0001m, 0.001m, 0.01m, 10, 0.1m];
        private readonly Random _rng = new(seed);
        private readonly Lane[] _lanes = Enumerable.Range(0, 4).Select(i => new Lane(i)).ToArray();
        private readonly decimal[] _prices = (decimal[])StartPrices.Clone();
        private readonly Queue<bool> _reports = new(); // a wallet report owed after each fill
        private long _t = 1_749_650_000_000;
        private long _venue = 1_900_000_000_000_000_000;
        private int _orders;
        private decimal _wallet = StartWallet;
        private BalanceReport? _lastReport;
        private bool _started;

        public KernelEvent Next(int index)
        {
            _t += 1 + _rng.Next(20);
            if (!_started)
            {
                _started = true;
                return Report(BalanceReason.Order);
            }
            if (_reports.Count > 0)
            {
                if ((decimal)_rng.NextDouble() < 0.5m) return Mark();
                _reports.Dequeue();
                return Report(BalanceReason.Order);
            }
            var u = (decimal)_rng.NextDouble();
            if (u < markShare) return Mark();
            if (u < markShare + 0.0003m) return Report(BalanceReason.Funding, fund: true);
            if (u < markShare + 0.0010m && _lastReport is not null) return _lastReport with { TimeMs = _t }; // the exchange repeating itself
            var ready = _lanes.Where(l => l.ReadyAt <= index).ToArray();
            return ready.Length == 0 ? Mark() : Step(ready[_rng.Next(ready.Length)], index);
        }

        private KernelEvent Step(Lane l, int index)
        {
            switch (l.Phase)
            {
                case Phase.Idle:
                {
                    var free = Enumerable.Range(0, Symbols.Length).Where(s => _lanes.All(o => o.Symbol != s)).ToArray();
                    l.Symbol = free[_rng.Next(free.Length)];
                    l.Side = _rng.Next(2) == 0 ? PositionSide.Long : PositionSide.Short;
                    var notional = 200 + (decimal)_rng.NextDouble() * 1_800;
                    var lot = Lots[l.Symbol];
                    l.OrderQty = Math.Max(lot, Math.Round(notional / _prices[l.Symbol] / lot) * lot);
                    l.ClientOrderId = $"e{++_orders}";
                    l.Cum = l.CumNotional = l.Basis = l.Open = 0;
                    l.Phase = Phase.EntryPlaced;
                    return new OpenIntent(l.Slot, Symbols[l.Symbol], l.Side, l.OrderQty, 1 + _rng.Next(3), l.ClientOrderId, null, _t);
                }
                case Phase.EntryPlaced:
                    Split(l, l.OrderQty, 1 + _rng.Next(4));
                    l.Phase = Phase.EntryFilling;
                    return Ack(l);
                case Phase.EntryFilling:
                {
                    var qty = l.Parts.Dequeue();
                    var price = FillPrice(l.Symbol);
                    var fee = Fee(qty, price);
                    l.Basis = (l.Basis * l.Open + price * qty) / (l.Open + qty);
                    l.Open += qty;
                    if (l.Parts.Count == 0)
                    {
                        l.Phase = Phase.Holding;
                        l.ReadyAt = index + 50 + _rng.Next(250);
                    }
                    return Fill(l, Names.Opening(l.Side), qty, price, 0.0m, fee);
                }
                case Phase.Holding:
                    l.ClientOrderId = $"x{++_orders}";
                    l.Cum = l.CumNotional = 0;
                    l.Phase = Phase.ExitPlaced;
                    return new CloseIntent(l.Slot, l.ClientOrderId, _t);
                case Phase.ExitPlaced:
                    Split(l, l.Open, 1 + _rng.Next(3));
                    l.Phase = Phase.ExitFilling;
                    return Ack(l);
                default:
                {
                    var qty = l.Parts.Dequeue();
                    var last = l.Parts.Count == 0;
                    if (last) qty = l.Open;
                    var price = FillPrice(l.Symbol);
                    var rp = Names.Sign(l.Side) * qty * (price - l.Basis);
                    var fee = Fee(qty, price);
                    l.Open = last ? 0 : l.Open - qty;
                    var priceless = (decimal)_rng.NextDouble() < 0.05m;
                    var fill = Fill(l, Names.Closing(l.Side), qty, priceless ? 0.0m : price, rp, fee, price);
                    if (last)
                    {
                        l.Phase = Phase.Idle;
                        l.Symbol = -1;
                        l.ReadyAt = index + 10 + _rng.Next(90);
                    }
                    return fill;
                }
            }
        }

        private KernelEvent Ack(Lane l)
        {
            l.VenueOrderId = ++_venue;
            return new OrderAcknowledged(l.ClientOrderId, l.VenueOrderId, _t);
        }

        private KernelEvent Fill(Lane l, OrderSide side, decimal qty, decimal price, decimal rp, decimal fee, decimal? truePrice = null)
        {
            l.Cum += qty;
            l.CumNotional += qty * (truePrice ?? price);
            var fill = new Fill(l.VenueOrderId, l.ClientOrderId, Symbols[l.Symbol], side, qty, price, _t, $"otu:{l.VenueOrderId}:{l.Cum:R}", l.Cum,
                l.CumNotional / l.Cum, new ExchangeSettlement(rp, fee));
            _wallet += rp - fee;
            _reports.Enqueue(true);
            return fill;
        }

        private KernelEvent Mark()
        {
            int s;
            var held = _lanes.Where(l => l.Open > 0).ToArray();
            if (held.Length > 0 && (decimal)_rng.NextDouble() < 0.85m) s = held[_rng.Next(held.Length)].Symbol;
            else s = _rng.Next(Symbols.Length);
            _prices[s] = Math.Round(_prices[s] * (1 + ((decimal)_rng.NextDouble() - 0.5m) * 0.002m), PriceDigits[s]);
            return new MarkPrice(Symbols[s], _prices[s], _t);
        }

        private BalanceReport Report(BalanceReason reason, bool fund = false)
        {
            if (fund) _wallet = Math.Round(_wallet + ((decimal)_rng.NextDouble() - 0.6m) * 2, 8);
            var wallet = Math.Round(_wallet, 8);
            _lastReport = new BalanceReport($"au:{_t}:USDT:{wallet:R}", wallet, null, reason, _t);
            return _lastReport;
        }

        private void Split(Lane l, decimal qty, int parts)
        {
            l.Parts.Clear();
            var lot = Lots[l.Symbol];
            var lots = Math.Max(1, (long)Math.Round(qty / lot));
            parts = (int)Math.Min(parts, lots);
            var left = lots;
            for (var i = 0; i < parts; i++)
            {
                var n = i == parts - 1 ? left : Math.Max(1, (long)(lots / parts * (0.5m + (decimal)_rng.NextDouble())));
                n = Math.Min(n, left - (parts - 1 - i));
                left -= n;
                l.Parts.Enqueue(n * lot);
            }
        }

        private decimal FillPrice(int s) => Math.Round(_prices[s] * (1 + ((decimal)_rng.NextDouble() - 0.5m) * 0.0006m), PriceDigits[s] + 1);

        private static decimal Fee(decimal qty, decimal price) => Math.Round(qty * price * FeeRate, 8);
    }
}
