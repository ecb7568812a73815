using System.Collections.Concurrent;
using Pink.Core;

namespace Pink.Shell.Runner;

/// <summary>
/// The trades a finite session (the demo, a soak) needs to report on after the kernel forgot them: kept from the run
/// loop's <see cref="RunLoop.TradeForgotten"/>, and read together with what the state still holds. A long-running
/// `live` process keeps none (the rows are the history).
/// </summary>
public sealed class TradeHistory
{
    private readonly ConcurrentDictionary<string, TradeForgotten> _forgotten = new(StringComparer.Ordinal);

    /// <summary>A history that listens to the loop from now on.</summary>
    public static TradeHistory Of(RunLoop loop)
    {
        var history = new TradeHistory();
        loop.TradeForgotten += history.Add;
        return history;
    }

    /// <summary>Adds what the kernel said when it forgot a trade.</summary>
    public void Add(TradeForgotten forgotten) => _forgotten[forgotten.TradeId] = forgotten;

    /// <summary>The trade: live in the state, else as the kernel last told it; null when never seen.</summary>
    public Trade? Trade(KernelState state, string tradeId) =>
        state.Trades.Find(tradeId).Case as Trade ?? (_forgotten.TryGetValue(tradeId, out var f) ? f.Trade : null);

    /// <summary>Every trade: the state's and the forgotten ones.</summary>
    public IEnumerable<Trade> Trades(KernelState state) =>
        Queries.Trades(state).Concat(_forgotten.Values.Select(f => f.Trade).OfType<Trade>().Where(t => state.Trades.Find(t.TradeId).IsNone));

    /// <summary>A trade's orders: the state's, or the ones forgotten with it.</summary>
    public IEnumerable<Order> Orders(KernelState state, string tradeId)
    {
        var live = state.Orders.Values.Where(o => o.TradeId == tradeId).ToList();
        return live.Count > 0 || !_forgotten.TryGetValue(tradeId, out var f) ? live : f.Orders;
    }

    /// <summary>An order by client order id: the state's, or one forgotten with its trade.</summary>
    public Order? Order(KernelState state, string clientOrderId) =>
        state.Orders.Find(clientOrderId).Case as Order ??
        _forgotten.Values.SelectMany(f => f.Orders).FirstOrDefault(o => o.ClientOrderId == clientOrderId);
}
