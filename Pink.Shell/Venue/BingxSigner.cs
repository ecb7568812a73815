using System.Security.Cryptography;
using System.Text;

namespace Pink.Shell.Venue;

/// <summary>
/// BingX request signing: lowercase hex HMAC-SHA256 of the parameter string (`k=v&amp;k=v`, values not URL-encoded)
/// keyed with the API secret. The secret lives only inside this object, as key bytes, and is never rendered.
/// </summary>
public sealed class BingxSigner
{
    private readonly byte[] _key;

    /// <param name="secret">The API secret (from the environment; see <see cref="BingxCredentials"/>).</param>
    public BingxSigner(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        _key = Encoding.UTF8.GetBytes(secret);
    }

    /// <summary>Signature of a parameter string exactly as it will be sent.</summary>
    public string Sign(string parameterString) => Hex(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(parameterString)));

    /// <summary>One-shot signing (the documented test vector uses this form).</summary>
    public static string Sign(string secret, string parameterString) => new BingxSigner(secret).Sign(parameterString);

    /// <summary>True when <paramref name="signature"/> is this key's signature of the string (constant-time compare).</summary>
    public bool Verify(string parameterString, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(parameterString)),
            Encoding.ASCII.GetBytes(signature.ToLowerInvariant()));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>Never shows the key.</summary>
    public override string ToString() => "BingxSigner(secret redacted)";
}
