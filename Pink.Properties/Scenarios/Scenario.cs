using System.Text;
using Pink.Core;

namespace Pink.Properties.Scenarios;

/// <summary>A position the exchange already holds when the scenario starts (adopted at start-up, rule 8).</summary>
public sealed record Holding(int Symbol, PositionSide Side, int Lots, int Tick)
{
    /// <inheritdoc />
    public override string ToString() => $"exchange already holds {Names.Of(Side)} {Lots} lots {Market.At(Symbol).Dashed} @{Tick:+0;-0;0}";
}

/// <summary>
/// A generated history, described as a story: the account set-up and the beats. The events are built from it by
/// <see cref="Simulation"/>, so a shrunk counter-example prints as a short list of readable steps.
/// </summary>
public sealed record Scenario(int Slots, int LeverageCap, int SeedCapital, long StartMs, IReadOnlyList<Holding> Holdings, IReadOnlyList<Beat> Beats)
{
    /// <summary>The wallet balance the exchange starts with.</summary>
    public const decimal InitialWallet = 10_000;

    /// <summary>
    /// The kernel configuration of this scenario: a shared account, since other runtimes' fills and PnL reach it
    /// (external closes of a dedicated account are the two-channel venue's, <see cref="TwoChannelVenue"/>).
    /// </summary>
    public KernelConfig Config => new(SlotCount: Slots, SeedCapital: SeedCapital, LeverageCap: LeverageCap, AccountMode: AccountMode.Shared);

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append($"{Slots} slot(s), leverage cap {LeverageCap}, seed capital {SeedCapital}, start {StartMs} ms");
        foreach (var h in Holdings) text.Append($"\n  - {h}");
        for (var i = 0; i < Beats.Count; i++) text.Append($"\n  {i + 1,2}. {Beats[i]}");
        return text.ToString();
    }
}
