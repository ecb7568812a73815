using System.Security.Cryptography;

namespace Pink.Shell.Simulator.Stream;

/// <summary>
/// listenKeys: 64 hex characters, valid for the configured lifetime from creation or the last extension, until
/// deleted or expired (by time or by the ExpireListenKeys fault).
/// </summary>
internal sealed class ListenKeyBook(TimeProvider time, TimeSpan lifetime)
{
    private readonly Dictionary<string, DateTimeOffset> _expiry = new(StringComparer.Ordinal);
    private readonly object _lock = new();

    public int Created { get; private set; }

    public int Extended { get; private set; }

    public string Create()
    {
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        lock (_lock)
        {
            _expiry[key] = time.GetUtcNow() + lifetime;
            Created++;
        }
        return key;
    }

    public bool IsValid(string key)
    {
        lock (_lock) return _expiry.TryGetValue(key, out var until) && until > time.GetUtcNow();
    }

    public bool Extend(string key)
    {
        lock (_lock)
        {
            if (!_expiry.TryGetValue(key, out var until) || until <= time.GetUtcNow()) return false;
            _expiry[key] = time.GetUtcNow() + lifetime;
            Extended++;
            return true;
        }
    }

    public bool Delete(string key)
    {
        lock (_lock) return _expiry.Remove(key);
    }

    /// <summary>Expires every live key now; returns them.</summary>
    public IReadOnlyList<string> ExpireAll()
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            var live = _expiry.Where(kv => kv.Value > now).Select(kv => kv.Key).ToList();
            foreach (var key in live) _expiry[key] = now;
            return live;
        }
    }
}
