namespace Pink.Shell.Venue;

/// <summary>
/// API key and secret. They come only from the environment (<see cref="ApiKeyVariable"/>, <see cref="ApiSecretVariable"/>);
/// the secret is handed to the signer and never rendered: <see cref="ToString"/> shows a masked key and no secret.
/// </summary>
public sealed class BingxCredentials
{
    /// <summary>Environment variable holding the API key.</summary>
    public const string ApiKeyVariable = "PINK_BINGX_API_KEY";

    /// <summary>Environment variable holding the API secret.</summary>
    public const string ApiSecretVariable = "PINK_BINGX_API_SECRET";

    /// <summary>The API key (sent as the X-BX-APIKEY header; not secret, but never logged in full).</summary>
    public string ApiKey { get; }

    /// <summary>The signer holding the secret.</summary>
    public BingxSigner Signer { get; }

    /// <summary>Builds credentials from explicit values (tests and the simulator's own keys).</summary>
    public BingxCredentials(string apiKey, string apiSecret)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        ArgumentException.ThrowIfNullOrEmpty(apiSecret);
        ApiKey = apiKey;
        Signer = new BingxSigner(apiSecret);
    }

    /// <summary>
    /// Reads both variables; null when either is missing or empty. The error names the variables, never their values.
    /// </summary>
    public static BingxCredentials? FromEnvironment(Func<string, string?>? lookup = null)
    {
        lookup ??= Environment.GetEnvironmentVariable;
        var key = lookup(ApiKeyVariable);
        var secret = lookup(ApiSecretVariable);
        return string.IsNullOrEmpty(key) || string.IsNullOrEmpty(secret) ? null : new BingxCredentials(key, secret);
    }

    /// <summary>The key with all but its first and last four characters masked.</summary>
    public string MaskedKey => Mask(ApiKey);

    /// <summary>Masks a credential-like value for display.</summary>
    public static string Mask(string value) => value.Length <= 8 ? "***" : $"{value[..4]}…{value[^4..]}";

    /// <inheritdoc/>
    public override string ToString() => $"BingxCredentials(key={MaskedKey}, secret=***)";
}
