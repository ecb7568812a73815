using System.Globalization;
using System.Text;
using Pink.Core;
using Pink.Shell.Runner;
using Pink.Shell.Simulator;

namespace Pink.Shell.Demo;

/// <summary>The reconciled ledger the demo ends with: the kernel's figures beside the venue's own.</summary>
public sealed record DemoLedger(decimal KernelCapital, string CapitalSource, decimal VenueWallet, IReadOnlyList<DemoTrade> Trades,
    RowsDelivery Rows, string RowStore, int Anomalies)
{
    /// <summary>The tolerance for agreement: a cent.</summary>
    public const decimal Cent = 0.01m;

    public bool Agrees => Math.Abs(KernelCapital - VenueWallet) <= Cent && Trades.All(t => t.Agrees);

    public static DemoLedger Of(KernelState state, TradeHistory history, BingxSimulator sim, RowsDelivery rows, string store, int anomalies)
    {
        var trades = new List<DemoTrade>();
        foreach (var t in history.Trades(state).OrderBy(t => t.OpenedMs))
        {
            decimal rp = 0, fees = 0;
            foreach (var o in history.Orders(state, t.TradeId))
                // Our orders by client id; an order the venue placed itself (the stop) by its venue id.
                if (VenueOrder(sim, o) is SimOrderView v) { rp += v.RealizedPnl; fees += v.FeesPaid; }
            trades.Add(new DemoTrade(t.TradeId, t.Symbol, Names.Of(t.Side), t.EntryQty, t.EntryBasis, Queries.ExitPrice(t), t.RealizedPnl,
                (decimal)rp, t.Fees, (decimal)fees, Names.Of(t.PnlSource), t.Closed));
        }
        return new DemoLedger(state.Account.Capital, Names.Of(state.Account.Source), (decimal)sim.Account.WalletBalance, trades, rows, store, anomalies);
    }

    private static SimOrderView? VenueOrder(BingxSimulator sim, Order o) =>
        (o.External ? null : sim.FindOrder(o.ClientOrderId)) ?? (o.VenueOrderId is long id ? sim.GetOrder(id) : null);

    public string Table()
    {
        var b = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        b.AppendLine(string.Create(c, $"kernel capital {KernelCapital:0.00######} ({CapitalSource})   simulator wallet {VenueWallet:0.00######}   difference {KernelCapital - VenueWallet:0.########}"));
        b.AppendLine();
        b.AppendLine($"{"trade",-9} {"symbol",-9} {"side",-5} {"qty",10} {"entry",12} {"exit",12} {"realized",13} {"venue rp",13} {"fees",11} {"venue fees",11} {"pnl_source",-15} closed");
        foreach (var t in Trades)
            b.AppendLine(string.Create(c, $"{t.TradeId,-9} {t.Symbol,-9} {t.Side,-5} {t.Qty,10:0.######} {t.EntryPrice,12:0.########} {t.ExitPrice,12:0.########} {t.Realized,13:0.########} {t.VenueRealized,13:0.########} {t.Fees,11:0.########} {t.VenueFees,11:0.########} {t.PnlSource,-15} {(t.Closed ? "yes" : "no")}"));
        b.AppendLine();
        b.AppendLine(Rows.Line(RowStore));
        b.AppendLine($"anomalies: {Anomalies}");
        b.AppendLine(Agrees ? "ledger agrees with the venue: capital = wallet, each trade's realized = the venue's rp"
                            : "LEDGER DISAGREES WITH THE VENUE");
        return b.ToString();
    }
}

public sealed record DemoTrade(string TradeId, string Symbol, string Side, decimal Qty, decimal EntryPrice, decimal ExitPrice,
    decimal Realized, decimal VenueRealized, decimal Fees, decimal VenueFees, string PnlSource, bool Closed)
{
    public bool Agrees => Math.Abs(Realized - VenueRealized) <= DemoLedger.Cent && Math.Abs(Fees - VenueFees) <= DemoLedger.Cent;
}
