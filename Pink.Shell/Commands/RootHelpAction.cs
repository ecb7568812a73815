using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Pink.Shell.Commands;

/// <summary>
/// `pink --help` lists each command with the first line of its description (the generated list would print every
/// description whole); `pink COMMAND --help` is the generated help, complete.
/// </summary>
public sealed class RootHelpAction(Command root, HelpAction full) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        if (parseResult.CommandResult.Command != root) return full.Invoke(parseResult);
        var output = parseResult.InvocationConfiguration.Output;
        output.WriteLine(root.Description);
        output.WriteLine();
        output.WriteLine("Usage:");
        output.WriteLine($"  {root.Name} <command> [options]");
        output.WriteLine();
        output.WriteLine("Commands:");
        var options = root.Options.Where(o => !o.Hidden)
            .Select(o => (Names: string.Join(", ", o.Aliases.Where(a => a.StartsWith('-')).Order().Append(o.Name)), o.Description)).ToList();
        var width = Math.Max(root.Subcommands.Max(c => c.Name.Length), options.Max(o => o.Names.Length)) + 2;
        foreach (var command in root.Subcommands.Where(c => !c.Hidden))
            output.WriteLine($"  {command.Name.PadRight(width)}{Summary(command)}");
        output.WriteLine();
        output.WriteLine("Options (every command):");
        foreach (var (names, description) in options) output.WriteLine($"  {names.PadRight(width)}{description}");
        output.WriteLine();
        output.WriteLine($"Run `{root.Name} <command> --help` for a command's options.");
        return 0;
    }

    private static string Summary(Command command) => command.Description?.Split('\n')[0].Trim() ?? "";
}
