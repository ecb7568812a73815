using System.CommandLine;
using Pink.Shell.Commands;

namespace Pink.Shell.Config;

/// <summary><c>pink mode-verify [--config FILE]</c>: proves namespace isolation (rule 18) before anything runs.</summary>
public static class ModeVerifyCommand
{
    public const string Description = """
        Print every database, table and map the configuration writes; fail outside the namespace.

        Prints every database, table and map the configuration would write, and exits 1 if any is outside the namespace
        (or is dolphin, dolphin_prodgreen, or a BLUE / PRODGREEN map); 0 when all are Pink's own; 2 for a bad configuration.
        """;

    public static Command Create()
    {
        var path = CommonOptions.Config();
        var command = new Command("mode-verify", Description) { path };
        command.SetAction(result => Run(result.GetValue(path), result.Out(), result.Err()));
        return command;
    }

    private static int Run(string? path, TextWriter stdout, TextWriter stderr)
    {
        PinkConfig config;
        try
        {
            config = ConfigLoader.Load(path, ConfigLoader.Environment());
        }
        catch (ConfigException ex)
        {
            stderr.WriteLine($"mode-verify: {ex.Message}");
            return ExitCodes.Usage;
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
