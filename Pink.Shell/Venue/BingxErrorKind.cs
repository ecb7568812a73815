namespace Pink.Shell.Venue;

/// <summary>What a BingX error code means for the caller (bingx-api-facts.md §1).</summary>
public enum BingxErrorKind
{
    /// <summary>A code not in the table.</summary>
    Unknown,
    /// <summary>HTTP 429 or code 100410: slow down and retry.</summary>
    RateLimited,
    /// <summary>HTTP 418: the IP is banned; retrying makes it worse.</summary>
    IpBanned,
    /// <summary>100001: the signature did not verify.</summary>
    SignatureFailed,
    /// <summary>100412: the signature parameter is missing.</summary>
    SignatureMissing,
    /// <summary>100413: the API key is wrong.</summary>
    BadApiKey,
    /// <summary>100004: the key may not trade.</summary>
    NoPermission,
    /// <summary>100419: the IP is not on the key's whitelist.</summary>
    IpNotWhitelisted,
    /// <summary>100421: the timestamp is outside recvWindow (clock drift).</summary>
    TimestampRejected,
    /// <summary>100500 or HTTP 5xx: the venue failed; the request may or may not have been carried out.</summary>
    ServerError,
    /// <summary>109400 / 101400: a parameter or the order failed validation.</summary>
    InvalidParameter,
    /// <summary>109421: no such order.</summary>
    OrderNotFound,
    /// <summary>109425: no such symbol.</summary>
    UnknownSymbol,
    /// <summary>101204: not enough margin.</summary>
    InsufficientMargin,
    /// <summary>101211: price outside the allowed band.</summary>
    PriceOutOfRange,
    /// <summary>101215: a post-only order would have taken liquidity.</summary>
    PostOnlyRejected,
    /// <summary>101481 / 109201: the clientOrderId was used before.</summary>
    DuplicateClientOrderId,
    /// <summary>101209: the position would exceed its maximum value.</summary>
    MaxPositionValue,
    /// <summary>101415: trading in the symbol is suspended.</summary>
    SymbolSuspended,
    /// <summary>Legacy 800xx codes (80001 generic, 80012 service unavailable, 80014 invalid parameter, 80016 order not found, 80017 position not found).</summary>
    Legacy,
}

/// <summary>The code table.</summary>
public static class BingxErrorCodes
{
    /// <summary>Signature failed.</summary>
    public const int SignatureFailed = 100001;
    /// <summary>Rate limited (envelope code).</summary>
    public const int RateLimited = 100410;
    /// <summary>Timestamp outside recvWindow.</summary>
    public const int TimestampRejected = 100421;
    /// <summary>Internal error.</summary>
    public const int Internal = 100500;

    /// <summary>The kind of an envelope code, or of the HTTP status when the code says nothing.</summary>
    public static BingxErrorKind Classify(long code, int httpStatus) => code switch
    {
        100001 => BingxErrorKind.SignatureFailed,
        100004 => BingxErrorKind.NoPermission,
        100410 => BingxErrorKind.RateLimited,
        100412 => BingxErrorKind.SignatureMissing,
        100413 => BingxErrorKind.BadApiKey,
        100419 => BingxErrorKind.IpNotWhitelisted,
        100421 => BingxErrorKind.TimestampRejected,
        100500 => BingxErrorKind.ServerError,
        109400 or 101400 or 80014 => BingxErrorKind.InvalidParameter,
        109421 or 80016 => BingxErrorKind.OrderNotFound,
        109425 => BingxErrorKind.UnknownSymbol,
        101204 => BingxErrorKind.InsufficientMargin,
        101211 => BingxErrorKind.PriceOutOfRange,
        101215 => BingxErrorKind.PostOnlyRejected,
        101481 or 109201 => BingxErrorKind.DuplicateClientOrderId,
        101209 => BingxErrorKind.MaxPositionValue,
        101415 => BingxErrorKind.SymbolSuspended,
        80001 or 80012 or 80017 => BingxErrorKind.Legacy,
        _ => FromHttp(httpStatus),
    };

    private static BingxErrorKind FromHttp(int status) => status switch
    {
        429 => BingxErrorKind.RateLimited,
        418 => BingxErrorKind.IpBanned,
        >= 500 => BingxErrorKind.ServerError,
        _ => BingxErrorKind.Unknown,
    };
}
