using System.Globalization;

namespace Pink.Properties.Scenarios;

/// <summary>One report the venue delivers to the shell, in order.</summary>
public abstract record Report;

/// <summary>The stream frame of fill <paramref name="K"/> (0-based), carrying the order's figures after that fill.</summary>
public sealed record FrameReport(int K, FrameShape Shape) : Report;

/// <summary>A REST order answer with the order's cumulative figures after fill <paramref name="K"/>.</summary>
public sealed record AnswerReport(int K) : Report;

/// <summary>The kernel restarts: its state goes through the state document.</summary>
public sealed record RestartReport : Report;

/// <summary>
/// One order at a BingX-like venue: computes what the venue reports after each fill the way a venue does — cumulative
/// `z`, the cumulative average `ap` (rounded as the plan says, written with all its places like BingX's "7.82690000"),
/// each fill's own `rp` (realized against the position's entry price) and `n` (negative: fee paid), and the order
/// answer's cumulative `profit` and `commission` — and renders the stream frames and order answers as JSON.
/// </summary>
public sealed class ReportingVenue
{
    private readonly ReportingPlan _plan;
    private readonly OrderPlan _order;
    private readonly string _side, _positionSide;

    /// <param name="plan">The reporting plan (rounding, fee rate).</param>
    /// <param name="order">This order's fills and their delivery.</param>
    /// <param name="venueId">The venue's order id.</param>
    /// <param name="clientId">Our client order id.</param>
    /// <param name="buy">A buy order.</param>
    /// <param name="isLong">The position is long (hedge mode `ps`).</param>
    /// <param name="entryPrice">The venue's entry price of the position an exit reduces (null for an entry: it realizes nothing).</param>
    public ReportingVenue(ReportingPlan plan, OrderPlan order, long venueId, string clientId, bool buy, bool isLong, decimal? entryPrice)
    {
        (_plan, _order, VenueId, ClientId) = (plan, order, venueId, clientId);
        (_side, _positionSide) = (buy ? "BUY" : "SELL", isLong ? "LONG" : "SHORT");
        var (notional, profit, commissions) = (0m, 0m, 0m);
        for (var k = 0; k < order.Cum.Count; k++)
        {
            var (qty, price) = (order.Qty(k), order.Prices[k]);
            notional += qty * price;
            var rp = entryPrice is decimal e ? Math.Round((isLong ? 1 : -1) * qty * (price - e), 8, plan.Rounding) : 0m;
            var fee = Math.Round(qty * price * plan.FeeRate, 8, plan.Rounding);
            profit += rp;
            commissions -= fee;
            Rp.Add(rp);
            Commission.Add(-fee);
            Profit.Add(profit);
            Commissions.Add(commissions);
            Average.Add(Math.Round(notional / order.Cum[k], plan.Places, plan.Rounding));
        }
        Notional = notional;
    }

    /// <summary>The venue's order id.</summary>
    public long VenueId { get; }

    /// <summary>Our client order id.</summary>
    public string ClientId { get; }

    /// <summary>Σ price·qty of the order's fills, exact.</summary>
    public decimal Notional { get; }

    /// <summary>The true average fill price (unrounded).</summary>
    public decimal TrueAverage => Notional / _order.Total;

    /// <summary>Each fill's own realized PnL (`rp`).</summary>
    public List<decimal> Rp { get; } = [];

    /// <summary>Each fill's own commission (`n`, negative = paid).</summary>
    public List<decimal> Commission { get; } = [];

    /// <summary>The cumulative profit after each fill.</summary>
    public List<decimal> Profit { get; } = [];

    /// <summary>The cumulative commission after each fill (negative = paid).</summary>
    public List<decimal> Commissions { get; } = [];

    /// <summary>The cumulative average after each fill, as the venue rounds it.</summary>
    public List<decimal> Average { get; } = [];

    /// <summary>The order's fills reported as the plan says, always ending with the order answer's final figures.</summary>
    public IReadOnlyList<Report> Schedule()
    {
        var reports = new List<Report>();
        var delayed = new List<Report>();
        for (var k = 0; k < _order.Cum.Count; k++)
        {
            var d = _order.Deliveries[k];
            if (d.RestartBefore) reports.Add(new RestartReport());
            if (d.AnswerBefore) reports.Add(new AnswerReport(k));
            var late = new List<Report>();
            if (!d.Lost)
            {
                reports.Add(new FrameReport(k, d.Shape));
                if (d.Repeated) (d.RepeatedLate ? late : reports).Add(new FrameReport(k, d.Shape));
            }
            if (d.AnswerAfter) reports.Add(new AnswerReport(k));
            if (d.RestartAfter) reports.Add(new RestartReport());
            reports.AddRange(delayed); // a repeat delivered after the next fill's reports: stale by then
            delayed = late;
        }
        reports.AddRange(delayed);
        reports.Add(new AnswerReport(_order.Cum.Count - 1));
        return reports;
    }

    /// <summary>The ORDER_TRADE_UPDATE of fill <paramref name="k"/>.</summary>
    public string Frame(int k, FrameShape shape, long time)
    {
        var last = shape switch
        {
            FrameShape.WithL => $"\"L\":\"{F(_order.Prices[k])}\",",
            FrameShape.WithLastQty => $"\"L\":\"{F(_order.Prices[k])}\",\"l\":\"{F(_order.Qty(k))}\",",
            _ => "",
        };
        var status = k == _order.Cum.Count - 1 ? "FILLED" : "PARTIALLY_FILLED";
        return $$$"""{"e":"ORDER_TRADE_UPDATE","E":{{{time}}},"o":{"s":"FET-USDT","c":"","i":{{{VenueId}}},"S":"{{{_side}}}","o":"MARKET","q":"{{{F(_order.Total)}}}","p":"0.229","sp":"0","ap":"{{{Avg(k)}}}",{{{last}}}"x":"TRADE","X":"{{{status}}}","N":"USDT","n":"{{{F(Commission[k])}}}","T":{{{time}}},"wt":"MARK_PRICE","ps":"{{{_positionSide}}}","rp":"{{{F(Rp[k])}}}","z":"{{{F(_order.Cum[k])}}}"}}""";
    }

    /// <summary>The REST order answer after fill <paramref name="k"/> (GET /openApi/swap/v2/trade/order).</summary>
    public string Answer(int k, long time)
    {
        var status = k == _order.Cum.Count - 1 ? "FILLED" : "PARTIALLY_FILLED";
        return $$$$"""{"code":0,"msg":"","data":{"order":{"symbol":"FET-USDT","orderId":{{{{VenueId}}}},"side":"{{{{_side}}}}","positionSide":"{{{{_positionSide}}}}","type":"MARKET","origQty":"{{{{F(_order.Total)}}}}","price":"0.229","executedQty":"{{{{F(_order.Cum[k])}}}}","avgPrice":"{{{{Avg(k)}}}}","profit":"{{{{F(Profit[k])}}}}","commission":"{{{{F(Commissions[k])}}}}","status":"{{{{status}}}}","time":{{{{time}}}},"updateTime":{{{{time}}}},"clientOrderId":"{{{{ClientId}}}}"}}}""";
    }

    // All the places the venue rounds to, trailing zeros included.
    private string Avg(int k) => Average[k].ToString("F" + _plan.Places.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string F(decimal x) => x.ToString(CultureInfo.InvariantCulture);
}
