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
    public static string For(string table, IReadOnlyList<SpooledRow> rows)
    {
        // SHA-256 of "{position}|{account_event_seq}|{event_key}\n" per row, streamed (no text of the whole set).
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var bytes = ArrayPool<byte>.Shared.Rent(1024);
        try
        {
            foreach (var r in rows)
            {
                var key = r.Row.Key;
                var need = 42 + Encoding.UTF8.GetMaxByteCount(key.Length);
                if (bytes.Length < need)
                {
                    ArrayPool<byte>.Shared.Return(bytes);
                    bytes = ArrayPool<byte>.Shared.Rent(need);
                }
                var span = bytes.AsSpan();
                r.Position.TryFormat(span, out var n, default, CultureInfo.InvariantCulture);
                span[n++] = (byte)'|';
                r.Row.AccountEventSeq.TryFormat(span[n..], out var m, default, CultureInfo.InvariantCulture);
                n += m;
                span[n++] = (byte)'|';
                n += Encoding.UTF8.GetBytes(key, span[n..]);
                span[n++] = (byte)'\n';
                hash.AppendData(span[..n]);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
        var hex = Convert.ToHexStringLower(hash.GetHashAndReset())[..32];
        return string.Create(CultureInfo.InvariantCulture, $"pink:{table}:{rows[0].Position}-{rows[^1].Position}:{rows.Count}:{hex}");
    }
}
