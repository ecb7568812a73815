using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Pink.Shell.Commands;

namespace Pink.Shell;

/// <summary>
/// The command line: one System.CommandLine tree of every command, its options and its generated --help. Results go to
/// the given stdout, diagnostics and usage errors to stderr; the exit codes are <see cref="ExitCodes"/>.
/// </summary>
public static class Cli
{
    public const string Description = """
        pink — exchange-anchored execution and accounting kernel for perpetual futures.
        Every command answers --help; --verbose and --quiet are accepted everywhere.
        """ + "\n" + ExitCodes.Help;

    /// <summary>Runs one command line; returns its exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        RunAsync(args, stdout, stderr).GetAwaiter().GetResult();

    /// <summary>
    /// Runs one command line. <paramref name="environment"/> supplies the venue keys (the process environment when null);
    /// <paramref name="ct"/> stops a command that runs until stopped, as Ctrl+C does.
    /// </summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr,
        Func<string, string?>? environment = null, CancellationToken ct = default)
    {
        var root = Build(environment ?? Environment.GetEnvironmentVariable);
        var invocation = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            // Failures are reported below as one line with an exit code of their own, not as a stack trace.
            EnableDefaultExceptionHandler = false,
            // Long-running commands drain and checkpoint on Ctrl+C / SIGTERM themselves (Commands.Shutdown).
            ProcessTerminationTimeout = null,
        };
        if (args.Count == 0 || args is ["help"])
        {
            await root.Parse(["--help"]).InvokeAsync(invocation, ct);
            return args.Count == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }
        ParseResult parse;
        try
        {
            parse = root.Parse(args);
        }
        catch (Exception ex)
        {
            stderr.WriteLine($"pink: cannot read the command line: {ex.Message}");
            return ExitCodes.Usage;
        }
        var name = CommandPath(parse);
        if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction)
        {
            foreach (var error in parse.Errors) stderr.WriteLine($"{name}: {error.Message}");
            stderr.WriteLine();
            var usage = new InvocationConfiguration { Output = stderr, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
            await root.Parse([.. name.Split(' ').Skip(1), "--help"]).InvokeAsync(usage, ct);
            return ExitCodes.Usage;
        }
        try
        {
            return await parse.InvokeAsync(invocation, ct);
        }
        catch (CommandFailure failure)
        {
            stderr.WriteLine($"{name}: {failure.Message}");
            if (CommonOptions.Verbose(parse) && failure.InnerException is not null) stderr.WriteLine(failure.InnerException);
            return failure.ExitCode;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            stderr.WriteLine($"{name}: stopped");
            return ExitCodes.Failed;
        }
        catch (Exception ex)
        {
            stderr.WriteLine($"{name}: {ex.GetType().Name}: {ex.Message}{(CommonOptions.Verbose(parse) ? "" : " (--verbose shows where)")}");
            if (CommonOptions.Verbose(parse)) stderr.WriteLine(ex);
            return ExitCodes.Failed;
        }
    }

    /// <summary>The whole tree. Built per run: options carry their parse state and belong to one tree.</summary>
    public static Command Build(Func<string, string?> environment)
    {
        var help = new HelpOption();
        var root = new Command("pink", Description) { help };
        foreach (var option in CommonOptions.Logging()) root.Add(option);
        root.Add(Demo.DemoCommand.Create(environment));
        root.Add(Soak.SoakCommand.Create());
        root.Add(Replay.ReplayCommand.Create());
        root.Add(Runner.LiveCommand.Create(environment));
        root.Add(Runner.ShadowCommand.Create(environment));
        root.Add(ClickHouse.SchemaCommand.Create());
        root.Add(Config.ModeVerifyCommand.Create());
        root.Add(Hazelcast.HazelcastSmoke.Create());
        root.Add(Venue.VenueCheckCommand.Create(environment));
        root.Add(Simulator.SimulatorCommand.Create());
        root.Add(ClickHouse.ClickHouseCommand.Create());
        if (help.Action is HelpAction full) help.Action = new RootHelpAction(root, full);
        root.SetAction(result =>
        {
            result.Err().WriteLine("pink: name a command (pink --help lists them)");
            return ExitCodes.Usage;
        });
        return root;
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var c = parse.CommandResult; c is not null; c = c.Parent as System.CommandLine.Parsing.CommandResult) names.Insert(0, c.Command.Name);
        return string.Join(' ', names);
    }
}
