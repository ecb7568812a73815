namespace Pink.Shell;

/// <summary>Command dispatch: one verb, its arguments, an exit code. Usage goes to stdout on --help, stderr on misuse.</summary>
public static class Cli
{
    public const string Usage = """
        pink — exchange-anchored execution and accounting kernel for perpetual futures

        usage: pink <command> [options]

        commands:
          demo                 the main job on embedded defaults: simulator, live loop, restart, reconciled ledger
          replay FILE [--json] replay a session recording and print its ledger
          mode-verify          print every database, table and map the configuration writes; fail outside the namespace
          help                 this text
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            stdout.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        var rest = args[1..];
        switch (args[0])
        {
            case "demo": return Demo.DemoCommand.RunAsync(rest, stdout, stderr).GetAwaiter().GetResult();
            case "replay": return Replay.ReplayCommand.Run(rest, stdout, stderr);
            case "mode-verify": return Config.ModeVerifyCommand.Run(rest, stdout, stderr);
        }
        stderr.WriteLine($"pink: unknown command '{args[0]}'");
        stderr.WriteLine(Usage);
        return 2;
    }
}
