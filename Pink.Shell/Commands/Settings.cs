using Pink.Shell.Config;
using Pink.Shell.Venue;

namespace Pink.Shell.Commands;

/// <summary>Loading the configuration the same way for every command that writes: a bad or refused one is a usage error.</summary>
public static class Settings
{
    /// <summary>The file overlaid by the environment, then --clickhouse; refused write targets stop the command (exit 2).</summary>
    public static PinkConfig Load(string command, string? path, string? clickhouse = null)
    {
        PinkConfig config;
        try { config = ConfigLoader.Load(path, ConfigLoader.Environment()); }
        catch (ConfigException ex) { throw new CommandFailure(ExitCodes.Usage, ex.Message, ex); }
        if (clickhouse is not null) config = config with { ClickHouseUrl = clickhouse };
        foreach (var (kind, name, refusal) in config.WriteTargets())
            if (refusal is not null) throw new CommandFailure(ExitCodes.Usage, $"refusing to run: {kind} {name}: {refusal}");
        return config;
    }

    /// <summary>The failure for a venue that needs keys when they are not both set.</summary>
    public static CommandFailure MissingKeys() =>
        new(ExitCodes.MissingKeys, $"set {BingxCredentials.ApiKeyVariable} and {BingxCredentials.ApiSecretVariable} (keys are read from the environment only)");
}
