using Pink.Bench.Benchmarks;
using Pink.Bench.Check;
using Pink.Bench.Workload;
using Pink.Core;
using Pink.Core.Bingx;

namespace Pink.Bench.Tests;

/// <summary>The benchmark's inputs and its mutable baseline are what they claim to be.</summary>
public class BaselineTests
{
    /// <summary>
    /// The fingerprint of every effect and of the final state document of the pure kernel on the first
    /// <see cref="Size.Events"/> events of the mixed stream. A faster kernel must give exactly these effects and these
    /// document bytes; a deliberate change of the kernel's rules or of the stream changes them (say why in the commit).
    /// </summary>
    public static (string Hash, int Effects) KernelFingerprint => Size.Fast
        ? ("3A73DCAEC8C67D8A8944FA1142301A0722B5BC143E2C934E2AC33B16C0F5BB65", 138_090)
        : ("C5B6E44FA69D062F399755F6FC4D44218F0108BF077E6CD81B8DF0FB602C7791", 1_380_538);

    [Fact]
    public void Kernel_effects_and_state_document_on_the_mixed_stream_are_unchanged()
    {
        var (hash, _, effects) = Fingerprint.OfKernel(Kernel.Initial(MixedStream.Config), MixedStream.Generate(Size.Events));
        Assert.True(KernelFingerprint == (hash, effects), $"fingerprint {hash}, {effects} effects; expected {KernelFingerprint}");
    }

    [Fact]
    public void Mutable_baseline_gives_the_same_effects_and_ledger_as_the_kernel()
    {
        var report = LedgerCheck.Verify(MixedStream.Config, MixedStream.Generate(Size.Events));
        Assert.True(report.Trades > Size.Events / 100);
        Assert.True(report.Feedback > Size.Events / 100);
    }

    [Fact]
    public void Restart_benchmark_setup_restarts_a_book_that_agrees()
    {
        var book = Restart.Prepare(Size.ClosedTrades);
        Assert.True(book.ClosedTrades >= Size.ClosedTrades);
        Assert.Equal(book.State.Account, Restart.Run(book).State.Account);
    }

    [Fact]
    public void Ledger_check_fails_loudly_on_a_difference()
    {
        var events = MixedStream.Generate(20_000).ToList();
        var i = events.FindIndex(e => e is Fill { Settlement: not null } f && f.Side == OrderSide.Sell);
        var f = (Fill)events[i];
        events[i] = f with { Settlement = f.Settlement! with { Fee = f.Settlement.Fee + 0.01m } };
        // Both kernels see the same altered stream: they still agree (the ledger check compares kernels, not the stream).
        LedgerCheck.Verify(MixedStream.Config, events);
        // A stream the mutable baseline does not cover is refused, never silently skipped.
        events.Insert(10, new OrderCancelled("e1", null, "test", events[9].TimeMs));
        Assert.Throws<NotSupportedException>(() => LedgerCheck.Verify(MixedStream.Config, events));
    }

    [Fact]
    public void Stream_is_deterministic_and_its_ledger_makes_sense()
    {
        var a = MixedStream.Generate(100_000, MixedStream.DefaultSeed, out var mix);
        var b = MixedStream.Generate(100_000);
        // A balance report's positions are a list (compared by reference in the record's equality): compared by value here.
        Assert.Equal(a.Length, b.Length);
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] is BalanceReport x && b[i] is BalanceReport y)
            {
                Assert.Equal(x with { Positions = null }, y with { Positions = null });
                Assert.Equal(x.Positions ?? [], y.Positions ?? []);
            }
            else Assert.Equal(a[i], b[i]);
        }
        Assert.True(mix.Marks > 60_000 && mix.Fills > 5_000 && mix.PricelessLegs > 50 && mix.Settled > 500 && mix.Funding > 0 && mix.Duplicates > 0);
        var state = Kernel.Initial(MixedStream.Config);
        var kinds = new HashSet<string>();
        foreach (var e in a)
        {
            var o = Kernel.Apply(state, e);
            state = o.State;
            foreach (var d in o.Effects.OfType<Diagnostic>()) kinds.Add(d.Kind);
        }
        // No divergence, no mismatch, nothing unresolved: only the repeated exchange reports are flagged.
        Assert.Equal([DiagnosticKinds.DuplicateIgnored], kinds);
        Assert.Equal(CapitalSource.EAnchored, state.Account.Source);
        Assert.Equal(state.Account.EWalletBalance, state.Account.KLedger, 6);
        Assert.All(state.Trades.Values.Where(t => t.Closed), t => Assert.Equal(PnlSource.Exchange, t.PnlSource));
    }

    [Fact]
    public void Frames_through_the_adapter_give_the_same_ledger_as_the_events()
    {
        var events = MixedStream.Generate(100_000);
        var direct = Kernel.Initial(MixedStream.Config);
        foreach (var e in events) direct = Kernel.Apply(direct, e).State;
        var viaFrames = Kernel.Initial(MixedStream.Config);
        foreach (var item in Frames.Of(events))
        {
            var input = item.Event is KernelEvent e ? [e] : BingxAdapter.FromWs(Frames.Gunzip(item.Gzip!), viaFrames, item.ReceivedMs);
            foreach (var x in input)
            {
                Assert.IsNotType<InputRejected>(x);
                var o = Kernel.Apply(viaFrames, x);
                viaFrames = o.State;
                foreach (var d in o.Effects.OfType<Diagnostic>())
                    Assert.True(d.Kind == DiagnosticKinds.DuplicateIgnored, $"{x}: {d}");
            }
        }
        foreach (var t in direct.Trades.Values)
        {
            var v = viaFrames.Trades.Find(t.TradeId).IfNone(() => throw new Xunit.Sdk.XunitException($"no {t.TradeId}"));
            Assert.Equal(t.RealizedPnl, v.RealizedPnl, 6);
            Assert.True(t.Fees == v.Fees, $"{t.TradeId} fees: events {t.Fees}, frames {v.Fees}; {t}; {v}");
            Assert.Equal(t.PnlSource, v.PnlSource);
        }
        // The frames' figures are the stream's own (provisional): a closed trade whose orders an order answer could still
        // complete waits for the next sweep, so the frames' state may hold closed trades the events' state let go.
        Assert.All(viaFrames.Trades.Values.Where(t => direct.Trades.Find(t.TradeId).IsNone),
            t => Assert.True(t.Closed && viaFrames.Orders.Values.Any(o => o.TradeId == t.TradeId && o.Provisional), $"{t.TradeId} held"));
        Assert.Equal(direct.Account.Capital, viaFrames.Account.Capital, 6);
        Assert.Equal(direct.Account.FeesPaid, viaFrames.Account.FeesPaid, 6);
    }
}
