using System.Runtime.InteropServices;

namespace Pink.Shell.Commands;

/// <summary>
/// Ctrl+C and SIGTERM as a cancellation token, for the commands that run until stopped. They drain and checkpoint on
/// their own schedule, which is why System.CommandLine's termination timeout is off and this is used instead.
/// </summary>
public sealed class Shutdown : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly PosixSignalRegistration _term;
    private readonly PosixSignalRegistration _int;

    public Shutdown(CancellationToken outer)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        _int = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
    }

    /// <summary>Cancelled on Ctrl+C, SIGTERM or the caller's token.</summary>
    public CancellationToken Token => _stop.Token;

    private void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        try { _stop.Cancel(); }
        catch (ObjectDisposedException) { }
    }

    public void Dispose()
    {
        _term.Dispose();
        _int.Dispose();
        _stop.Dispose();
    }
}
