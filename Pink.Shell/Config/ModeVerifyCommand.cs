namespace Pink.Shell.Config;

/// <summary><c>pink mode-verify [--config FILE]</c>: proves namespace isolation (rule 18) before anything runs.</summary>
public static class ModeVerifyCommand
{
    public const string Usage = """
        usage: pink mode-verify [--config FILE]

        Prints every database, table and map the configuration would write, and exits 1 if any is outside the
        namespace (or is dolphin, dolphin_prodgreen, or a BLUE / PRODGREEN map); 0 when all are Pink's own.
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? path = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--help" or "-h") { stdout.WriteLine(Usage); return 0; }
            if (args[i] == "--config" && i + 1 < args.Length) { path = args[++i]; continue; }
            stderr.WriteLine($"mode-verify: unknown argument '{args[i]}'");
            stderr.WriteLine(Usage);
            return 2;
        }
        PinkConfig config;
        try
        {
            config = ConfigLoader.Load(path, ConfigLoader.Environment());
        }
        catch (ConfigException ex)
        {
            stderr.WriteLine($"mode-verify: {ex.Message}");
            return 2;
        }
        var refused = 0;
        stdout.WriteLine($"namespace {config.Namespace}");
        foreach (var (kind, name, refusal) in config.WriteTargets())
        {
            stdout.WriteLine(refusal is null ? $"  ok       {kind,-8} {name}" : $"  REFUSED  {kind,-8} {name}: {refusal}");
            if (refusal is not null) refused++;
        }
        stdout.WriteLine(refused == 0 ? "mode-verify: every write stays in the namespace" : $"mode-verify: {refused} write target(s) outside the namespace");
        return refused == 0 ? 0 : 1;
    }
}
