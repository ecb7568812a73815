using LanguageExt;

namespace Pink.Core;

/// <summary>The account: E-facts, the K-ledger and what is still to be confirmed.</summary>
internal sealed record AccountV2(decimal Capital, CapitalSource Source, decimal EWalletBalance, decimal AvailableMargin,
    decimal FeesPaid, decimal KLedger, bool Anchored, bool EntriesBlocked, UnconfirmedFillV2[] Unconfirmed, ExchangeLeadV2[] Ahead,
    bool CheckPending, bool PollDisagreed, long IncomeUpToMs, string[] UnknownLegs, FundingFlowV2[] FundingFlows)
{
    public static AccountV2 From(Account a) => new(a.Capital, a.Source, a.EWalletBalance, a.AvailableMargin, a.FeesPaid, a.KLedger,
        a.Anchored, a.EntriesBlocked, a.Unconfirmed.Map(UnconfirmedFillV2.From).ToArray(), a.Ahead.Map(ExchangeLeadV2.From).ToArray(),
        a.CheckPending, a.PollDisagreed, a.IncomeUpToMs, a.UnknownLegs.ToArray(), a.FundingFlows.Map(FundingFlowV2.From).ToArray());

    public Account ToState() => new(Capital, Source, EWalletBalance, AvailableMargin, FeesPaid, KLedger, Anchored, EntriesBlocked,
        new Arr<UnconfirmedFill>(Unconfirmed.Select(u => u.ToState())), new Arr<ExchangeLead>(Ahead.Select(l => l.ToState())),
        CheckPending, PollDisagreed, IncomeUpToMs, new Arr<string>(UnknownLegs), new Arr<FundingFlow>(FundingFlows.Select(f => f.ToState())));
}

/// <summary>A fill applied that no account update has confirmed yet.</summary>
internal sealed record UnconfirmedFillV2(string Key, PositionSide Side, decimal Qty, decimal WalletDelta, bool Polled)
{
    public static UnconfirmedFillV2 From(UnconfirmedFill u) => new(u.Key, u.Side, u.Qty, u.WalletDelta, u.Polled);
    public UnconfirmedFill ToState() => new(Key, Side, Qty, WalletDelta, Polled);
}

/// <summary>A position change the exchange reported before the fills behind it.</summary>
internal sealed record ExchangeLeadV2(string Key, PositionSide? Side, decimal Qty, bool Explained, decimal? WalletDelta)
{
    public static ExchangeLeadV2 From(ExchangeLead l) => new(l.Key, l.Side, l.Qty, l.Explained, l.WalletDelta);
    public ExchangeLead ToState() => new(Key, Side, Qty, Explained, WalletDelta);
}

/// <summary>A funding payment seen on one side only.</summary>
internal sealed record FundingFlowV2(long TimeMs, decimal Amount, bool FromIncome)
{
    public static FundingFlowV2 From(FundingFlow f) => new(f.TimeMs, f.Amount, f.FromIncome);
    public FundingFlow ToState() => new(TimeMs, Amount, FromIncome);
}
