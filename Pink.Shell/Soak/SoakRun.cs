using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Pink.Core;
using Pink.Shell.Publishing;
using Pink.Shell.Runner;
using Pink.Shell.Simulator;
using Pink.Shell.Venue;

namespace Pink.Shell.Soak;

/// <summary>How a soak runs.</summary>
/// <param name="Hours">Simulated hours (one step is one simulated minute).</param>
/// <param name="Seed">Drives every random choice: symbols, slots, intents, marks, the venue's events, the stream merge.</param>
/// <param name="StateDir">Checkpoint and recording (deleted and recreated at start).</param>
public sealed record SoakOptions(double Hours, int Seed = SoakOptions.DefaultSeed, string StateDir = ".pink/soak")
{
    public const int DefaultSeed = 20_261_203;
    public static readonly TimeSpan Step = TimeSpan.FromMinutes(1);
    /// <summary>The soak reconciles (orders, positions, balance) every this many steps, as the live loop's timer would.</summary>
    public const int ReconcileEverySteps = 5;
    /// <summary>Funding settles every this many steps (8 simulated hours).</summary>
    public const int FundingEverySteps = 8 * 60;
    /// <summary>Wall-clock limit for each wait on the kernel (an order to fill, an external close to be booked).</summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(5);
}

/// <summary>The kinds of position change the venue makes by itself, as the soak counts them.</summary>
public enum ExternalKind { Liquidation, Adl, ExchangeStop, SilentStop, WebUiClose, WebUiPartial }

/// <summary>One trade as the soak knows it: its slot, instrument, and every venue order that traded for it.</summary>
public sealed class SoakTrade(string id, int slot, string symbol, string side, decimal qty)
{
    public string Id { get; } = id;
    public int Slot { get; } = slot;
    public string Symbol { get; } = symbol;
    public string Side { get; } = side;
    public decimal Qty { get; } = qty;
    public decimal Remaining { get; set; } = qty;
    public bool Closed { get; set; }
    public List<string> OurClientIds { get; } = [];
    public List<long> ExternalOrderIds { get; } = [];
    public List<ExternalKind> External { get; } = [];
    public long? PendingStop { get; set; }
    public bool PendingStopSilent { get; set; }
}

/// <summary>What a soak ends with.</summary>
public sealed record SoakResult(SoakOptions Options, TimeSpan Wall, int Steps, IReadOnlyList<string> Symbols, int Slots,
    IReadOnlyList<SoakTrade> Trades, KernelState State, SoakVenue Venue, IReadOnlyList<(string Kind, string Detail)> Diagnostics,
    IReadOnlySet<long> ExternalOrderIds, int FundingEvents, int StreamDrops, int MidTradeDrops, int UserStreamConnections, int Reconciliations,
    IReadOnlyList<decimal> IdleDifferences, IReadOnlyList<string> IdleBreaches, IReadOnlyList<string> Stuck, int Rescued, int EntriesRefused, int ClosesRefused,
    TradeHistory History);

/// <summary>The venue's books at the end of a soak.</summary>
public sealed record SoakVenue(SimAccountView Account, IReadOnlyList<SimOrderView> Orders, IReadOnlyList<SimIncomeView> Income,
    IReadOnlyList<SimPositionView> Positions, SimulatorOptions Options);

/// <summary>
/// The soak: random trading for H simulated hours against the in-process simulator through the real live loop, with
/// every venue behaviour of the exchange-truth issues, then the ledger checked against the venue's own records.
/// </summary>
public sealed class SoakRun
{
    private static readonly (string Symbol, decimal Mark, decimal MinQty, decimal MaxQty, int Decimals)[] Universe =
    [
        ("BTC-USDT", 60_000m, 0.01m, 0.2m, 3),
        ("ETH-USDT", 3_000m, 0.2m, 3m, 2),
        ("FET-USDT", 0.1878m, 5_000m, 50_000m, 0),
    ];

    private readonly SoakOptions _o;
    private readonly ILogger _log;
    private readonly Random _rng;
    private readonly SoakClock _clock = new();
    private readonly List<SoakTrade> _trades = [];
    private readonly HashSet<long> _externalOrders = [];
    private readonly List<decimal> _idle = [];
    private readonly List<string> _idleBreaches = [];
    private readonly List<string> _stuck = [];
    private readonly Dictionary<string, decimal> _marks = new();
    private (string Symbol, decimal Mark, decimal MinQty, decimal MaxQty, int Decimals)[] _symbols = [];
    private int _rescued, _slots, _step, _funding, _drops, _midTradeDrops, _reconciles, _next;
    private BingxSimulator _sim = null!;
    private DiagnosticCapture _diagnostics = null!;
    private int _entriesRefused, _closesRefused;
    private LiveSession _s = null!;
    private TradeHistory _history = null!;

    private SoakRun(SoakOptions o, ILogger log)
    {
        _o = o;
        _log = log;
        _rng = new Random(o.Seed);
    }

    public static async Task<SoakResult> ExecuteAsync(SoakOptions o, ILoggerFactory logs, DiagnosticCapture diagnostics, CancellationToken ct)
    {
        var run = new SoakRun(o, logs.CreateLogger("pink.soak")) { _diagnostics = diagnostics };
        return await run.RunAsync(logs, diagnostics, ct);
    }

    private async Task<SoakResult> RunAsync(ILoggerFactory logs, DiagnosticCapture diagnostics, CancellationToken ct)
    {
        var wall = Stopwatch.StartNew();
        if (Directory.Exists(_o.StateDir)) Directory.Delete(_o.StateDir, recursive: true);
        Directory.CreateDirectory(_o.StateDir);
        _slots = 2 + _rng.Next(3);
        _symbols = Universe.Take(2 + _rng.Next(2)).ToArray();
        var kernel = new KernelConfig(SlotCount: _slots);
        // Reconciliation is driven by the soak every few simulated minutes (below), not by a wall-clock timer.
        var runOptions = new RunOptions(_o.StateDir, kernel, ReconcileInterval: TimeSpan.Zero);
        await using var sim = await BingxSimulator.StartAsync(new SimulatorOptions(InitialWallet: 100_000m, Time: _clock,
            EventOrder: EventOrder.Random, EventOrderSeed: _o.Seed, DefaultLeverage: 2,
            // the accelerated clock would expire a listenKey every simulated hour; the client extends it on wall time
            ListenKeyLifetime: TimeSpan.FromDays(365)));
        _sim = sim;
        foreach (var (symbol, mark, _, _, _) in _symbols) { _marks[symbol] = mark; sim.SetMark(symbol, mark); }
        sim.SetProtectivePrice(0.22m);
        var venue = new BingxVenueOptions(sim.RestBaseUrl, sim.WsUrl);
        var credentials = new BingxCredentials(sim.Options.ApiKey, sim.Options.ApiSecret);
        await using var outlet = new InProcessSnapshotPublisher();
        await using var rows = new MemoryRowWriter();
        await using (_s = await LiveSession.StartAsync(venue, credentials, runOptions, rows, outlet, _symbols.Select(x => x.Symbol).ToList(), logs, ct, clock: _clock))
        {
            _history = TradeHistory.Of(_s.Loop);
            await QuietPollAsync(ct);
            var steps = (int)Math.Round(_o.Hours * 60);
            for (_step = 1; _step <= steps; _step++)
            {
                ct.ThrowIfCancellationRequested();
                _clock.Advance(SoakOptions.Step);
                var settled = await MarksAsync(ct);
                if (_step % SoakOptions.FundingEverySteps == 0)
                {
                    var rate = (decimal)Math.Round((_rng.NextDouble() * 2 - 1) * 0.0003, 6);
                    sim.ChargeFunding(rate);
                    _funding++;
                    settled = true;
                    _log.LogInformation("soak step {Step}: funding at rate {Rate}", _step, rate);
                }
                settled |= await ActAsync(ct);
                if (_step % SoakOptions.ReconcileEverySteps == 0) await ReconcileAsync(wait: false, ct);
                if (settled || _step % 30 == 0) await QuietPollAsync(ct);
            }
            // Close what is still open, so every trade is checked.
            for (var round = 0; round < 2; round++)
                foreach (var t in _trades.Where(t => !t.Closed).ToList()) await CloseAsync(t, ct);
            await QuietPollAsync(ct);
            await _s.StopAsync();
            wall.Stop();
            var connections = sim.UserStreamConnections;
            return new SoakResult(_o, wall.Elapsed, steps, _symbols.Select(x => x.Symbol).ToList(), _slots, _trades, _s.Loop.State,
                new SoakVenue(sim.Account, sim.Orders, sim.Income, sim.Positions, sim.Options), diagnostics.Seen.ToList(), _externalOrders, _funding, _drops, _midTradeDrops, connections, _reconciles,
                _idle, _idleBreaches, _stuck, _rescued, _entriesRefused, _closesRefused, _history);
        }
    }

    // ---- marks: a random walk (σ 0.1 % a minute), pulled towards a waiting exchange stop's trigger ----

    private async Task<bool> MarksAsync(CancellationToken ct)
    {
        foreach (var (symbol, _, _, _, _) in _symbols)
        {
            var m = _marks[symbol] * (decimal)Math.Exp(0.001 * Gaussian());
            var stop = _trades.FirstOrDefault(t => !t.Closed && t.Symbol == symbol && t.PendingStop is not null);
            if (stop is not null && _sim.GetOrder(stop.PendingStop!.Value) is { StopPrice: decimal trigger })
                m *= m > trigger ? 0.997m : 1.003m;
            m = Math.Round(m, symbol.StartsWith("FET") ? 6 : 2);
            _marks[symbol] = m;
            _sim.SetMark(symbol, m);
        }
        // A stop the marks triggered: wait for the kernel to book it (a silent one only reconciliation can find).
        var any = false;
        foreach (var t in _trades.Where(t => !t.Closed && t.PendingStop is not null).ToList())
        {
            var order = _sim.GetOrder(t.PendingStop!.Value)!;
            if (order.Status is "NEW" or "PENDING") continue;
            any = true;
            t.PendingStop = null;
            t.External.Add(t.PendingStopSilent ? ExternalKind.SilentStop : ExternalKind.ExchangeStop);
            _log.LogInformation("soak step {Step}: exchange stop {Id} of {Trade} {Status}{Silent}", _step, order.OrderId, t.Id, order.Status,
                t.PendingStopSilent ? " (silent)" : "");
            if (order.ExecutedQty > 0) t.Remaining -= order.ExecutedQty;
            if (t.PendingStopSilent)
            {
                // No order update comes: the periodic reconciliation finds it (the soak runs it at once).
                await WaitAsync(() => NoOrderWorking(), "quiet before reconciling a silent stop", ct);
                await ReconcileAsync(wait: true, ct);
            }
            await WaitTradeAsync(t, ct);
        }
        return any;
    }

    // ---- one random action per step ----

    private async Task<bool> ActAsync(CancellationToken ct)
    {
        var open = _trades.Where(t => !t.Closed && t.PendingStop is null).ToList();
        var roll = _rng.NextDouble();
        if ((roll -= 0.10) < 0) return await OpenAsync(ct);
        if ((roll -= 0.05) < 0) return open.Count > 0 && await CloseAsync(Pick(open), ct);
        if ((roll -= 0.012) < 0) return open.Count > 0 && await ExternalAsync(Pick(open), ExternalKind.Liquidation, ct);
        if ((roll -= 0.012) < 0) return open.Count > 0 && await ExternalAsync(Pick(open), ExternalKind.Adl, ct);
        if ((roll -= 0.015) < 0) return open.Count > 0 && await ExternalAsync(Pick(open), ExternalKind.WebUiClose, ct);
        if ((roll -= 0.02) < 0) return open.Count > 0 && PlaceStop(Pick(open));
        if ((roll -= 0.012) < 0) return await DropAsync(ct);
        return false;
    }

    private async Task<bool> OpenAsync(CancellationToken ct)
    {
        var busy = _trades.Where(t => !t.Closed).ToList();
        var slot = Enumerable.Range(0, _slots).Where(i => busy.All(t => t.Slot != i) && _s.Loop.State.Slots[i].Phase == SlotPhase.Idle).ToList();
        // One trade per instrument and side: the venue's hedge-mode position is then one trade's, so every venue order
        // can be attributed to exactly one trade.
        var free = _symbols.SelectMany(x => new[] { (x, "LONG"), (x, "SHORT") })
            .Where(c => busy.All(t => t.Symbol != c.x.Symbol || t.Side != c.Item2)).ToList();
        if (slot.Count == 0 || free.Count == 0) return false;
        var ((symbol, _, min, max, decimals), side) = Pick(free);
        var qty = Math.Round(min + (max - min) * (decimal)_rng.NextDouble(), decimals);
        var leverage = 1 + _rng.Next(3);
        var t = new SoakTrade($"s{++_next}", Pick(slot), symbol, side, qty);
        var coid = $"sk-{_next}-in";
        t.OurClientIds.Add(coid);
        _trades.Add(t);
        _sim.SetFillSlices(1 + _rng.Next(3));
        MaybeDropMidTrade();
        _log.LogInformation("soak step {Step}: open {Trade} slot {Slot} {Side} {Qty} {Symbol} x{Leverage}", _step, t.Id, t.Slot, side, qty, symbol, leverage);
        _s.Intend(new { op = "open", slot = t.Slot, symbol, side, qty, leverage, client_order_id = coid, trade_id = t.Id });
        await WaitAsync(() => KernelTrade(t) is Trade k && k.OpenQty == qty && _s.Loop.State.Slots[t.Slot].Phase == SlotPhase.Open
            || Refused(coid), $"{t.Id} open", ct);
        if (KernelTrade(t) is null && Refused(coid))
        {
            // The kernel refused the entry (ENTRY_REFUSED while its ledger is diverged): nothing was sent.
            _trades.Remove(t);
            _entriesRefused++;
            _log.LogWarning("soak step {Step}: entry {Coid} refused by the kernel", _step, coid);
        }
        return true;
    }

    private async Task<bool> CloseAsync(SoakTrade t, CancellationToken ct)
    {
        var coid = $"sk-{t.Id[1..]}-out{t.OurClientIds.Count}";
        t.OurClientIds.Add(coid);
        _sim.SetFillSlices(1 + _rng.Next(3));
        MaybeDropMidTrade();
        _log.LogInformation("soak step {Step}: close {Trade} slot {Slot}", _step, t.Id, t.Slot);
        _s.Intend(new { op = "close", slot = t.Slot, client_order_id = coid });
        var before = t.Remaining;
        t.Remaining = 0;
        await WaitAsync(() => KernelTrade(t) is Trade { Closed: true } || OrderStatusOf(coid) is OrderStatus.Rejected or OrderStatus.Cancelled,
            $"{t.Id} closed or its exit refused", ct);
        if (OrderStatusOf(coid) is OrderStatus.Rejected or OrderStatus.Cancelled && KernelTrade(t) is Trade { Closed: false })
        {
            // The venue refused the exit: the trade stays open (counted, and printed as a finding).
            t.Remaining = before;
            _closesRefused++;
            _log.LogWarning("soak step {Step}: exit {Coid} of {Trade} refused by the venue", _step, coid, t.Id);
            return true;
        }
        await WaitTradeAsync(t, ct);
        return true;
    }

    private async Task<bool> ExternalAsync(SoakTrade t, ExternalKind kind, CancellationToken ct)
    {
        var position = _sim.Positions.FirstOrDefault(p => p.Symbol == t.Symbol && p.Side == t.Side);
        if (position is null) return false;
        var decimals = _symbols.First(x => x.Symbol == t.Symbol).Decimals;
        SimOrderView order;
        switch (kind)
        {
            case ExternalKind.Liquidation:
                order = _sim.Liquidate(t.Symbol, t.Side);
                break;
            case ExternalKind.Adl:
                var part = Math.Round(position.Qty * (decimal)(0.2 + 0.5 * _rng.NextDouble()), decimals);
                if (part <= 0 || part >= position.Qty) return false;
                order = _sim.AutoDeleverage(t.Symbol, t.Side, part, _marks[t.Symbol]);
                break;
            default:
                decimal? qty = null;
                if (_rng.NextDouble() < 0.4)
                {
                    var q = Math.Round(position.Qty * (decimal)(0.2 + 0.5 * _rng.NextDouble()), decimals);
                    if (q > 0 && q < position.Qty) { qty = q; kind = ExternalKind.WebUiPartial; }
                }
                _sim.SetFillSlices(1 + _rng.Next(3));
                order = _sim.CloseFromWebUi(t.Symbol, t.Side, qty);
                break;
        }
        _externalOrders.Add(order.OrderId);
        t.ExternalOrderIds.Add(order.OrderId);
        t.External.Add(kind);
        t.Remaining = position.Qty - order.ExecutedQty;
        _log.LogInformation("soak step {Step}: {Kind} of {Trade}: {Qty} of {Position} {Symbol} {Side}", _step, kind, t.Id, order.ExecutedQty, position.Qty, t.Symbol, t.Side);
        await WaitTradeAsync(t, ct);
        return true;
    }

    private bool PlaceStop(SoakTrade t)
    {
        var mark = _marks[t.Symbol];
        var distance = (decimal)(0.002 + 0.008 * _rng.NextDouble());
        var takeProfit = _rng.NextDouble() < 0.3;
        var below = (t.Side == "LONG") != takeProfit; // a long's stop is below the mark, its take-profit above
        var trigger = Math.Round(mark * (below ? 1 - distance : 1 + distance), t.Symbol.StartsWith("FET") ? 6 : 2);
        var silent = _rng.NextDouble() < 0.4;
        _sim.SilentTriggers(silent);
        var order = _sim.PlaceExchangeStop(t.Symbol, t.Side, takeProfit ? "TAKE_PROFIT_MARKET" : "STOP_MARKET", trigger);
        _externalOrders.Add(order.OrderId);
        t.ExternalOrderIds.Add(order.OrderId);
        t.PendingStop = order.OrderId;
        t.PendingStopSilent = silent;
        _log.LogInformation("soak step {Step}: exchange {Type} {Id} at {Trigger} on {Trade}{Silent}", _step, order.Type, order.OrderId, trigger, t.Id, silent ? " (silent)" : "");
        return false;
    }

    private async Task<bool> DropAsync(CancellationToken ct)
    {
        var before = _sim.UserStreamConnections;
        _drops++;
        _log.LogInformation("soak step {Step}: the venue drops the user stream", _step);
        _sim.DropUserStreams();
        await WaitAsync(() => _sim.UserStreamConnections > before && _sim.UserStreamsOpen > 0, "user stream reconnected", ct);
        return true;
    }

    /// <summary>Now and then a drop in the middle of the next order's frames: later frames are lost until the reconnect.</summary>
    private void MaybeDropMidTrade()
    {
        if (_rng.NextDouble() >= 0.05) return;
        var frames = 1 + _rng.Next(3);
        _drops++;
        _midTradeDrops++;
        _log.LogInformation("soak step {Step}: the user stream drops after {Frames} more frames", _step, frames);
        _sim.DropUserStreamsAfter(frames);
    }

    // ---- waiting, reconciling, polling ----

    private async Task WaitTradeAsync(SoakTrade t, CancellationToken ct)
    {
        var remaining = t.Remaining;
        var done = await WaitAsync(() => KernelTrade(t) is Trade k && (remaining <= 0 ? k.Closed : k.OpenQty == remaining),
            remaining <= 0 ? $"{t.Id} closed" : $"{t.Id} reduced to {t.Remaining}", ct);
        if (remaining <= 0) t.Closed = true;
        if (!done && remaining <= 0)
        {
            // What the periodic reconciliation would do next: ask the venue, then give it another chance.
            await ReconcileAsync(wait: true, ct);
            if (await WaitAsync(() => KernelTrade(t) is Trade { Closed: true }, $"{t.Id} closed after a reconciliation", ct, record: false))
            {
                _stuck.RemoveAt(_stuck.Count - 1);
                _rescued++;
            }
        }
    }

    private async Task ReconcileAsync(bool wait, CancellationToken ct)
    {
        _reconciles++;
        var before = _s.Loop.RecordsApplied;
        IReadOnlyList<Pink.Shell.Recording.Record> answers;
        try { answers = await _s.Venue.ReconcileAsync(_s.Loop.State, ct); }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _log.LogWarning("soak step {Step}: reconciliation failed ({Error})", _step, ex.Message);
            return;
        }
        foreach (var r in answers) _s.Submit(r);
        if (wait) await WaitAsync(() => _s.Loop.RecordsApplied >= before + answers.Count, "reconciliation applied", ct);
    }

    /// <summary>
    /// A quiet moment: no order working and the stream caught up with the venue's wallet; then a balance poll (a full
    /// reconciliation) and |capital − wallet| recorded.
    /// </summary>
    private async Task QuietPollAsync(CancellationToken ct)
    {
        if (!await WaitAsync(NoOrderWorking, "no order working", ct)) return;
        var wallet = _sim.Account.WalletBalance;
        await WaitAsync(() => _s.Loop.State.Account.EWalletBalance == wallet, "stream caught up", ct, record: false, limit: TimeSpan.FromSeconds(2));
        await ReconcileAsync(wait: true, ct);
        await SettleAsync(ct);
        var diff = Math.Abs(_s.Loop.State.Account.Capital - _sim.Account.WalletBalance);
        _idle.Add(diff);
        if (diff > 0.01m && _idleBreaches.Count < 20)
            _idleBreaches.Add($"step {_step}: capital {_s.Loop.State.Account.Capital:0.########} wallet {_sim.Account.WalletBalance:0.########} (|Δ| {diff:0.########})");
    }

    private async Task SettleAsync(CancellationToken ct)
    {
        var last = -1L;
        while (_s.Loop.RecordsApplied != last)
        {
            last = _s.Loop.RecordsApplied;
            await Task.Delay(15, ct);
        }
    }

    private bool NoOrderWorking()
    {
        var st = _s.Loop.State;
        return st.Orders.Values.All(o => o.Status != OrderStatus.Working)
            && st.Slots.All(s => s.Phase is SlotPhase.Idle or SlotPhase.Open);
    }

    private async Task<bool> WaitAsync(Func<bool> done, string what, CancellationToken ct, bool record = true, TimeSpan? limit = null)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)((limit ?? SoakOptions.WaitLimit).TotalSeconds * Stopwatch.Frequency);
        while (!done())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                if (record)
                {
                    _stuck.Add($"step {_step}: '{what}' not reached within {(limit ?? SoakOptions.WaitLimit).TotalSeconds:0} s (event_seq {_s.Loop.State.EventSeq})");
                    _log.LogWarning("soak: {What}", _stuck[^1]);
                }
                return false;
            }
            await Task.Delay(2, ct);
        }
        return true;
    }

    private bool Refused(string coid) =>
        _diagnostics.Seen.Any(d => d.Kind is DiagnosticKinds.EntryRefused or DiagnosticKinds.IntentRejected && d.Detail.Contains(coid, StringComparison.Ordinal));

    private OrderStatus? OrderStatusOf(string coid) =>
        _history.Order(_s.Loop.State, coid)?.Status;

    private Trade? KernelTrade(SoakTrade t) => _history.Trade(_s.Loop.State, t.Id);

    private T Pick<T>(IReadOnlyList<T> items) => items[_rng.Next(items.Count)];

    private double Gaussian()
    {
        var u = 1 - _rng.NextDouble();
        var v = _rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}
