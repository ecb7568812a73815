using FsCheck;
using FsCheck.Fluent;
using Pink.Core;
using Pink.Properties.Scenarios;
using Pink.Properties.Support;
using Xunit.Abstractions;

namespace Pink.Properties.Invariants;

/// <summary>
/// Exchange truth: the ledger is the same whatever order the venue's two channels deliver a fill and its account
/// update in — order-first, account-first, all of either first, or any seeded merge that keeps each channel in order —
/// with restarts through the state document and REST polls falling anywhere. The same final capital, K-ledger, fees,
/// entries allowed, trades (realized, fees, provenance, flags), sizer feedback, diagnostics and rows per table (polls
/// add their own anchor rows, so those two tables are compared only without them). And since the venue is
/// self-consistent: no LEDGER_DIVERGENCE, entries never refused, capital ends equal to the venue's wallet, every
/// trade's fees are the venue's and its realized the venue's rp — also when the exchange closed it itself.
/// </summary>
public class InterleavingIndependence(ITestOutputHelper output)
{
    private static readonly string[] Unexpected =
    [
        DiagnosticKinds.LedgerDivergence, DiagnosticKinds.EntryRefused, DiagnosticKinds.UnresolvedSlot, DiagnosticKinds.MalformedInput,
        DiagnosticKinds.PositionMismatch, DiagnosticKinds.PnlMismatch, DiagnosticKinds.InternalError,
    ];

    private static Arbitrary<(int Seed, bool OneWay, Delivery Delivery)> Cases() => Arb.From(
        from seed in Gen.Choose(0, int.MaxValue)
        from oneWay in Gen.Elements(false, true)
        from how in Gen.Elements(Enum.GetValues<Interleave>())
        from merge in Gen.Choose(0, int.MaxValue)
        from polls in Gen.Elements(false, true)
        from restarts in Gen.Elements(false, true)
        select (seed, oneWay, new Delivery(how, merge, polls, restarts)));

    [Fact]
    public void Outcome_is_independent_of_the_interleaving_of_order_and_account_updates() =>
        Support.Cases.Check(Cases(), c =>
        {
            var reference = TwoChannelVenue.Run(c.Seed, c.OneWay, Delivery.Reference);
            var run = TwoChannelVenue.Run(c.Seed, c.OneWay, c.Delivery);
            foreach (var o in new[] { reference, run }) SelfConsistent(o, c.ToString());
            Same(reference, run, c.Delivery, c.ToString());
        }, output);

    private static void SelfConsistent(ChannelOutcome o, string where)
    {
        var bad = o.Diagnostics.Where(d => Unexpected.Contains(d.Kind)).Select(d => $"{d.Kind}: {d.Detail}").ToList();
        Require.That(bad.Count == 0, () => $"{where}: a self-consistent venue raised\n  {string.Join("\n  ", bad)}\n  {o.Story}");
        var a = o.Final.Account;
        Require.Close(o.VenueWallet, a.Capital, () => $"{where}: final capital vs the venue's wallet");
        Require.That(a.Source == CapitalSource.EAnchored && !a.EntriesBlocked && a.Unconfirmed.IsEmpty && !a.Ahead.Any(l => l.Explained),
            () => $"{where}: at rest the account is {a}");
        foreach (var (id, venue) in o.VenueTrades)
        {
            var t = o.Trades.GetValueOrDefault(id);
            Require.That(t is { Closed: true }, () => $"{where}: trade {id} is not closed: {t}");
            Require.Close(venue.Fees, t!.Fees, () => $"{where}: fees of {id}");
            Require.Close(venue.Realized, t.RealizedPnl, () => $"{where}: realized of {id}", 0.000001m);
        }
    }

    private static void Same(ChannelOutcome expected, ChannelOutcome actual, Delivery delivery, string where)
    {
        var (e, a) = (expected.Final.Account, actual.Final.Account);
        Require.Close(e.Capital, a.Capital, () => $"{where}: capital");
        Require.Close(e.KLedger, a.KLedger, () => $"{where}: K-ledger");
        Require.Close(e.FeesPaid, a.FeesPaid, () => $"{where}: fees paid");
        Require.That(e.Source == a.Source && e.EntriesBlocked == a.EntriesBlocked && e.EWalletBalance == a.EWalletBalance,
            () => $"{where}: account {a} vs {e}");
        foreach (var t in expected.Trades.Values)
        {
            var other = actual.Trades.GetValueOrDefault(t.TradeId);
            Require.That(other is not null && other.Closed == t.Closed && other.PnlSource == t.PnlSource && other.Flags == t.Flags &&
                         Require.Near(t.RealizedPnl, other.RealizedPnl) && Require.Near(t.Fees, other.Fees),
                () => $"{where}: trade {t} became {other}");
        }
        Require.That(expected.Trades.Count == actual.Trades.Count, () => $"{where}: trade count");
        var fe = expected.Feedback.OrderBy(f => f.TradeId).Select(f => (f.TradeId, f.Revision)).ToList();
        var fa = actual.Feedback.OrderBy(f => f.TradeId).Select(f => (f.TradeId, f.Revision)).ToList();
        Require.That(fe.SequenceEqual(fa), () => $"{where}: sizer feedback [{string.Join(", ", fa)}] vs [{string.Join(", ", fe)}]");
        foreach (var f in expected.Feedback)
            Require.Close(f.Pnl, actual.Feedback.First(x => x.TradeId == f.TradeId && x.Revision == f.Revision).Pnl, () => $"{where}: feedback of {f.TradeId}");
        var de = Kinds(expected.Diagnostics);
        var da = Kinds(actual.Diagnostics);
        Require.That(de.SequenceEqual(da), () => $"{where}: diagnostics [{string.Join(", ", da)}] vs [{string.Join(", ", de)}]\n  {actual.Story}");
        foreach (var table in Tables.All)
        {
            if (delivery.Polls && table is Tables.AccountEvents or Tables.StatusSnapshots) continue;
            Require.That(expected.Rows[table] == actual.Rows[table], () =>
                $"{where}: {actual.Rows[table]} {table} rows vs {expected.Rows[table]}\n  {actual.Story}\nreference:\n  {expected.Story}");
        }
    }

    private static List<string> Kinds(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Where(d => d.Kind != DiagnosticKinds.DuplicateIgnored).Select(d => d.Kind).OrderBy(k => k, StringComparer.Ordinal).ToList();
}
