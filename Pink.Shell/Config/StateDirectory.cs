namespace Pink.Shell.Config;

/// <summary>
/// Where a command keeps its checkpoint, recording and spool: <c>--state-dir</c>, else <c>PINK_STATE_DIR</c>, else the
/// config file's <c>state_directory</c>, else the command's own default. (The loader already lays the environment
/// over the file, so <see cref="PinkConfig.StateDirectory"/> is the variable's value when both are set.)
/// </summary>
public static class StateDirectory
{
    /// <summary>The state of `live`, which `shadow` reads.</summary>
    public static readonly string LiveDefault = Path.Combine(".pink", "live");

    public static string Resolve(string? flag, PinkConfig config, string fallback) =>
        !string.IsNullOrWhiteSpace(flag) ? flag : !string.IsNullOrWhiteSpace(config.StateDirectory) ? config.StateDirectory : fallback;

    /// <summary>For a command that reads no config file: the flag, else PINK_STATE_DIR, else the default.</summary>
    public static string Resolve(string? flag, Func<string, string?> environment, string fallback) =>
        Resolve(flag, new PinkConfig { StateDirectory = environment(ConfigLoader.StateDirectoryVariable) }, fallback);
}
