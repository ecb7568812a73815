using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Pink.Shell.ClickHouse;

/// <summary>One versioned schema file (<c>V001__name.sql</c>), embedded in the assembly.</summary>
public sealed partial record Migration(int Version, string Name, string Sql)
{
    private const string ResourcePrefix = "Pink.Migrations.";

    /// <summary>SHA-256 of the file: a migration edited after it was applied is detected, not silently skipped.</summary>
    public string Checksum => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql)));

    /// <summary>The statements of the file for one database, in order.</summary>
    public IReadOnlyList<string> Statements(string database) =>
        Split(Sql).Select(s => s.Replace("{db}", database, StringComparison.Ordinal)).ToList();

    /// <summary>Every shipped migration, ordered by version.</summary>
    public static IReadOnlyList<Migration> Shipped()
    {
        var assembly = typeof(Migration).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(n => Parse(n[ResourcePrefix.Length..], Read(assembly, n)))
            .OrderBy(m => m.Version)
            .ToList();
    }

    /// <summary>A migration from its file name and text.</summary>
    public static Migration Parse(string fileName, string sql)
    {
        var m = FileName().Match(fileName);
        if (!m.Success) throw new FormatException($"migration file '{fileName}' is not named V<version>__<name>.sql");
        return new Migration(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[2].Value, sql);
    }

    // Statements end with ';' at the end of a line; '--' lines are comments.
    private static IEnumerable<string> Split(string sql)
    {
        var current = new StringBuilder();
        foreach (var raw in sql.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.TrimStart().StartsWith("--", StringComparison.Ordinal)) continue;
            current.AppendLine(line);
            if (!line.TrimEnd().EndsWith(';')) continue;
            var statement = current.ToString().Trim().TrimEnd(';').Trim();
            if (statement.Length > 0) yield return statement;
            current.Clear();
        }
        var rest = current.ToString().Trim();
        if (rest.Length > 0) yield return rest;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^V(\d+)__([A-Za-z0-9_]+)\.sql$")]
    private static partial Regex FileName();
}
