namespace Pink.Shell.Venue;

/// <summary>
/// Exponential backoff with jitter for answers that mean "not done, try later": HTTP 429, code 100410 and server
/// errors. A small local policy (Polly is not in the central package list).
/// </summary>
/// <param name="MaxAttempts">Attempts in all, the first included.</param>
/// <param name="BaseDelay">Delay before the second attempt; doubles each time.</param>
/// <param name="MaxDelay">Upper bound of one delay.</param>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    /// <summary>4 attempts, 250 ms doubling to at most 4 s.</summary>
    public static RetryPolicy Default { get; } = new(4, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(4));

    /// <summary>
    /// The wait before attempt <paramref name="attempt"/>+1 (attempt counts from 1). Jitter (±20%) spreads clients
    /// that were throttled together; a server's Retry-After wins when it asks for longer.
    /// </summary>
    public TimeSpan DelayAfter(int attempt, TimeSpan? retryAfter = null, double? jitter = null)
    {
        var exponent = Math.Min(attempt - 1, 16);
        var raw = Math.Min(BaseDelay.TotalMilliseconds * Math.Pow(2, exponent), MaxDelay.TotalMilliseconds);
        var factor = 0.8 + 0.4 * (jitter ?? Random.Shared.NextDouble());
        var delay = TimeSpan.FromMilliseconds(raw * factor);
        return retryAfter is TimeSpan server && server > delay ? server : delay;
    }
}
