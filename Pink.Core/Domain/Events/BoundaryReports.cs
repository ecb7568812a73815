using System.Diagnostics.CodeAnalysis;

namespace Pink.Core;

/// <summary>The venue answered with an error (a REST error envelope, a refused stream subscription): not malformed input.</summary>
public sealed record VenueError : KernelEvent
{
    /// <summary>Every member is set by name (an object initializer): no value can land in the wrong place.</summary>
    public VenueError() { }

    /// <summary>Positional, for Pink itself (readers, tests); a host names every member.</summary>
    [SetsRequiredMembers]
    internal VenueError(string Source, long Code, string Message, long TimeMs) : base(TimeMs)
    {
        this.Source = Source;
        this.Code = Code;
        this.Message = Message;
    }

    /// <summary>Where it came from, e.g. <c>GET /openApi/swap/v2/user/balance</c> or <c>bingx.ws</c>.</summary>
    public required string Source { get; init; }
    /// <summary>The venue's error code.</summary>
    public required long Code { get; init; }
    /// <summary>The venue's message.</summary>
    public required string Message { get; init; }

    private protected override void Closed() { }
}

/// <summary>The boundary could not read an input; the kernel records the diagnostic and changes nothing.</summary>
public sealed record InputRejected : KernelEvent
{
    /// <summary>Every member is set by name (an object initializer): no value can land in the wrong place.</summary>
    public InputRejected() { }

    /// <summary>Positional, for Pink itself (readers, tests); a host names every member.</summary>
    [SetsRequiredMembers]
    internal InputRejected(string Source, string Detail, long TimeMs) : base(TimeMs)
    {
        this.Source = Source;
        this.Detail = Detail;
    }

    /// <summary>Where the input came from.</summary>
    public required string Source { get; init; }
    /// <summary>Why it could not be read.</summary>
    public required string Detail { get; init; }

    private protected override void Closed() { }
}
