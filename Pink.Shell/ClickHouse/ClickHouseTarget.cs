using System.Text.RegularExpressions;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO;
using Pink.Shell.Config;

namespace Pink.Shell.ClickHouse;

/// <summary>
/// Where rows go: a server's HTTP URL and Pink's own database. Construction is the one place the namespace guard
/// (MISSION.md rule 18) is applied, so no code path can hold a target for <c>dolphin</c> or <c>dolphin_prodgreen</c>.
/// </summary>
public sealed partial record ClickHouseTarget
{
    /// <summary>Pink's database unless configured otherwise.</summary>
    public const string DefaultDatabase = "dolphin_pink";

    /// <summary>The server when none is configured (the standard HTTP port on loopback).</summary>
    public const string DefaultUrl = "http://127.0.0.1:8123";

    private ClickHouseTarget(Uri url, string database)
    {
        Url = url;
        Database = database;
    }

    /// <summary>The server's HTTP interface.</summary>
    public Uri Url { get; }

    /// <summary>The one database this target writes (already checked by the namespace guard).</summary>
    public string Database { get; }

    /// <summary>A checked target, or the reason it is refused.</summary>
    public static (ClickHouseTarget? Target, string? Error) Create(string? url, string? database)
    {
        var db = string.IsNullOrWhiteSpace(database) ? DefaultDatabase : database.Trim();
        if (NamespaceGuard.CheckDatabase(db, db) is string refused) return (null, refused);
        if (!Identifier().IsMatch(db)) return (null, $"database '{db}' is not a plain identifier");
        if (!Uri.TryCreate(string.IsNullOrWhiteSpace(url) ? DefaultUrl : url.Trim(), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https"))
            return (null, $"'{url}' is not an http(s) URL");
        return (new ClickHouseTarget(uri, db), null);
    }

    /// <summary>A checked target; throws <see cref="ArgumentException"/> with the reason when refused.</summary>
    public static ClickHouseTarget Of(string? url, string? database = null)
    {
        var (target, error) = Create(url, database);
        return target ?? throw new ArgumentException(error);
    }

    /// <summary>
    /// The fully qualified name of one of Pink's tables. Every write goes through here, and the guard is asked again
    /// for the database actually written, so a table name can never smuggle in another database.
    /// </summary>
    public string Qualify(string table)
    {
        if (!Identifier().IsMatch(table)) throw new ArgumentException($"table '{table}' is not a plain identifier");
        if (NamespaceGuard.CheckDatabase(Database, Database) is string refused) throw new InvalidOperationException(refused);
        return $"{Database}.{table}";
    }

    /// <summary>A driver client for this server. The default database stays <c>default</c>: every name is qualified.</summary>
    public ClickHouseClient CreateClient(TimeSpan? timeout = null)
    {
        var user = Uri.UnescapeDataString(Url.UserInfo.Split(':', 2)[0]);
        var password = Url.UserInfo.Contains(':') ? Uri.UnescapeDataString(Url.UserInfo.Split(':', 2)[1]) : "";
        return new ClickHouseClient(new ClickHouseClientSettings
        {
            Host = Url.Host,
            Port = (ushort)Url.Port,
            Protocol = Url.Scheme,
            Username = string.IsNullOrEmpty(user) ? "default" : user,
            Password = password,
            Database = "default",
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        });
    }

    /// <inheritdoc />
    public override string ToString() => $"{Url.GetLeftPart(UriPartial.Authority)}/{Database}";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,127}$")]
    private static partial Regex Identifier();
}
