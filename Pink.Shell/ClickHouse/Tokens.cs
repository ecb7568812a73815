using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Pink.Shell.ClickHouse;

/// <summary>
/// The insert_deduplication_token of an insert: a pure function of exactly which rows it carries — their table,
/// spool positions and logical identities (account_event_seq + event key). Any two sends of the same row set carry
/// the same token, whichever path sends them (coalesced batch, row-by-row isolation, poison lane), so the server keeps
/// one. Two different row sets never share a token. Overlapping but different sets are avoided by construction: a
/// batch's range is journaled before it is first sent and never changes, and a group is split into single rows only
/// after it is marked as isolating, and is never sent whole again.
/// This recognises a retried insert by identity; it never compares row contents.
/// </summary>
internal static class Tokens
{
    public static string For(string table, IReadOnlyList<SpooledRow> rows) => For(table, rows, null);

    /// <summary>The token, with the rows' event keys already at hand (<paramref name="keys"/>[i] = rows[i].Row.Key).</summary>
    public static string For(string table, IReadOnlyList<SpooledRow> rows, IReadOnlyList<string>? keys)
    {
        // SHA-256 of "{position}|{account_event_seq}|{event_key}\n" per row, streamed in chunks (no text of the whole set).
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var bytes = ArrayPool<byte>.Shared.Rent(8192);
        try
        {
            var used = 0;
            for (var i = 0; i < rows.Count; i++)
            {
                var r = rows[i];
                var key = keys?[i] ?? r.Row.Key;
                var need = 42 + Encoding.UTF8.GetMaxByteCount(key.Length);
                if (bytes.Length - used < need)
                {
                    hash.AppendData(bytes, 0, used);
                    used = 0;
                    if (bytes.Length < need)
                    {
                        ArrayPool<byte>.Shared.Return(bytes);
                        bytes = ArrayPool<byte>.Shared.Rent(need);
                    }
                }
                var span = bytes.AsSpan(used);
                r.Position.TryFormat(span, out var n, default, CultureInfo.InvariantCulture);
                span[n++] = (byte)'|';
                r.Row.AccountEventSeq.TryFormat(span[n..], out var m, default, CultureInfo.InvariantCulture);
                n += m;
                span[n++] = (byte)'|';
                n += Encoding.UTF8.GetBytes(key, span[n..]);
                span[n++] = (byte)'\n';
                used += n;
            }
            hash.AppendData(bytes, 0, used);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
        var hex = Convert.ToHexStringLower(hash.GetHashAndReset())[..32];
        return string.Create(CultureInfo.InvariantCulture, $"pink:{table}:{rows[0].Position}-{rows[^1].Position}:{rows.Count}:{hex}");
    }
}
