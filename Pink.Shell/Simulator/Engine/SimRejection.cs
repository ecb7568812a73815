namespace Pink.Shell.Simulator.Engine;

/// <summary>A request the venue refuses: an envelope code and message (HTTP status 200 unless said otherwise).</summary>
internal sealed class SimRejection(long code, string message, int httpStatus = 200) : Exception(message)
{
    public long Code { get; } = code;
    public int HttpStatus { get; } = httpStatus;
}
