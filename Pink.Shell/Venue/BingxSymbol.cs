namespace Pink.Shell.Venue;

/// <summary>BingX spells instruments `FET-USDT`; the runtime may say `FETUSDT` (rule 19). The venue gets its own form.</summary>
public static class BingxSymbol
{
    private static readonly string[] Quotes = ["USDT", "USDC", "VST"];

    /// <summary>`FETUSDT` → `FET-USDT`; a hyphenated name is only upper-cased.</summary>
    public static string ToVenue(string symbol)
    {
        var s = symbol.Trim().ToUpperInvariant().Replace('/', '-').Replace('_', '-');
        if (s.Contains('-')) return s;
        foreach (var quote in Quotes)
            if (s.Length > quote.Length && s.EndsWith(quote, StringComparison.Ordinal))
                return $"{s[..^quote.Length]}-{quote}";
        return s;
    }
}
