using Pink.Core;

namespace Pink.Bench.Workload;

/// <summary>
/// A deterministic (seeded) stream of kernel events shaped like a live session: 4 slots cycling through
/// open → acknowledged → partial entry fills → hold → close → acknowledged → partial exit fills, mark prices at a high
/// rate (most for held instruments, some for instruments nobody holds), an ACCOUNT_UPDATE-style balance report after
/// every fill whose wallet is the exchange's own arithmetic and whose positions are the fill's position after it (so
/// each update confirms its fill and anchors agree with the K-ledger), fees riding on every fill and a priced leg's
/// `rp` on the fill or later as REST income, occasional price-less exit legs repaired by the exchange's `rp`,
/// funding, and a few repeated exchange reports.
/// <para>
/// The generator keeps the exchange's books itself (VWAP basis, `rp` per leg, fees, wallet): it never asks the
/// kernel, so the stream is the same for the pure kernel and the mutable baseline.
/// </para>
/// </summary>
public static class MixedStream
{
    /// <summary>Default seed: the same stream on every run and every machine.</summary>
    public const int DefaultSeed = 20_250_611;

    /// <summary>Time of the first event (epoch ms).</summary>
    public const long StartMs = 1_749_650_000_000;

    /// <summary>Starting wallet (and seed capital).</summary>
    public const decimal StartWallet = 50_000;

    /// <summary>Taker fee rate the exchange charges.</summary>
    public const decimal FeeRate = 0.0005m;

    internal static readonly string[] Symbols = ["FET-USDT", "BTC-USDT", "ETH-USDT", "SOL-USDT", "DOGE-USDT", "LINK-USDT"];
    private static readonly decimal[] StartPrices = [0.75m, 64_000, 3_200, 150, 0.12m, 14];
    private static readonly int[] PriceDigits = [5, 1, 2, 3, 6, 4];
    private static readonly decimal[] Lots = [1, 0.0001m, 0.001m, 0.01m, 10, 0.1m];

    /// <summary>The kernel configuration the stream is made for.</summary>
    // Other runtimes trade the account too (the stream has their fills and PnL): a shared account.
    public static KernelConfig Config => new(SlotCount: 4, SeedCapital: StartWallet, AccountMode: AccountMode.Shared);

    /// <summary>What the stream holds, for the report.</summary>
    public sealed record Mix(int Events, int Marks, int Opens, int Closes, int Acks, int Fills, int PricelessLegs, int Settled,
        int Balances, int Funding, int Duplicates, int ClosedTrades);

    /// <summary>The first <paramref name="count"/> events of the stream for <paramref name="seed"/>.</summary>
    public static KernelEvent[] Generate(int count, int seed = DefaultSeed) => Generate(count, seed, out _);

    /// <summary>The stream and what it holds.</summary>
    public static KernelEvent[] Generate(int count, int seed, out Mix mix)
    {
        var g = new Generator(seed);
        var events = new KernelEvent[count];
        for (var i = 0; i < count; i++) events[i] = g.Next(i);
        mix = new Mix(count, g.Marks, g.Opens, g.Closes, g.Acks, g.Fills, g.Priceless, g.SettledLater, g.Balances, g.FundingCount,
            g.Duplicates, g.ClosedTrades);
        return events;
    }

    /// <summary>
    /// Events until <paramref name="closedTrades"/> trades have closed and every slot holds an open position
    /// (the state a restart finds), and the exchange positions at that point.
    /// </summary>
    public static (KernelEvent[] Events, ExchangePosition[] Positions) UntilClosedTrades(int closedTrades, int seed = DefaultSeed)
    {
        var g = new Generator(seed);
        var events = new List<KernelEvent>();
        for (var i = 0; ; i++)
        {
            events.Add(g.Next(i));
            if (g.ClosedTrades >= closedTrades && g.AllHolding) break;
        }
        return (events.ToArray(), g.Positions());
    }

    /// <summary>
    /// The stream, generated as it is read, until <paramref name="closedTrades"/> trades have closed and every slot holds
    /// an open position: for books too large to hold their events in memory (a million closed trades is ~70M events).
    /// </summary>
    public static IEnumerable<KernelEvent> StreamUntilClosedTrades(int closedTrades, int seed = DefaultSeed)
    {
        var g = new Generator(seed);
        for (var i = 0; ; i++)
        {
            yield return g.Next(i);
            if (g.ClosedTrades >= closedTrades && g.AllHolding) yield break;
        }
    }

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

    private sealed class Generator
    {
        private readonly Random _rng;
        private readonly Lane[] _lanes;
        private readonly decimal[] _prices = (decimal[])StartPrices.Clone();
        private readonly Queue<KernelEvent> _urgent = new();
        private long _t = StartMs;
        private long _venue = 1_900_000_000_000_000_000;
        private int _orders;
        private decimal _wallet = StartWallet;
        private BalanceReport? _lastReport;
        private bool _started;

        public int Marks, Opens, Closes, Acks, Fills, Priceless, SettledLater, Balances, FundingCount, Duplicates, ClosedTrades;

        public Generator(int seed)
        {
            _rng = new Random(seed);
            _lanes = new Lane[4];
            for (var i = 0; i < _lanes.Length; i++) _lanes[i] = new Lane(i);
        }

        public bool AllHolding => _urgent.Count == 0 && _lanes.All(l => l.Phase == Phase.Holding);

        public ExchangePosition[] Positions() =>
            _lanes.Where(l => l.Open > 0).Select(l => new ExchangePosition(Symbols[l.Symbol], l.Side, l.Open, l.Basis, 3)).ToArray();

        public KernelEvent Next(int index)
        {
            _t += 1 + _rng.Next(20);
            if (!_started)
            {
                _started = true;
                return Report(BalanceReason.Order);
            }
            if (_urgent.Count > 0)
                return (decimal)_rng.NextDouble() < 0.5m ? Mark() : Resolve(_urgent.Dequeue());
            var u = (decimal)_rng.NextDouble();
            if (u < 0.70m) return Mark();
            if (u < 0.7003m) return Funding();
            if (u < 0.7010m && _lastReport is not null)
            {
                Duplicates++;
                return _lastReport with { TimeMs = _t }; // the same exchange report again (same id): a duplicate
            }
            var ready = 0;
            Span<int> which = stackalloc int[4];
            foreach (var lane in _lanes)
                if (lane.ReadyAt <= index) which[ready++] = lane.Slot;
            return ready == 0 ? Mark() : Step(_lanes[which[_rng.Next(ready)]], index);
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
                    Opens++;
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
                    // The exchange's own basis: VWAP of the entry fills.
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
                    Closes++;
                    return new CloseIntent(l.Slot, l.ClientOrderId, _t);
                case Phase.ExitPlaced:
                    Split(l, l.Open, 1 + _rng.Next(3));
                    l.Phase = Phase.ExitFilling;
                    return Ack(l);
                default:
                {
                    var qty = l.Parts.Dequeue();
                    var last = l.Parts.Count == 0;
                    if (last) qty = l.Open; // the exchange closes exactly what is held
                    var price = FillPrice(l.Symbol);
                    var rp = Names.Sign(l.Side) * qty * (price - l.Basis);
                    var fee = Fee(qty, price);
                    l.Open = last ? 0 : l.Open - qty;
                    var priceless = (decimal)_rng.NextDouble() < 0.05m;
                    if (priceless) Priceless++;
                    var fill = Fill(l, Names.Closing(l.Side), qty, priceless ? 0.0m : price, rp, fee, price);
                    if (last)
                    {
                        l.Phase = Phase.Idle;
                        l.Symbol = -1;
                        l.ReadyAt = index + 10 + _rng.Next(90);
                        ClosedTrades++;
                    }
                    return fill;
                }
            }
        }

        private KernelEvent Ack(Lane l)
        {
            Acks++;
            l.VenueOrderId = ++_venue;
            return new OrderAcknowledged(l.ClientOrderId, l.VenueOrderId, _t);
        }

        // One fill as the user stream reports it: incremental qty, cumulative z and ap, and (mostly) its settlement;
        // the rest settle through REST income right after. The wallet report follows every fill.
        private KernelEvent Fill(Lane l, OrderSide side, decimal qty, decimal price, decimal rp, decimal fee, decimal? truePrice = null)
        {
            Fills++;
            l.Cum += qty;
            l.CumNotional += qty * (truePrice ?? price);
            var id = $"otu:{l.VenueOrderId}:{l.Cum:R}";
            // The fee always rides on the fill (BingX's `n`), and so does the `rp` of a price-less leg: the account update
            // that follows holds them, and the kernel takes a settlement reported on its own as not in the wallet yet.
            // What may come later (REST income) is a priced leg's `rp`: a check of the kernel's estimate, moving nothing.
            var later = price > 0 && (decimal)_rng.NextDouble() < 0.15m;
            var fill = new Fill(l.VenueOrderId, l.ClientOrderId, Symbols[l.Symbol], side, qty, price, _t, id, l.Cum, l.CumNotional / l.Cum,
                new ExchangeSettlement(later ? null : rp, fee));
            _wallet += rp - fee;
            // As BingX's ACCOUNT_UPDATE: the position the fill changed, as it stands after it (hedge mode: unsigned, by side).
            _urgent.Enqueue(new DeferredReport(new ExchangePosition(Symbols[l.Symbol], l.Side, l.Open, l.Open > 0 ? Math.Round(l.Basis, 8) : 0, 3)));
            if (later)
            {
                SettledLater++;
                _urgent.Enqueue(new FillSettled($"inc:{l.VenueOrderId}:{l.Cum:R}", l.VenueOrderId, rp, 0, _t + 1));
            }
            return fill;
        }

        private KernelEvent Mark()
        {
            Marks++;
            int s;
            var held = _lanes.Count(l => l.Open > 0);
            if (held > 0 && (decimal)_rng.NextDouble() < 0.85m)
            {
                var k = _rng.Next(held);
                s = _lanes.Where(l => l.Open > 0).ElementAt(k).Symbol;
            }
            else s = _rng.Next(Symbols.Length);
            var p = _prices[s] * (1 + ((decimal)_rng.NextDouble() - 0.5m) * 0.002m);
            _prices[s] = Math.Round(p, PriceDigits[s]);
            return new MarkPrice(Symbols[s], _prices[s], _t);
        }

        private KernelEvent Funding()
        {
            FundingCount++;
            _wallet = Math.Round(_wallet + ((decimal)_rng.NextDouble() - 0.6m) * 2, 8);
            return Report(BalanceReason.Funding);
        }

        private BalanceReport Report(BalanceReason reason, ExchangePosition? position = null)
        {
            Balances++;
            var wallet = Math.Round(_wallet, 8);
            _lastReport = new BalanceReport($"au:{_t}:USDT:{wallet:R}", wallet, null, reason, _t, position is null ? null : [position]);
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

        // Placeholder resolved when it leaves the queue: the wallet report carries the wallet as of that moment. (The set
        // of events is closed to embedders; the bench sees Pink.Core's internals and may add this one kind of its own.)
        private sealed record DeferredReport : KernelEvent
        {
            [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
            public DeferredReport(ExchangePosition position) : base(0) => Position = position;

            public ExchangePosition Position { get; }

            private protected override void Closed() { }
        }

        public KernelEvent Resolve(KernelEvent e) => e is DeferredReport d ? Report(BalanceReason.Order, d.Position) : e;
    }
}
