using Microsoft.Extensions.Logging;

namespace Pink.Shell.Venue;

/// <summary>
/// A logger in front of the caller's that scrubs every formatted line (<see cref="Redaction"/>): a last line of defence
/// for messages written by libraries (Websocket.Client) that may render a URL.
/// </summary>
internal sealed class ScrubbingLogger<T>(ILogger inner) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        inner.Log(logLevel, eventId, state, exception, (s, e) => Redaction.Scrub(formatter(s, e)));
}
