using LanguageExt;

namespace Pink.Core;

/// <summary>What readers see of one slot.</summary>
public sealed record SlotView(int Slot, SlotPhase Phase, string? TradeId, string Symbol, string Side, double OpenQty,
    double EntryPrice, double MarkPrice, double UnrealizedPnl, double RealizedPnl, double Fees, int ExchangeLeverage,
    double ConvictionLeverage, double SettledBaseline, TradeFlags Flags);

/// <summary>
/// The one published account snapshot (rule 12): immutable, built whole after an event is applied, so a reader
/// never sees a half-applied event. <see cref="EventSeq"/> strictly increases.
/// </summary>
public sealed record AccountSnapshot(long EventSeq, long TimeMs, double Capital, double Equity, CapitalSource CapitalSource,
    double EWalletBalance, double AvailableMargin, double FeesPaid, double UnrealizedPnl, bool EntriesBlocked,
    Arr<SlotView> Slots);

/// <summary>The venue's cumulative figures for one order as the kernel has applied them.</summary>
public sealed record OrderProgress(double CumQty, double AvgPrice, double ExchangeRealized, double Fees);
