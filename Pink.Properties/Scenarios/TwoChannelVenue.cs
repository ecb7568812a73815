using Pink.Core;

namespace Pink.Properties.Scenarios;

/// <summary>How the two channels of a venue (order updates, account updates) are merged on the way to the kernel.</summary>
public enum Interleave
{
    /// <summary>Each fill's order update, then its account update (what the first simulator did).</summary>
    OrderFirst,
    /// <summary>Each fill's account update, then its order update (what Binance-family venues commonly do).</summary>
    AccountFirst,
    /// <summary>Every account update of a burst, then every order update.</summary>
    AccountsThenOrders,
    /// <summary>Every order update of a burst, then every account update.</summary>
    OrdersThenAccounts,
    /// <summary>A seeded random merge; each channel stays in order.</summary>
    Random,
}

/// <summary>How one run delivers the venue's messages.</summary>
/// <param name="How">The merge of the two channels.</param>
/// <param name="MergeSeed">Seed of the random merge and of where polls and restarts fall.</param>
/// <param name="Polls">Insert REST balance polls (the wallet "now") at random points.</param>
/// <param name="Restarts">Save and restore the state document at random points.</param>
public sealed record Delivery(Interleave How, int MergeSeed, bool Polls, bool Restarts)
{
    /// <summary>The reference delivery: order-first, nothing inserted.</summary>
    public static readonly Delivery Reference = new(Interleave.OrderFirst, 0, false, false);
}

/// <summary>What a run ended with: everything the kernel published that must not depend on the delivery.</summary>
public sealed record ChannelOutcome(KernelState Final, decimal VenueWallet, IReadOnlyList<Diagnostic> Diagnostics,
    IReadOnlyList<SizerFeedback> Feedback, IReadOnlyDictionary<string, int> Rows,
    IReadOnlyDictionary<string, (decimal Realized, decimal Fees)> VenueTrades, IReadOnlyList<string> Log, IReadOnlyDictionary<string, Trade> Forgotten)
{
    /// <summary>Every trade of the run: the final state's and the ones the kernel forgot on the way (their final figures).</summary>
    public IReadOnlyDictionary<string, Trade> Trades =>
        Final.Trades.Values.Concat(Forgotten.Values.Where(t => Final.Trades.Find(t.TradeId).IsNone)).ToDictionary(t => t.TradeId);

    /// <summary>What each event did to the account, for a failure's message.</summary>
    public string Story => string.Join("\n  ", Log);
}

/// <summary>
/// A venue with two channels, as BingX's user stream is: each fill yields an order update (the kernel's
/// <see cref="Fill"/> with the exchange's own rp and fee) and an account update (a <see cref="BalanceReport"/> whose
/// positions are the position after that fill). The venue executes a burst of fills at once and pushes both channels
/// in execution order; how they merge is the <see cref="Delivery"/>'s. Trades open and close in rounds of one or two
/// instruments at once, so account updates of one instrument overtake order updates of another; now and then the
/// exchange closes a position itself with an order the kernel never placed (a liquidation, a stop) — the account is
/// dedicated, so that is booked as an external close. The venue books rp and
/// fees independently of Pink.Core (position VWAP, fee rate), so its wallet is the ground truth.
/// </summary>
public static class TwoChannelVenue
{
    private static readonly string[] Symbols = ["FET-USDT", "BTC-USDT"];
    private static readonly decimal[] Prices = [0.1878m, 60_000];
    private static readonly decimal[] Lots = [100, 0.001m];
    private const decimal FeeRate = 0.0005m;
    private const decimal StartWallet = 10_000;

    /// <summary>The session a seed makes, delivered as asked.</summary>
    public static ChannelOutcome Run(int seed, bool oneWay, Delivery delivery)
    {
        var script = new Random(seed);
        var merge = new Random(delivery.MergeSeed);
        var run = new Process(Kernel.Initial(new KernelConfig(SlotCount: 2, SeedCapital: StartWallet)));
        var venue = new Book(oneWay);
        run.Apply(new BalanceReport("start", StartWallet, null, BalanceReason.Poll, run.Now()));
        var rounds = 1 + script.Next(3);
        for (var r = 0; r < rounds; r++)
        {
            var count = 1 + script.Next(2);
            var first = script.Next(2);
            var legs = new List<Leg>();
            for (var k = 0; k < count; k++)
            {
                var i = (first + k) % 2;
                var side = script.Next(2) == 0 ? PositionSide.Long : PositionSide.Short;
                var qty = (1 + script.Next(50)) * Lots[i];
                var cid = $"o{r}-{k}";
                var place = run.Placed(run.Apply(new OpenIntent(k, Symbols[i], side, qty, 1 + script.Next(3), cid, null, run.Now())));
                legs.Add(new Leg(k, i, side, venue.Ack(run, place)));
            }
            Burst(run, venue, script, merge, delivery, legs, opening: true);
            foreach (var leg in legs)
            {
                // Now and then the exchange closes the position itself (a liquidation, a stop): an order we never placed.
                leg.External = script.Next(4) == 0;
                if (leg.External)
                {
                    leg.VenueId = venue.External(run, leg, Symbols[leg.Instrument]);
                    continue;
                }
                var place = run.Placed(run.Apply(new CloseIntent(leg.Slot, $"c{r}-{leg.Slot}", run.Now())));
                leg.VenueId = venue.Ack(run, place);
            }
            Burst(run, venue, script, merge, delivery, legs, opening: false);
        }
        return new ChannelOutcome(run.State, venue.Wallet, run.Diagnostics, run.Feedback, run.Rows, venue.Trades, run.Log, run.Forgotten);
    }

    // The venue executes every leg's order in 1–3 partial fills, interleaved across instruments, then pushes them.
    private static void Burst(Process run, Book venue, Random script, Random merge, Delivery delivery, List<Leg> legs, bool opening)
    {
        var slices = legs.SelectMany(l => Enumerable.Repeat(l, 1 + script.Next(3))).OrderBy(_ => script.Next()).ToList();
        var fills = new List<KernelEvent>();
        var accounts = new List<KernelEvent>();
        foreach (var group in slices.GroupBy(l => l))
        {
            var leg = group.Key;
            (leg.Pieces, leg.Cum, leg.CumQuote) = (group.Count(), 0, 0);
        }
        foreach (var leg in slices)
        {
            if (venue.Execute(run, leg, opening, script) is not var (fill, account)) continue;
            fills.Add(fill);
            accounts.Add(account);
        }
        var order = Merge(fills, accounts, delivery.How, merge);
        var walletNow = venue.Wallet;
        // Polls are tens of seconds apart and a burst's frames milliseconds: at most one poll falls inside a burst.
        var poll = delivery.Polls ? merge.Next(order.Count + 1) : -1;
        for (var i = 0; i < order.Count; i++)
        {
            if (i == poll)
                run.Apply(new BalanceReport($"poll-{run.Now()}", walletNow, null, BalanceReason.Poll, run.Now()));
            if (delivery.Restarts && merge.Next(4) == 0) run.Restart();
            run.Apply(order[i]);
        }
    }

    private static List<KernelEvent> Merge(List<KernelEvent> fills, List<KernelEvent> accounts, Interleave how, Random merge)
    {
        var n = fills.Count;
        var result = new List<KernelEvent>(2 * n);
        switch (how)
        {
            case Interleave.OrderFirst:
                for (var i = 0; i < n; i++) result.AddRange([fills[i], accounts[i]]);
                break;
            case Interleave.AccountFirst:
                for (var i = 0; i < n; i++) result.AddRange([accounts[i], fills[i]]);
                break;
            case Interleave.AccountsThenOrders:
                result.AddRange(accounts);
                result.AddRange(fills);
                break;
            case Interleave.OrdersThenAccounts:
                result.AddRange(fills);
                result.AddRange(accounts);
                break;
            default:
                var (f, a) = (0, 0);
                while (f < n || a < n)
                    result.Add(a == n || f < n && merge.Next(2) == 0 ? fills[f++] : accounts[a++]);
                break;
        }
        return result;
    }

    private sealed class Leg(int slot, int instrument, PositionSide side, long venueId)
    {
        public int Slot { get; } = slot;
        public int Instrument { get; } = instrument;
        public PositionSide Side { get; } = side;
        public long VenueId { get; set; } = venueId;
        public bool External { get; set; }
        public int Pieces { get; set; }
        public decimal Cum { get; set; }
        public decimal CumQuote { get; set; }
        public decimal OrderQty { get; set; }
    }

    // The venue's books: wallet, positions (per side, or net in one-way mode), each order's cumulative figures.
    private sealed class Book(bool oneWay)
    {
        private readonly Dictionary<string, (decimal Qty, decimal Avg)> _positions = new();
        private readonly Dictionary<long, (PlaceOrder Order, string TradeId)> _orders = new();
        private long _next = 1_900_000_000_000_000_001;

        public decimal Wallet { get; private set; } = StartWallet;
        public Dictionary<string, (decimal Realized, decimal Fees)> Trades { get; } = new();

        /// <summary>An order the venue places itself to close the leg's whole position (never acknowledged to the kernel).</summary>
        public long External(Process run, Leg leg, string symbol)
        {
            var id = _next++;
            var key = oneWay ? symbol : $"{symbol}|{Names.Of(leg.Side)}";
            var held = Math.Abs(_positions.GetValueOrDefault(key).Qty);
            var trade = run.State.Slots[leg.Slot].TradeId!;
            _orders[id] = (new PlaceOrder(leg.Slot, trade, $"liq-{id}", symbol, Names.Closing(leg.Side), leg.Side, held, OrderPurpose.Exit, true, 1), trade);
            return id;
        }

        public long Ack(Process run, PlaceOrder place)
        {
            var id = _next++;
            _orders[id] = (place, place.TradeId);
            run.Apply(new OrderAcknowledged(place.ClientOrderId, id, run.Now()));
            return id;
        }

        public (KernelEvent Fill, KernelEvent Account)? Execute(Process run, Leg leg, bool opening, Random script)
        {
            var (order, tradeId) = _orders[leg.VenueId];
            if (leg.Cum == 0) (leg.OrderQty, leg.CumQuote) = (order.Qty, 0);
            var left = leg.OrderQty - leg.Cum;
            var piecesLeft = leg.Pieces--;
            var lot = Lots[leg.Instrument];
            var qty = piecesLeft <= 1 ? left : Math.Min(left, Math.Max(1, Math.Round(left / piecesLeft / lot)) * lot);
            if (qty <= 0.000000000001m) return null; // the order filled in fewer pieces
            var price = Math.Round(Prices[leg.Instrument] * (1 + (script.Next(41) - 20) / 1000.0m), 6);
            var key = oneWay ? order.Symbol : $"{order.Symbol}|{Names.Of(leg.Side)}";
            var signed = order.Side == OrderSide.Buy ? qty : -qty;
            var (held, avg) = _positions.GetValueOrDefault(key);
            var rp = 0.0m;
            if (held == 0 || Math.Sign(held) == Math.Sign(signed)) avg = (avg * Math.Abs(held) + price * qty) / (Math.Abs(held) + qty);
            else rp = Math.Sign(held) * qty * (price - avg);
            held += signed;
            if (Math.Abs(held) < 0.000000000001m) (held, avg) = (0, 0);
            _positions[key] = (held, avg);
            var fee = qty * price * FeeRate;
            Wallet += rp - fee;
            var t = Trades.GetValueOrDefault(tradeId);
            Trades[tradeId] = (t.Realized + rp, t.Fees + fee);
            leg.Cum += qty;
            leg.CumQuote += qty * price;
            var now = run.Now();
            var fill = new Fill(leg.VenueId, null, order.Symbol, order.Side, qty, price, now, $"fill:{leg.VenueId}:{leg.Cum:R}", leg.Cum,
                leg.CumQuote / leg.Cum, new ExchangeSettlement(rp, fee), oneWay ? null : leg.Side);
            var side = oneWay ? (held < 0 ? PositionSide.Short : PositionSide.Long) : leg.Side;
            var position = new ExchangePosition(order.Symbol, side, Math.Abs(held), avg, order.ExchangeLeverage, oneWay);
            var account = new BalanceReport($"au:{now}", Wallet, null, BalanceReason.Order, now, [position], 0);
            return (fill, account);
        }
    }

    // The kernel as a process: applies events, collects what it published, restarts through the state document.
    private sealed class Process(KernelState state)
    {
        private long _time = 1_750_000_000_000;

        public KernelState State { get; private set; } = state;
        public List<Diagnostic> Diagnostics { get; } = new();
        public List<SizerFeedback> Feedback { get; } = new();
        public Dictionary<string, Trade> Forgotten { get; } = new();
        public Dictionary<string, int> Rows { get; } = Tables.All.ToDictionary(t => t, _ => 0);

        public List<string> Log { get; } = new();

        public long Now() => _time += 1_000;

        public LanguageExt.Seq<Effect> Apply(KernelEvent e)
        {
            var outcome = Kernel.Apply(State, e);
            State = outcome.State;
            var a = State.Account;
            Log.Add($"{Describe(e)} → capital {a.Capital:0.########} K {a.KLedger:0.########} wallet {a.EWalletBalance:0.########} {a.Source} " +
                    $"unconfirmed [{string.Join(" ", a.Unconfirmed.Select(u => $"{u.Key}{(u.Polled ? "*" : "")}:{u.Qty:0.###}/{u.WalletDelta:0.####}"))}] " +
                    $"ahead [{string.Join(" ", a.Ahead.Select(l => $"{l.Key}:{l.Qty:0.###}{(l.Explained ? "" : "?")}"))}]{(a.CheckPending ? " check-pending" : "")}" +
                    string.Concat(outcome.Effects.OfType<PersistRow>().Where(r => r.Row is AccountEventRow).Select(r => $" #{((AccountEventRow)r.Row).Kind}")) +
                    string.Concat(outcome.Effects.OfType<Diagnostic>().Where(d => d.Kind != DiagnosticKinds.DuplicateIgnored).Select(d => $" !{d.Kind}")));
            foreach (var effect in outcome.Effects)
                switch (effect)
                {
                    case Diagnostic d: Diagnostics.Add(d); break;
                    case SizerFeedback f: Feedback.Add(f); break;
                    case TradeForgotten { Trade: Trade gone }: Forgotten[gone.TradeId] = gone; break;
                    case PersistRow p: Rows[p.Row.Table]++; break;
                }
            return outcome.Effects;
        }

        private static string Describe(KernelEvent e) => e switch
        {
            Fill f => $"fill {f.Symbol} {Names.Of(f.Side)} {f.Qty:0.###}@{f.Price} rp {f.Settlement?.RealizedPnl:0.####} fee {f.Settlement?.Fee:0.####}",
            BalanceReport b => $"{b.Reason} {b.WalletBalance:0.########}{(b.Positions is { } p ? " " + string.Join(",", p.Select(x => $"{x.Symbol}:{Names.Sign(x.Side) * x.Qty:0.###}")) : "")}",
            _ => e.GetType().Name,
        };

        // The order an intent placed; a refused intent is a broken invariant, told with the story so far.
        public PlaceOrder Placed(LanguageExt.Seq<Effect> effects) =>
            effects.OfType<PlaceOrder>().SingleOrDefault() ?? throw new Support.Violation($"an intent placed no order:\n  {string.Join("\n  ", Log)}");

        public void Restart() =>
            State = StateDocument.Restore(StateDocument.Save(State)).Match(s => s, error => throw new InvalidOperationException(error));
    }
}
