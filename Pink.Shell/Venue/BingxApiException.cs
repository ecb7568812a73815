namespace Pink.Shell.Venue;

/// <summary>
/// The venue answered with an error: an envelope code ≠ 0 or an HTTP error status. The message carries the method,
/// the path (never the query: it holds the signature), the code and the venue's text.
/// </summary>
public class BingxApiException : Exception
{
    /// <summary>The envelope code (0 when the HTTP status was the only error).</summary>
    public long Code { get; }

    /// <summary>The HTTP status.</summary>
    public int HttpStatus { get; }

    /// <summary>What the code means.</summary>
    public BingxErrorKind Kind { get; }

    /// <summary>The venue's message.</summary>
    public string VenueMessage { get; }

    /// <summary>The raw response body (an envelope; never contains request secrets).</summary>
    public string ResponseBody { get; }

    /// <summary>Creates the error for one response.</summary>
    public BingxApiException(string method, string path, long code, int httpStatus, string venueMessage, string responseBody)
        : base($"BingX {method} {path}: code {code}, HTTP {httpStatus}, {BingxErrorCodes.Classify(code, httpStatus)}: {venueMessage}")
    {
        Code = code;
        HttpStatus = httpStatus;
        Kind = BingxErrorCodes.Classify(code, httpStatus);
        VenueMessage = venueMessage;
        ResponseBody = responseBody;
    }

    /// <summary>True for answers that mean "not done, try later".</summary>
    public bool IsRetryable => Kind is BingxErrorKind.RateLimited or BingxErrorKind.ServerError;
}

/// <summary>
/// A request whose effect is unknown: the connection failed or the venue answered 5xx after the request left, and the
/// request is not safe to repeat (placing an order). The caller reconciles by querying the order by its clientOrderId.
/// </summary>
public sealed class BingxOutcomeUnknownException : Exception
{
    /// <summary>Method and path of the request.</summary>
    public string Request { get; }

    /// <summary>The clientOrderId to query, when the request had one.</summary>
    public string? ClientOrderId { get; }

    /// <summary>Creates the error; <paramref name="inner"/> is the transport failure or the venue's error.</summary>
    public BingxOutcomeUnknownException(string request, string? clientOrderId, Exception inner)
        : base($"BingX {request}: outcome unknown ({inner.GetType().Name}); reconcile by clientOrderId {clientOrderId ?? "(none)"}", inner)
    {
        Request = request;
        ClientOrderId = clientOrderId;
    }
}
