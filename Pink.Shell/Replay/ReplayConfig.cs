using Pink.Core;
using Pink.Shell.Recording;

namespace Pink.Shell.Replay;

/// <summary>What `replay --slots N --seed-capital X` asked for (null: not given).</summary>
public sealed record Overrides(int? Slots, decimal? SeedCapital);

/// <summary>
/// The configuration a replay folds with: the recording's own (its header), so the ledger comes out as the session
/// had it; the kernel's defaults for a recording without one. An option given on the command line overrides it, and
/// the replay says so on stderr — a different slot count or seed gives a different ledger, which must not go unnoticed.
/// </summary>
public static class ReplayConfig
{
    public static KernelConfig Of(HeaderRecord? header, Overrides overrides, TextWriter stderr)
    {
        var config = header?.Config ?? new KernelConfig();
        if (header is not null && header.Config is null) stderr.WriteLine($"replay: line {header.Line}: {header.Problem}; the kernel's default configuration is used");
        if (header?.KernelVersion is string recorded && recorded != KernelVersion.Current)
            stderr.WriteLine($"replay: recorded by kernel {recorded}, replayed by {KernelVersion.Current}");
        if (overrides.Slots is int slots)
        {
            if (header?.Config is { } c && c.SlotCount != slots) stderr.WriteLine($"replay: --slots {slots} overrides the recording's {c.SlotCount}");
            config = config with { SlotCount = slots };
        }
        if (overrides.SeedCapital is decimal seed)
        {
            if (header?.Config is { } c && c.SeedCapital != seed) stderr.WriteLine($"replay: --seed-capital {seed} overrides the recording's {c.SeedCapital}");
            config = config with { SeedCapital = seed };
        }
        return config;
    }
}
