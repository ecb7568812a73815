namespace Pink.Shell.Commands;

/// <summary>
/// A command stops with a known cause: <see cref="Cli"/> prints the message as one line on stderr (no stack trace)
/// and exits with <see cref="ExitCode"/>.
/// </summary>
public sealed class CommandFailure(int exitCode, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>One of <see cref="ExitCodes"/>.</summary>
    public int ExitCode { get; } = exitCode;
}
