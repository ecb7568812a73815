namespace Pink.Shell.Venue;

/// <summary>Where the venue is and how patiently to talk to it. Live and VST differ only in their hosts.</summary>
/// <param name="RestBaseUrl">REST base, e.g. https://open-api-vst.bingx.com.</param>
/// <param name="WsUrl">WebSocket endpoint for both the user stream (with ?listenKey=) and the market stream.</param>
/// <param name="RecvWindowMs">Sent with every signed request; BingX rejects requests older than this (max 5000).</param>
/// <param name="Retry">Backoff for rate limits and server errors.</param>
/// <param name="RequestTimeout">Safety net per HTTP attempt.</param>
/// <param name="OneWay">
/// The account's position mode: false (hedge, the default) sends positionSide LONG/SHORT; true (one-way) sends BOTH
/// with reduceOnly on exits, as the venue requires for an account in that mode.
/// </param>
public sealed record BingxVenueOptions(Uri RestBaseUrl, Uri WsUrl, int RecvWindowMs = 5000, RetryPolicy? Retry = null,
    TimeSpan? RequestTimeout = null, bool OneWay = false)
{
    /// <summary>The live venue (real money).</summary>
    public static BingxVenueOptions Live { get; } =
        new(new Uri("https://open-api.bingx.com"), new Uri("wss://open-api-swap.bingx.com/swap-market"));

    /// <summary>The VST demo venue (virtual funds): the canary.</summary>
    public static BingxVenueOptions Vst { get; } =
        new(new Uri("https://open-api-vst.bingx.com"), new Uri("wss://vst-open-api-ws.bingx.com/swap-market"));

    /// <summary>The retry policy in force.</summary>
    public RetryPolicy RetryPolicy => Retry ?? RetryPolicy.Default;

    /// <summary>The per-attempt timeout in force.</summary>
    public TimeSpan Timeout => RequestTimeout ?? TimeSpan.FromSeconds(15);

    /// <summary>
    /// "live" or "vst" by name; anything else is a base URL pair "rest=URL,ws=URL" (the simulator, a proxy).
    /// </summary>
    public static BingxVenueOptions FromName(string name)
    {
        switch (name.Trim().ToLowerInvariant())
        {
            case "live": return Live;
            case "vst": return Vst;
        }
        var parts = name.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0].ToLowerInvariant(), p => p[1]);
        if (parts.TryGetValue("rest", out var rest) && parts.TryGetValue("ws", out var ws))
            return new BingxVenueOptions(new Uri(rest), new Uri(ws));
        throw new ArgumentException($"unknown venue '{name}': use live, vst or rest=URL,ws=URL");
    }
}
