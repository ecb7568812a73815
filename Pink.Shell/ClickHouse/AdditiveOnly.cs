using System.Text.RegularExpressions;

namespace Pink.Shell.ClickHouse;

/// <summary>
/// Schema changes are additive only (MISSION.md §6): a migration may create what is missing and add columns with a
/// default, never drop, rename, retype or rewrite, because code already deployed may still read or write the old shape.
/// </summary>
public static partial class AdditiveOnly
{
    /// <summary>Null when the statement is additive, else why not.</summary>
    public static string? Check(string statement)
    {
        var s = Regex.Replace(statement, @"'(?:[^'\\]|\\.)*'", "''"); // string literals cannot trip the check
        if (Destructive().Match(s) is { Success: true } m)
            return $"'{m.Value.ToUpperInvariant()}' is not additive";
        if (Create().IsMatch(s) && !IfNotExists().IsMatch(s))
            return "CREATE must say IF NOT EXISTS so re-running it is harmless";
        if (AddColumn().IsMatch(s) && !Default().IsMatch(s))
            return "ADD COLUMN needs a DEFAULT so rows written before it stay readable";
        if (!Create().IsMatch(s) && !Alter().IsMatch(s))
            return "only CREATE ... IF NOT EXISTS and ALTER TABLE ... ADD are allowed";
        return null;
    }

    [GeneratedRegex(@"\b(DROP|RENAME|MODIFY|TRUNCATE|DELETE|UPDATE|DETACH|CLEAR|REPLACE|MATERIALIZE|EXCHANGE|MOVE|FREEZE|ATTACH|RESET\s+SETTING)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Destructive();

    [GeneratedRegex(@"^\s*CREATE\b", RegexOptions.IgnoreCase)]
    private static partial Regex Create();

    [GeneratedRegex(@"^\s*CREATE\s+(TABLE|DATABASE|VIEW|MATERIALIZED\s+VIEW|DICTIONARY)\s+IF\s+NOT\s+EXISTS\b", RegexOptions.IgnoreCase)]
    private static partial Regex IfNotExists();

    [GeneratedRegex(@"^\s*ALTER\s+TABLE\s+\S+\s+ADD\s+(COLUMN|INDEX|PROJECTION|CONSTRAINT)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Alter();

    [GeneratedRegex(@"\bADD\s+COLUMN\b", RegexOptions.IgnoreCase)]
    private static partial Regex AddColumn();

    [GeneratedRegex(@"\bDEFAULT\b", RegexOptions.IgnoreCase)]
    private static partial Regex Default();
}
