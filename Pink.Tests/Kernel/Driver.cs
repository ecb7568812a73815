using Pink.Core;

namespace Pink.Tests.Kernel;

/// <summary>Feeds events to the kernel and keeps every effect, for readable examples.</summary>
public sealed class Driver
{
    public KernelState State { get; private set; }
    public List<Effect> Effects { get; } = new();
    public List<Effect> Last { get; private set; } = new();
    private long _t = 1_749_650_000_000;

    public Driver(KernelConfig? config = null) => State = Pink.Core.Kernel.Initial(config ?? new KernelConfig(SeedCapital: 10_000));

    public long Now => _t;

    public Driver Apply(KernelEvent e)
    {
        var o = Pink.Core.Kernel.Apply(State, e);
        State = o.State;
        Last = o.Effects.ToList();
        Effects.AddRange(Last);
        return this;
    }

    public long Tick() => _t += 1000;

    public Driver Open(int slot, string symbol, PositionSide side, decimal qty, string coid, int leverage = 3, string? tradeId = null) =>
        Apply(new OpenIntent(slot, symbol, side, qty, leverage, coid, tradeId, Tick()));

    public Driver Close(int slot, string coid) => Apply(new CloseIntent(slot, coid, Tick()));

    public Driver Ack(string coid, long venue) => Apply(new OrderAcknowledged(coid, venue, Tick()));

    public Driver Fill(long? venue, string symbol, OrderSide side, decimal qty, decimal price, string? coid = null,
        decimal? rp = null, decimal fee = 0, bool settle = false, string? id = null) =>
        Apply(new Pink.Core.Fill(venue, coid, symbol, side, qty, price, Tick(), id,
            Settlement: settle || rp is not null || fee != 0 ? new ExchangeSettlement(rp, fee) : null));

    public Driver Mark(string symbol, decimal price) => Apply(new MarkPrice(symbol, price, Tick()));

    public Driver Balance(decimal wallet, string id, BalanceReason reason = BalanceReason.Order, decimal? available = null) =>
        Apply(new BalanceReport(id, wallet, available, reason, Tick()));

    /// <summary>The trade as the kernel last told it: live in the state, or the final figures it said when it forgot it.</summary>
    public Trade Trade(string id) =>
        State.Trades.Find(id).Case as Trade ?? Effects.OfType<TradeForgotten>().LastOrDefault(f => f.TradeId == id)?.Trade
        ?? throw new Xunit.Sdk.XunitException($"no trade {id}");

    /// <summary>An order as the kernel last told it (live, or forgotten with its trade).</summary>
    public Order Order(string clientOrderId) =>
        State.Orders.Find(clientOrderId).Case as Order ?? Effects.OfType<TradeForgotten>().SelectMany(f => f.Orders).LastOrDefault(o => o.ClientOrderId == clientOrderId)
        ?? throw new Xunit.Sdk.XunitException($"no order {clientOrderId}");

    /// <summary>True once the kernel forgot the trade (closed and settled).</summary>
    public bool Forgot(string id) => Effects.OfType<TradeForgotten>().Any(f => f.TradeId == id);

    public Slot Slot(int i) => State.Slots[i];

    public IEnumerable<Diagnostic> Diagnostics(string kind) => Effects.OfType<Diagnostic>().Where(d => d.Kind == kind);

    public IEnumerable<T> Rows<T>() where T : Row => Effects.OfType<PersistRow>().Select(r => r.Row).OfType<T>();
}
