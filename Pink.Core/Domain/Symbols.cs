namespace Pink.Core;

/// <summary>
/// Instrument names. Rule 19: `FET-USDT` and `FETUSDT` name the same instrument, so every comparison
/// goes through <see cref="Key"/>; the display form keeps whatever the caller gave first.
/// </summary>
public static class Symbols
{
    /// <summary>The comparison key: upper case, separators removed.</summary>
    public static string Key(string? symbol)
    {
        if (string.IsNullOrEmpty(symbol)) return "";
        Span<char> buffer = symbol.Length <= 64 ? stackalloc char[symbol.Length] : new char[symbol.Length];
        var n = 0;
        foreach (var c in symbol)
        {
            if (c == '-' || c == '_' || c == '/' || c == ' ') continue;
            buffer[n++] = char.ToUpperInvariant(c);
        }
        var key = new string(buffer[..n]);
        return key == symbol ? symbol : key;
    }

    /// <summary>True when <c>Key(symbol) == key</c>, without building the key.</summary>
    public static bool IsKeyOf(string? symbol, string key)
    {
        if (string.IsNullOrEmpty(symbol)) return key.Length == 0;
        var n = 0;
        foreach (var c in symbol)
        {
            if (c == '-' || c == '_' || c == '/' || c == ' ') continue;
            if (n >= key.Length || char.ToUpperInvariant(c) != key[n]) return false;
            n++;
        }
        return n == key.Length;
    }

    /// <summary>True when both name the same instrument.</summary>
    public static bool Same(string? a, string? b) => Key(a) == Key(b);
}
