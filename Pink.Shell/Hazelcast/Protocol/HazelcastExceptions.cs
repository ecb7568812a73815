namespace Pink.Shell.Hazelcast;

/// <summary>Bytes that do not follow the client protocol (corrupt frame, missing parameter, wrong response type).</summary>
public sealed class HazelcastProtocolException(string message) : Exception("Hazelcast protocol: " + message);

/// <summary>The connection to the member failed or closed; the request may or may not have been applied.</summary>
public sealed class HazelcastConnectionException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The member refused the client's credentials or cluster name.</summary>
public sealed class HazelcastAuthenticationException(byte status, string message) : Exception(message)
{
    /// <summary>The authentication status byte the member answered.</summary>
    public byte Status { get; } = status;
}

/// <summary>
/// An error response (message type 0) from the member: the server-side exception, with its cause chain, made
/// readable: error code and name, Java class, message, and the first frame of the member's stack trace.
/// </summary>
public sealed class HazelcastServerException(IReadOnlyList<ErrorHolder> errors) : Exception(Describe(errors))
{
    /// <summary>The errors the member sent, outermost first (the rest are causes).</summary>
    public IReadOnlyList<ErrorHolder> Errors { get; } = errors;

    /// <summary>The outermost error's protocol error code (see <see cref="ErrorCodes"/>).</summary>
    public int ErrorCode => Errors.Count > 0 ? Errors[0].ErrorCode : ErrorCodes.Undefined;

    /// <summary>The outermost error's Java class name.</summary>
    public string ClassName => Errors.Count > 0 ? Errors[0].ClassName : "";

    private static string Describe(IReadOnlyList<ErrorHolder> errors)
    {
        if (errors.Count == 0) return "Hazelcast member answered an error without details";
        var e = errors[0];
        var text = $"Hazelcast member error {e.ErrorCode} ({ErrorCodes.Name(e.ErrorCode)}) {e.ClassName}: {e.Message ?? "(no message)"}";
        if (e.StackTrace.Count > 0)
        {
            var top = e.StackTrace[0];
            text += $" at {top.ClassName}.{top.MethodName}({top.FileName ?? "?"}:{top.LineNumber})";
        }
        for (var i = 1; i < errors.Count; i++)
            text += $"; caused by {errors[i].ClassName}: {errors[i].Message ?? "(no message)"}";
        return text;
    }
}
