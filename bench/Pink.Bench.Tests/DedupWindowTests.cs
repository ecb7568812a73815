using Pink.Core;

namespace Pink.Bench.Tests;

/// <summary>
/// The kernel's de-duplication memory (rule 14) behaves exactly as the plain set + queue it replaced, including when
/// two different events are applied to the same state (its segments are shared between states) and across restarts.
/// </summary>
public class DedupWindowTests
{
    [Theory]
    [InlineData(1, 300)]
    [InlineData(3, 2_000)]
    [InlineData(5_000, 20_000)]
    public void Memory_is_the_last_ids_in_order_on_every_branch_and_survives_restart(int capacity, int steps)
    {
        var config = new KernelConfig(SlotCount: 1, SeedCapital: 1_000, DedupMemory: capacity);
        var rng = new Random(capacity);
        var state = Kernel.Initial(config);
        var model = new List<string>();
        var wallet = 1_000.0m;
        var history = new List<(KernelState State, List<string> Model)>();
        for (var i = 0; i < steps; i++)
        {
            // Now and then go back to an earlier state and continue from there: a second event on the same state.
            if (history.Count > 0 && rng.Next(10) == 0)
            {
                var (s, m) = history[rng.Next(history.Count)];
                state = s;
                model = new List<string>(m);
            }
            var repeat = model.Count > 0 && rng.Next(4) == 0;
            var id = repeat ? model[rng.Next(model.Count)] : $"au:{i}:{rng.Next(1_000)}";
            wallet += 1;
            var o = Kernel.Apply(state, new BalanceReport(id, wallet, null, BalanceReason.Funding, 1_000 + i));
            Assert.Equal(model.Contains(id), o.Effects.Exists(e => e is Diagnostic { Kind: DiagnosticKinds.DuplicateIgnored }));
            if (!model.Contains(id))
            {
                model.Add(id);
                if (model.Count > capacity) model.RemoveRange(0, model.Count - capacity);
            }
            state = o.State;
            Assert.Equal(model, state.Dedup.Order.ToList());
            if (i % 97 == 0) history.Add((state, new List<string>(model)));
        }
        Assert.Equal(model.OrderBy(x => x, StringComparer.Ordinal), state.Dedup.Seen.OrderBy(x => x, StringComparer.Ordinal));
        var restored = StateDocument.Restore(StateDocument.Save(state)).IfLeft(e => throw new Exception(e));
        Assert.Equal(state, restored);
        Assert.Equal(model, restored.Dedup.Order.ToList());
        // The plain form (a set and a queue) is equal to the kernel's and behaves the same.
        var plain = state with { Dedup = new DedupMemory(state.Dedup.Seen, state.Dedup.Order) };
        Assert.Equal(state, plain);
        var next = new BalanceReport(model[^1], wallet + 1, null, BalanceReason.Funding, 99_999);
        Assert.Equal(Kernel.Apply(state, next).Effects, Kernel.Apply(plain, next).Effects);
    }
}
