using System.Text.Json;

namespace Pink.Shell.Recording;

/// <summary>One line of a session recording (../shared/reference/recording-format.md).</summary>
public abstract record Record(int Line, long? TimeMs)
{
    /// <summary>A field of a usable record that could not be read (e.g. a `t` that is no time): reported, the record still applied.</summary>
    public string? Problem { get; init; }
}

/// <summary>What the policy asked for.</summary>
public sealed record IntentRecord(int Line, long? TimeMs, JsonElement Intent) : Record(Line, TimeMs);

/// <summary>A REST exchange with the venue: request parameters and the raw response envelope.</summary>
public sealed record RestRecord(int Line, long? TimeMs, string Method, string Path, JsonElement? Params, JsonElement Response) : Record(Line, TimeMs);

/// <summary>A WebSocket message as received: a JSON frame, or text such as <c>Ping</c>.</summary>
public sealed record WsRecord(int Line, long? TimeMs, JsonElement? Frame, string? Text) : Record(Line, TimeMs);

/// <summary>
/// The first record of a recording the live runner writes: the kernel that recorded it and the configuration it folded
/// with, so a replay uses the same. <see cref="Config"/> is null when the header has none or it cannot be read (then
/// <see cref="Record.Problem"/> says why).
/// </summary>
public sealed record HeaderRecord(int Line, long? TimeMs, string? KernelVersion, Pink.Core.KernelConfig? Config) : Record(Line, TimeMs);

/// <summary>The process stopped here: save, drop everything in memory, restore, reconcile.</summary>
public sealed record RestartRecord(int Line, long? TimeMs) : Record(Line, TimeMs);

/// <summary>A line the reader could not use; replay reports it and goes on.</summary>
public sealed record SkippedRecord(int Line, long? TimeMs, string Reason) : Record(Line, TimeMs);
