namespace Pink.Shell.Config;

/// <summary>
/// Namespace isolation (MISSION.md rule 18): Pink writes only to its own ClickHouse database and Hazelcast maps.
/// Production databases and BLUE / PRODGREEN maps are refused whatever the configuration says.
/// </summary>
public static class NamespaceGuard
{
    /// <summary>Databases that are never written, whatever is configured.</summary>
    public static readonly IReadOnlyList<string> ForbiddenDatabases = ["dolphin", "dolphin_prodgreen"];

    /// <summary>Map name fragments that are never written (other stacks' maps).</summary>
    public static readonly IReadOnlyList<string> ForbiddenMapMarkers = ["BLUE", "PRODGREEN"];

    /// <summary>Null when <paramref name="database"/> may be written under the configured one, else the reason.</summary>
    public static string? CheckDatabase(string configured, string database)
    {
        if (string.IsNullOrWhiteSpace(database)) return "empty database name";
        foreach (var forbidden in ForbiddenDatabases)
            if (string.Equals(database, forbidden, StringComparison.OrdinalIgnoreCase))
                return $"database '{database}' belongs to another stack and is never written by Pink";
        if (string.IsNullOrWhiteSpace(configured) || ForbiddenDatabases.Any(f => string.Equals(configured, f, StringComparison.OrdinalIgnoreCase)))
            return $"configured database '{configured}' is not a Pink namespace";
        return string.Equals(configured, database, StringComparison.Ordinal)
            ? null
            : $"database '{database}' is outside the configured namespace '{configured}'";
    }

    /// <summary>Null when <paramref name="map"/> belongs to the namespace <paramref name="ns"/>, else the reason.</summary>
    public static string? CheckMap(string ns, string map)
    {
        if (string.IsNullOrWhiteSpace(map)) return "empty map name";
        foreach (var marker in ForbiddenMapMarkers)
            if (map.Contains(marker, StringComparison.OrdinalIgnoreCase))
                return $"map '{map}' belongs to a {marker} stack and is never written by Pink";
        if (string.IsNullOrWhiteSpace(ns)) return "empty map namespace";
        return map.StartsWith(ns, StringComparison.Ordinal) ? null : $"map '{map}' is outside the namespace '{ns}'";
    }
}
