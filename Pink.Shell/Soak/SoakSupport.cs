using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Pink.Shell.Soak;

/// <summary>
/// The soak's accelerated venue clock: wall time plus an offset the soak advances by one simulated minute per step. The
/// simulator and the REST client both read it, so signed timestamps stay inside recvWindow while the venue's clock (its
/// frames' times, its income records) runs hours ahead in seconds.
/// </summary>
public sealed class SoakClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Moves the clock forward.</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}

/// <summary>
/// Catches every diagnostic the run loop interprets (it logs each as "{Kind} {Detail}" on category "pink"), whatever the
/// console's level, so the soak can count them by kind.
/// </summary>
public sealed class DiagnosticCapture : ILoggerProvider
{
    public ConcurrentQueue<(string Kind, string Detail)> Seen { get; } = new();

    public ILogger CreateLogger(string categoryName) => categoryName == "pink" ? new Catcher(this) : NullLogger.Instance;

    public void Dispose() { }

    private sealed class Catcher(DiagnosticCapture owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is not IReadOnlyList<KeyValuePair<string, object?>> values) return;
            string? kind = null, detail = null, format = null;
            foreach (var (key, value) in values)
            {
                if (key == "Kind") kind = value?.ToString();
                else if (key == "Detail") detail = value?.ToString();
                else if (key == "{OriginalFormat}") format = value?.ToString();
            }
            if (format == "{Kind} {Detail}" && kind is not null) owner.Seen.Enqueue((kind, detail ?? ""));
        }
    }
}
