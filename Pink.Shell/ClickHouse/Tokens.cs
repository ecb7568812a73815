using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Pink.Shell.ClickHouse;

/// <summary>
/// The insert_deduplication_token of an insert: a pure function of exactly which rows it carries — their table,
/// spool positions and logical identities (account_event_seq + event key). Any two sends of the same row set carry
/// the same token, whichever path sends them (segment, row-by-row isolation, poison lane), so the server keeps one.
/// Two different row sets never share a token. Overlapping but different sets are avoided by construction: a group
/// is split into single rows only after it is marked as isolating, and is never sent whole again.
/// This recognises a retried insert by identity; it never compares row contents.
/// </summary>
internal static class Tokens
{
    public static string For(string table, IReadOnlyList<SpooledRow> rows)
    {
        var text = new StringBuilder(rows.Count * 32);
        foreach (var r in rows)
            text.Append(r.Position.ToString(CultureInfo.InvariantCulture)).Append('|')
                .Append(r.Row.AccountEventSeq.ToString(CultureInfo.InvariantCulture)).Append('|')
                .Append(r.Row.Key).Append('\n');
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
        return string.Create(CultureInfo.InvariantCulture, $"pink:{table}:{rows[0].Position}-{rows[^1].Position}:{rows.Count}:{hash}");
    }
}
