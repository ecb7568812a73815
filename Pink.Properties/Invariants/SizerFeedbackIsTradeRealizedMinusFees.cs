using Pink.Core;
using Pink.Properties.Scenarios;
using Pink.Properties.Support;
using Xunit.Abstractions;

namespace Pink.Properties.Invariants;

/// <summary>
/// Rule 15 (seed §5.1): sizer feedback for a closed trade is that trade's own realized PnL minus its own fees — never a
/// capital delta. Every feedback equals the trade's realized PnL (the sum of its legs) minus the fees booked on its
/// own orders; and the same history with deposits, withdrawals, funding, another runtime's PnL on the shared wallet
/// and another runtime's fills inserted gives exactly the same feedback, though capital moves.
/// </summary>
public class SizerFeedbackIsTradeRealizedMinusFees(ITestOutputHelper output)
{
    [Fact]
    public void Sizer_feedback_is_trade_realized_minus_trade_fees_whatever_else_moves_the_wallet() =>
        Cases.Check(NoisyScenario.Arbitrary(), noisy =>
        {
            var history = Simulation.Run(noisy.Scenario);
            var trace = Replay.Run(history);
            foreach (var step in trace.Steps)
                foreach (var feedback in step.Effects.OfType<SizerFeedback>())
                    Own(step, feedback);

            var moved = Replay.Run(WalletNoise.Insert(history, trace, noisy.Noise));
            var expected = trace.Effects.OfType<SizerFeedback>().ToList();
            var actual = moved.Effects.OfType<SizerFeedback>().ToList();
            Require.That(expected.SequenceEqual(actual), () =>
                $"wallet moves changed the sizer feedback:\n  {string.Join("\n  ", expected)}\nvs\n  {string.Join("\n  ", actual)}\n" +
                $"with the moves:\n  {string.Join("\n  ", moved.Steps.Select(Line))}");
        }, output);

    private static string Line(TraceStep step)
    {
        var a = step.After.Account;
        var e = step.Item is EventItem i ? i.Event.ToString() : step.Item.ToString();
        return $"{e![..Math.Min(e.Length, 110)]} → capital {a.Capital:0.####} K {a.KLedger:0.####} wallet {a.EWalletBalance:0.####} " +
               $"unconfirmed {a.Unconfirmed.Count} ahead {a.Ahead.Count}" +
               string.Concat(step.Effects.OfType<Diagnostic>().Where(d => d.Kind != DiagnosticKinds.DuplicateIgnored).Select(d => $" !{d.Kind}"));
    }

    private static void Own(TraceStep step, SizerFeedback feedback)
    {
        var trade = States.TradeAfter(step, feedback.TradeId);
        Require.That(trade is { Closed: true }, () => $"{step.Where}: feedback for {feedback.TradeId}, which is not a closed trade");
        var t = trade!;
        var ownFees = States.OrdersAfter(step).Where(o => o.TradeId == t.TradeId).Sum(o => o.Fees);
        var ownRealized = t.Legs.Sum(l => l.Realized);
        Require.That(feedback.Realized == t.RealizedPnl && feedback.Fees == t.Fees && feedback.Pnl == t.RealizedPnl - t.Fees && feedback.Slot == t.Slot,
            () => $"{step.Where}: {feedback} is not {t.TradeId}'s realized {t.RealizedPnl:R} − fees {t.Fees:R}");
        Require.Close(ownFees, t.Fees, () => $"{step.Where}: {t.TradeId}'s fees vs the fees booked on its own orders");
        Require.Close(ownRealized, t.RealizedPnl, () => $"{step.Where}: {t.TradeId}'s realized vs the sum of its own legs");
        Require.That(feedback.Revision == t.FeedbackRevision, () => $"{step.Where}: feedback revision {feedback.Revision}, trade says {t.FeedbackRevision}");
    }
}
