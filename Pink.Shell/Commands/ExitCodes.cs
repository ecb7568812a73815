namespace Pink.Shell.Commands;

/// <summary>
/// The exit codes every command shares, so a supervisor can tell "fix the command line" from "fix the keys" from
/// "the venue is away, retry later" without parsing text.
/// </summary>
public static class ExitCodes
{
    /// <summary>Done; every check passed.</summary>
    public const int Ok = 0;

    /// <summary>The command ran and its check failed (ledger disagrees, a probe step failed, a bound was exceeded), or it stopped on an unexpected error.</summary>
    public const int Failed = 1;

    /// <summary>The command line or the configuration is wrong (unknown option, value out of range, a refused namespace).</summary>
    public const int Usage = 2;

    /// <summary>The venue needs keys and PINK_BINGX_API_KEY / PINK_BINGX_API_SECRET are not both set.</summary>
    public const int MissingKeys = 3;

    /// <summary>The venue could not be reached (connection refused, DNS, timeout, 5xx).</summary>
    public const int VenueUnreachable = 4;

    /// <summary>The venue refused the key or the signature (wrong key or secret, no permission, IP not whitelisted).</summary>
    public const int KeyRefused = 5;

    /// <summary>The lines --help prints under every command.</summary>
    public const string Help = """
        Exit codes: 0 ok, 1 check failed or unexpected error, 2 usage or configuration error, 3 venue keys missing,
        4 venue unreachable, 5 venue refused the key or signature.
        """;
}
