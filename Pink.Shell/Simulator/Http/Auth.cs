using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Pink.Shell.Simulator.Engine;

namespace Pink.Shell.Simulator.Http;

/// <summary>
/// The venue's checks of a signed request, in its order: the API key (100413), a signature at all (100412), the
/// HMAC-SHA256 of the parameter string as sent (100001), the timestamp against the server clock and recvWindow
/// (100421). Written apart from the client's signer so each checks the other.
/// </summary>
internal static class Auth
{
    public static void Check(SimRequest r, SimulatorOptions options, long serverNowMs)
    {
        CheckKey(r, options);
        if (string.IsNullOrEmpty(r.Signature)) throw new SimRejection(100412, "Null signature");
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.ApiSecret), Encoding.UTF8.GetBytes(r.SignedString)));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(r.Signature.ToLowerInvariant())))
            throw new SimRejection(100001, "Signature verification failed");
        CheckTimestamp(r, serverNowMs);
    }

    /// <summary>The listenKey endpoints need the key header; a signature, when sent, must verify too.</summary>
    public static void CheckKeyOnly(SimRequest r, SimulatorOptions options, long serverNowMs)
    {
        if (r.Signature is not null) Check(r, options, serverNowMs);
        else CheckKey(r, options);
    }

    private static void CheckKey(SimRequest r, SimulatorOptions options)
    {
        if (string.IsNullOrEmpty(r.ApiKey) || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(r.ApiKey), Encoding.UTF8.GetBytes(options.ApiKey)))
            throw new SimRejection(100413, "Incorrect apiKey");
    }

    private static void CheckTimestamp(SimRequest r, long serverNowMs)
    {
        if (!long.TryParse(r["timestamp"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ts))
            throw new SimRejection(100421, "Null timestamp or timestamp mismatch");
        var window = long.TryParse(r["recvWindow"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var w) ? Math.Clamp(w, 1, 5000) : 5000;
        if (ts > serverNowMs + 1000 || serverNowMs - ts > window)
            throw new SimRejection(100421, $"timestamp {ts} outside recvWindow {window} of server time {serverNowMs}");
    }
}
