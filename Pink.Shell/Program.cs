namespace Pink.Shell;

/// <summary>The console runner. Commands are added by the capabilities that need them.</summary>
public static class Program
{
    public static int Main(string[] args) => Cli.Run(args, Console.Out, Console.Error);
}
