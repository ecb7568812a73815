using System.Globalization;

namespace Pink.Shell.Hazelcast;

/// <summary>
/// A Java-style UUID (two signed 64-bit halves), as the protocol carries it: a null flag byte, then the most and
/// the least significant halves as int64 LE. Kept apart from <see cref="Guid"/>, whose byte order differs.
/// </summary>
public readonly record struct HzUuid(long MostSignificant, long LeastSignificant)
{
    /// <summary>A random (version 4) UUID.</summary>
    public static HzUuid NewRandom() => Parse(Guid.NewGuid().ToString("N"));

    /// <summary>Parses 32 hex digits, with or without dashes.</summary>
    public static HzUuid Parse(string text)
    {
        var hex = text.Replace("-", "", StringComparison.Ordinal);
        if (hex.Length != 32) throw new FormatException($"'{text}' is not a UUID");
        return new HzUuid(
            unchecked((long)ulong.Parse(hex.AsSpan(0, 16), NumberStyles.HexNumber, CultureInfo.InvariantCulture)),
            unchecked((long)ulong.Parse(hex.AsSpan(16, 16), NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
    }

    /// <summary>The canonical 8-4-4-4-12 form, as Java prints it.</summary>
    public override string ToString()
    {
        var hex = ((ulong)MostSignificant).ToString("x16", CultureInfo.InvariantCulture) + ((ulong)LeastSignificant).ToString("x16", CultureInfo.InvariantCulture);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }
}
