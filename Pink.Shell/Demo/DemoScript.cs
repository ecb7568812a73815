using Microsoft.Extensions.Logging;
using Pink.Core;
using Pink.Shell.Runner;
using Pink.Shell.Simulator;

namespace Pink.Shell.Demo;

/// <summary>
/// The scripted session the demo runs against the local simulator: two entries with partial fills at a MARKET
/// protective bound in `p` (each fill's account update pushed before its order update, as BingX-family venues do), a
/// mark move, a restart of the loop, the FET exit, the BTC position closed by an exchange-side stop Pink never placed
/// (against an external venue: an exit intent), a final balance poll. Every step is an
/// intent with a fixed client order id followed by a wait for the state it must reach, so running the script again
/// after a crash resumes it: finished steps are recognised by the kernel as repeats.
/// </summary>
public static class DemoScript
{
    public const string Fet = "FET-USDT";
    public const string Btc = "BTC-USDT";
    public static readonly IReadOnlyList<string> Symbols = [Fet, Btc];
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The simulator's opening state: marks, partial fills, the protective bound on MARKET orders.</summary>
    public static void Prepare(BingxSimulator sim)
    {
        sim.SetMark(Fet, 0.1878m);
        sim.SetMark(Btc, 60_000m);
        sim.SetFillSlices(2);
        sim.SetProtectivePrice(0.22m);
    }

    /// <summary>First half: both entries, then the marks move.</summary>
    public static async Task EntriesAsync(LiveSession s, TradeHistory history, BingxSimulator? sim, ILogger log, CancellationToken ct)
    {
        log.LogInformation("demo: open slot 0 SHORT 202276 FET-USDT at exchange leverage 3");
        s.Intend(new { op = "open", slot = 0, symbol = Fet, side = "SHORT", qty = 202_276, leverage = 3, client_order_id = "demo-0-open", trade_id = "demo-fet" });
        await WaitAsync(s, st => Phase(st, 0) == SlotPhase.Open || Closed(history, st, "demo-fet"), "slot 0 open", ct);
        log.LogInformation("demo: open slot 1 LONG 0.2 BTC-USDT at exchange leverage 2");
        s.Intend(new { op = "open", slot = 1, symbol = Btc, side = "LONG", qty = 0.2, leverage = 2, client_order_id = "demo-1-open", trade_id = "demo-btc" });
        await WaitAsync(s, st => Phase(st, 1) == SlotPhase.Open || Closed(history, st, "demo-btc"), "slot 1 open", ct);
        if (sim is not null)
        {
            log.LogInformation("demo: marks move (FET 0.1866, BTC 60600)");
            sim.SetMark(Fet, 0.1866m);
            sim.SetMark(Btc, 60_600m);
            await WaitAsync(s, st => Mark(st, Fet) == 0.1866m && Mark(st, Btc) == 60_600m || Closed(history, st, "demo-fet"), "marks applied", ct);
        }
    }

    /// <summary>Second half (after the restart): both exits, then a balance poll anchors capital.</summary>
    public static async Task ExitsAsync(LiveSession s, TradeHistory history, BingxSimulator? sim, ILogger log, CancellationToken ct)
    {
        log.LogInformation("demo: close slot 0");
        s.Intend(new { op = "close", slot = 0, client_order_id = "demo-0-close" });
        await WaitAsync(s, st => Closed(history, st, "demo-fet"), "FET trade closed", ct);
        if (sim is not null)
        {
            // The venue closes the BTC long itself: a stop placed at the exchange (as from its web UI) triggers.
            log.LogInformation("demo: an exchange-side stop at 60500 closes slot 1 (an order Pink never placed)");
            sim.PlaceExchangeStop(Btc, "LONG", "STOP_MARKET", 60_500m);
            sim.SetMark(Btc, 60_480m);
        }
        else
        {
            log.LogInformation("demo: close slot 1");
            s.Intend(new { op = "close", slot = 1, client_order_id = "demo-1-close" });
        }
        await WaitAsync(s, st => Closed(history, st, "demo-btc"), "BTC trade closed", ct);
        log.LogInformation("demo: final balance and positions poll");
        var before = s.Loop.RecordsApplied;
        var answers = await s.Venue.ReconcileAsync(s.Loop.State, ct);
        foreach (var r in answers) s.Submit(r);
        var wallet = sim?.Account.WalletBalance;
        await WaitAsync(s, st => s.Loop.RecordsApplied >= before + answers.Count && st.Account.Source == CapitalSource.EAnchored
            && (wallet is null || st.Account.EWalletBalance == wallet.Value), "final anchor", ct);
    }

    private static SlotPhase Phase(KernelState s, int slot) => s.Slots[slot].Phase;
    // A closed trade may already be forgotten by the state: the history keeps it.
    private static bool Closed(TradeHistory history, KernelState s, string trade) => history.Trade(s, trade) is { Closed: true };
    private static decimal Mark(KernelState s, string symbol) => s.Marks.Find(Symbols_(symbol)).IfNone(0);
    private static string Symbols_(string symbol) => Pink.Core.Symbols.Key(symbol);

    private static async Task WaitAsync(LiveSession s, Func<KernelState, bool> done, string what, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + StepTimeout;
        while (!done(s.Loop.State))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"demo: '{what}' not reached within {StepTimeout.TotalSeconds:0} s (last event_seq {s.Loop.State.EventSeq})");
            await Task.Delay(20, ct);
        }
    }
}
