namespace Pink.Shell;

/// <summary>Command dispatch: one verb, its arguments, an exit code. Usage goes to stdout on --help, stderr on misuse.</summary>
public static class Cli
{
    public const string Usage = """
        pink — exchange-anchored execution and accounting kernel for perpetual futures

        usage: pink <command> [options]

        commands:
          demo                 the main job on embedded defaults: simulator, live loop, restart, reconciled ledger
          soak --hours H       random trading for H simulated hours against the simulator's every venue behaviour
          replay FILE [--json] replay a session recording and print its ledger
          live --venue V       the loop against BingX (bingx | bingx-vst), keys from the environment, intents on stdin
          shadow --venue V     poll the exchange balance and compare it with the published capital (§3.3 shadow check)
          schema apply         apply the ClickHouse migrations (additive, versioned, recorded)
          mode-verify          print every database, table and map the configuration writes; fail outside the namespace
          hz-smoke             authenticate, Map.Set/Get and ping against a Hazelcast cluster
          venue-check          read-only check of a BingX venue (clock, balance, positions, listenKey, stream Ping)
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
        if (rest.Any(a => a is "--help" or "-h") && args[0] is "schema" or "hz-smoke" or "venue-check")
        {
            stdout.WriteLine(args[0] switch
            {
                "schema" => $"usage: pink {ClickHouse.SchemaCommand.Usage}",
                "venue-check" => $"usage: pink {Venue.VenueCheckCommand.Usage}",
                _ => Hazelcast.HazelcastSmoke.Usage,
            });
            return 0;
        }
        switch (args[0])
        {
            case "demo": return Demo.DemoCommand.RunAsync(rest, stdout, stderr).GetAwaiter().GetResult();
            case "soak": return Soak.SoakCommand.RunAsync(rest, stdout, stderr).GetAwaiter().GetResult();
            case "replay": return Replay.ReplayCommand.Run(rest, stdout, stderr);
            case "mode-verify": return Config.ModeVerifyCommand.Run(rest, stdout, stderr);
            case "live": return Runner.LiveCommand.RunAsync(rest, stdout, stderr).GetAwaiter().GetResult();
            case "shadow": return Runner.ShadowCommand.RunAsync(rest, stdout, stderr).GetAwaiter().GetResult();
            case "schema": return ClickHouse.SchemaCommand.RunAsync(rest, stdout, stderr).GetAwaiter().GetResult();
            case "venue-check": return Venue.VenueCheckCommand.Run(rest, stdout, stderr);
            case "hz-smoke": return Hazelcast.HazelcastSmoke.RunAsync(rest, stdout, stderr).GetAwaiter().GetResult();
        }
        stderr.WriteLine($"pink: unknown command '{args[0]}'");
        stderr.WriteLine(Usage);
        return 2;
    }
}
