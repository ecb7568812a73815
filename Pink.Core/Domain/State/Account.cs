using LanguageExt;
using LanguageExt.ClassInstances;

namespace Pink.Core;

/// <summary>The account: E-facts of record and the K checksum.</summary>
public sealed record Account
{
    /// <summary>The kernel builds the account; a host reads it.</summary>
    internal Account(decimal Capital, CapitalSource Source, decimal EWalletBalance, decimal AvailableMargin,
        decimal FeesPaid, decimal KLedger, bool Anchored, bool EntriesBlocked, Arr<UnconfirmedFill> Unconfirmed,
        Arr<ExchangeLead> Ahead, bool CheckPending, bool PollDisagreed = false, long IncomeUpToMs = 0,
        Arr<string> UnknownLegs = default, Arr<FundingFlow> FundingFlows = default)
    {
        this.Capital = Capital;
        this.Source = Source;
        this.EWalletBalance = EWalletBalance;
        this.AvailableMargin = AvailableMargin;
        this.FeesPaid = FeesPaid;
        this.KLedger = KLedger;
        this.Anchored = Anchored;
        this.EntriesBlocked = EntriesBlocked;
        this.Unconfirmed = Unconfirmed;
        this.Ahead = Ahead;
        this.CheckPending = CheckPending;
        this.PollDisagreed = PollDisagreed;
        this.IncomeUpToMs = IncomeUpToMs;
        this.UnknownLegs = UnknownLegs;
        this.FundingFlows = FundingFlows;
    }

    /// <summary>Published capital.</summary>
    public decimal Capital { get; internal init; }
    /// <summary>Where it came from.</summary>
    public CapitalSource Source { get; internal init; }
    /// <summary>The last accepted wallet balance from the exchange (0 before any).</summary>
    public decimal EWalletBalance { get; internal init; }
    /// <summary>The last reported available margin.</summary>
    public decimal AvailableMargin { get; internal init; }
    /// <summary>All fees paid since the start.</summary>
    public decimal FeesPaid { get; internal init; }
    /// <summary>The kernel's own wallet: last anchor + realized increments − fees since.</summary>
    public decimal KLedger { get; internal init; }
    /// <summary>True once an anchor was accepted.</summary>
    public bool Anchored { get; internal init; }
    /// <summary>True after a divergence until a consistent anchor (exits are never blocked).</summary>
    public bool EntriesBlocked { get; internal init; }
    /// <summary>Fills applied that no account update has confirmed yet, oldest first: capital = wallet + the deltas of those no poll has shown.</summary>
    public Arr<UnconfirmedFill> Unconfirmed { get; internal init; }
    /// <summary>Position changes the exchange reported with a wallet balance that no fill has shown the kernel yet.</summary>
    public Arr<ExchangeLead> Ahead { get; internal init; }
    /// <summary>The last anchor could not be compared with the K-ledger yet (it contains fills still to come).</summary>
    public bool CheckPending { get; internal init; }
    /// <summary>A poll disagreed with the K-ledger and was held back: the venue may have changed a position itself with frames still on their way. The next poll that still disagrees is taken and reported.</summary>
    public bool PollDisagreed { get; internal init; }
    /// <summary>The exchange's income records are applied up to this time (the next query starts after it).</summary>
    public long IncomeUpToMs { get; internal init; }
    /// <summary>The inferred exit orders whose wallet delta is not known yet: no check can run until they are repaired (by a late fill of the order behind them or the income history) or the history shows nothing for them.</summary>
    public Arr<string> UnknownLegs { get; internal init; }
    /// <summary>Funding payments seen on one side only — an account update whose income record has not come, or an income record whose account update never came (see FundingFlows in the ledger).</summary>
    public Arr<FundingFlow> FundingFlows { get; internal init; }

    /// <summary>The account before any event: capital is the seed.</summary>
    internal static Account Seeded(decimal seed) =>
        new(seed, CapitalSource.Seed, 0, 0, 0, seed, false, false, Arr<UnconfirmedFill>.Empty, Arr<ExchangeLead>.Empty, false, UnknownLegs: Arr<string>.Empty,
            FundingFlows: Arr<FundingFlow>.Empty);
}

/// <summary>One funding payment seen on one side: by its account update, or (<see cref="FromIncome"/>) only by the income history.</summary>
public sealed record FundingFlow
{
    /// <summary>The kernel builds funding flows; a host reads them.</summary>
    internal FundingFlow(long TimeMs, decimal Amount, bool FromIncome)
    {
        this.TimeMs = TimeMs;
        this.Amount = Amount;
        this.FromIncome = FromIncome;
    }

    /// <summary>Exchange time of the payment.</summary>
    public long TimeMs { get; internal init; }
    /// <summary>The amount, signed as the exchange reports it (negative = paid).</summary>
    public decimal Amount { get; internal init; }
    /// <summary>True when only the income history showed it (its account update never came); false when seen by its account update.</summary>
    public bool FromIncome { get; internal init; }
}

/// <summary>
/// A fill the kernel applied whose wallet report has not arrived: its wallet delta is bridged into capital until a
/// report confirms it (the report's wallet balance then contains it).
/// </summary>
public sealed record UnconfirmedFill
{
    /// <summary>The kernel builds unconfirmed fills; a host reads them.</summary>
    internal UnconfirmedFill(string Key, PositionSide Side, decimal Qty, decimal WalletDelta, bool Polled = false)
    {
        this.Key = Key;
        this.Side = Side;
        this.Qty = Qty;
        this.WalletDelta = WalletDelta;
        this.Polled = Polled;
    }

    /// <summary>Instrument key (<see cref="Symbols.Key"/>).</summary>
    public string Key { get; internal init; }
    /// <summary>Side of the trade the fill belongs to.</summary>
    public PositionSide Side { get; internal init; }
    /// <summary>Signed position change: + for a BUY, − for a SELL.</summary>
    public decimal Qty { get; internal init; }
    /// <summary>What the fill moved capital by: realized − fees.</summary>
    public decimal WalletDelta { get; internal init; }
    /// <summary>A poll of the whole wallet came after it: the wallet holds it (it no longer counts in capital), but its own account update may still be on its way — that update is then older than the poll and moves nothing.</summary>
    public bool Polled { get; internal init; }
}

/// <summary>
/// A position change the exchange reported with a wallet balance before the kernel saw the fills behind it (the
/// venue pushed the account update first): the wallet already contains those fills, so they move no capital when
/// they arrive.
/// </summary>
public sealed record ExchangeLead
{
    /// <summary>The kernel builds leads; a host reads them.</summary>
    internal ExchangeLead(string Key, PositionSide? Side, decimal Qty, bool Explained, decimal? WalletDelta = null)
    {
        this.Key = Key;
        this.Side = Side;
        this.Qty = Qty;
        this.Explained = Explained;
        this.WalletDelta = WalletDelta;
    }

    /// <summary>Instrument key.</summary>
    public string Key { get; internal init; }
    /// <summary>The position side reported; null for a one-way (net, positionSide BOTH) position.</summary>
    public PositionSide? Side { get; internal init; }
    /// <summary>Signed change: + bought, − sold.</summary>
    public decimal Qty { get; internal init; }
    /// <summary>True when working orders of ours can account for it; an unexplained change never defers a check.</summary>
    public bool Explained { get; internal init; }
    /// <summary>What the change moved the wallet by, when the report that showed it tells (its balance move beyond the fills it confirmed, for a single position): the fills behind it are then taken out of capital by the venue's own figure, not pro rata — partial fills of one order at different prices carry different profits.</summary>
    public decimal? WalletDelta { get; internal init; }
}
