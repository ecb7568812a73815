using Pink.Core;

namespace Pink.Shell.Metrics;

/// <summary>
/// What an operator watches, read at one moment: the kernel's published figures (as <see cref="Queries.Snapshot"/> has
/// them), the row store's backlog and the time since the last wallet anchor. Nothing here is computed from fills or
/// balances: the shell only copies what the kernel and the sink report, so a gauge can never disagree with the ledger.
/// </summary>
/// <param name="EventSeq">The kernel's event sequence number.</param>
/// <param name="Capital">Published capital.</param>
/// <param name="CapitalSource">Where capital came from (e_anchored, k_bridged, seed).</param>
/// <param name="Wallet">The last accepted wallet balance (E-ledger).</param>
/// <param name="Equity">Capital plus unrealized PnL.</param>
/// <param name="OpenSlots">Slots holding quantity.</param>
/// <param name="Slots">All slots.</param>
/// <param name="RowsPending">Rows not yet delivered to ClickHouse (in memory or in the spool).</param>
/// <param name="SpoolBytes">Bytes the spool holds on disk.</param>
/// <param name="LastAnchorAgeSeconds">Seconds since the last wallet anchor this process applied; null before the first.</param>
/// <param name="Inputs">Records the loop applied.</param>
/// <param name="EntriesBlocked">True while the kernel refuses entries after a divergence.</param>
public sealed record RunStatus(long EventSeq, decimal Capital, string CapitalSource, decimal Wallet, decimal Equity, int OpenSlots, int Slots,
    long RowsPending, long SpoolBytes, double? LastAnchorAgeSeconds, long Inputs, bool EntriesBlocked)
{
    /// <summary>|capital − wallet|: zero when capital is anchored, the bridged fills' total while a report is awaited.</summary>
    public decimal CapitalWalletGap => Math.Abs(Capital - Wallet);

    /// <summary>The status of a snapshot and the figures the shell holds beside it.</summary>
    public static RunStatus Of(AccountSnapshot s, long rowsPending, long spoolBytes, double? lastAnchorAgeSeconds, long inputs)
    {
        // The kernel's own status row says what counts as an open slot; its time is not used.
        var row = Queries.StatusRow(s, DateTime.UnixEpoch);
        return new RunStatus(row.AccountEventSeq, row.Capital, row.CapitalSource, row.EWalletBalance, row.Equity, row.OpenSlots, s.Slots.Count,
            rowsPending, spoolBytes, lastAnchorAgeSeconds, inputs, row.EntriesBlocked);
    }
}
