using System.Globalization;

namespace Pink.Shell.Hazelcast;

/// <summary>A member address (Custom.yaml Address), also the host:port a client connects to.</summary>
public sealed record HzAddress(string Host, int Port)
{
    /// <summary>The member's default port.</summary>
    public const int DefaultPort = 5701;

    /// <summary>Parses "host", "host:port" or "[v6]:port".</summary>
    public static HzAddress Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new FormatException("empty Hazelcast address");
        text = text.Trim();
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0) throw new FormatException($"'{text}': unclosed '['");
            var host6 = text[1..close];
            var rest = text[(close + 1)..];
            return new HzAddress(host6, rest.StartsWith(':') ? ParsePort(text, rest[1..]) : DefaultPort);
        }
        var colon = text.LastIndexOf(':');
        return colon < 0 ? new HzAddress(text, DefaultPort) : new HzAddress(text[..colon], ParsePort(text, text[(colon + 1)..]));
    }

    private static int ParsePort(string text, string port) =>
        int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 65536
            ? p
            : throw new FormatException($"'{text}': port '{port}' is not 1..65535");

    /// <inheritdoc/>
    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}

/// <summary>A member's version (Custom.yaml MemberVersion).</summary>
public sealed record MemberVersion(byte Major, byte Minor, byte Patch);

/// <summary>Which endpoint of a member an address serves (Custom.yaml EndpointQualifier).</summary>
public sealed record EndpointQualifier(int Type, string? Identifier);

/// <summary>A cluster member as the authentication response lists it (Custom.yaml MemberInfo).</summary>
public sealed record MemberInfo(HzAddress Address, HzUuid? Uuid, IReadOnlyList<KeyValuePair<string, string>> Attributes, bool LiteMember,
    MemberVersion Version, IReadOnlyList<KeyValuePair<EndpointQualifier, HzAddress>>? AddressMap);

/// <summary>One frame of a member-side stack trace (Custom.yaml StackTraceElement).</summary>
public sealed record StackTraceElement(string ClassName, string MethodName, string? FileName, int LineNumber);

/// <summary>One server-side exception of an error response (Custom.yaml ErrorHolder).</summary>
public sealed record ErrorHolder(int ErrorCode, string ClassName, string? Message, IReadOnlyList<StackTraceElement> StackTrace);
