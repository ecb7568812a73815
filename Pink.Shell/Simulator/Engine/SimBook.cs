namespace Pink.Shell.Simulator.Engine;

/// <summary>All venue state: wallet, positions, orders, marks, leverage, income. Guarded by the exchange lock.</summary>
internal sealed class SimBook(SimulatorOptions options)
{
    private long _nextOrderId = 1_900_000_000_000_000_001; // 19 digits, beyond double's exact range, as BingX's are
    private long _nextTradeId = 1_000_001;
    private long _nextPositionId = 1_800_000_000_000_000_001;
    private long _nextFundingId = 1;
    private long _nextWebId = 1;

    public SimulatorOptions Options { get; } = options;
    public decimal Wallet { get; set; } = options.InitialWallet;
    public decimal RealizedTotal { get; set; }
    public decimal FeesTotal { get; set; }
    /// <summary>Funding settled so far, signed as the wallet moved.</summary>
    public decimal FundingTotal { get; set; }
    /// <summary>The rate of the last funding settlement (premiumIndex's lastFundingRate).</summary>
    public decimal LastFundingRate { get; set; } = options.FundingRate;
    public Dictionary<long, SimOrder> Orders { get; } = [];
    public Dictionary<string, long> ByClientId { get; } = new(StringComparer.Ordinal);
    public Dictionary<(string Symbol, string Side), SimPosition> Positions { get; } = [];
    public Dictionary<string, decimal> Marks { get; } = new(StringComparer.Ordinal);
    public Dictionary<(string Symbol, string Side), int> Leverage { get; } = [];
    public List<SimIncome> Incomes { get; } = [];

    public long NextOrderId() => _nextOrderId++;

    public long NextTradeId() => _nextTradeId++;

    /// <summary>One funding settlement of one position: the key of its income record.</summary>
    public long NextFundingId() => _nextFundingId++;

    /// <summary>A web UI order's clientOrderId: `web_` and a number, lower-case as the venue keeps every client id.</summary>
    public string NextWebClientId() => $"web_{_nextWebId++}";

    public SimPosition Position(string symbol, string side)
    {
        if (!Positions.TryGetValue((symbol, side), out var p))
        {
            p = new SimPosition { Id = _nextPositionId++, Symbol = symbol, Side = side, Sign = side == "SHORT" ? -1 : 1, Leverage = LeverageOf(symbol, side) };
            Positions[(symbol, side)] = p;
        }
        return p;
    }

    public int LeverageOf(string symbol, string side) =>
        Leverage.TryGetValue((symbol, side), out var l) ? l : Options.DefaultLeverage;

    public decimal MarkOf(string symbol) => Marks.GetValueOrDefault(symbol);

    public decimal Unrealized => Positions.Values.Sum(p => p.Unrealized(MarkOf(p.Symbol)));

    public decimal UsedMargin => Positions.Values.Sum(p => p.Margin);

    /// <summary>Margin reserved by resting LIMIT orders that would open a position.</summary>
    public decimal FrozenMargin => Orders.Values.Where(o => o.IsLive && o.LimitPrice is not null)
        .Sum(o => Netting.OpeningRemainder(this, o) * o.LimitPrice!.Value / o.Leverage);

    public SimAccountView Account() => new(Wallet, Unrealized, UsedMargin, FrozenMargin, RealizedTotal, FeesTotal, FundingTotal);
}
