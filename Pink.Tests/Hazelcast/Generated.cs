using System.Text;
using LanguageExt;
using Pink.Core;

namespace Pink.Tests.Hazelcast;

/// <summary>Seeded generators for the differential test: the same cases on every run.</summary>
internal sealed class Generated(int seed)
{
    private readonly Random rng = new(seed);

    // Code point ranges: ASCII (with controls), Latin-1, Cyrillic, CJK, and emoji (surrogate pairs in UTF-16).
    private static readonly (int From, int To)[] Ranges = [(0x00, 0x7f), (0x20, 0x7e), (0xa0, 0xff), (0x400, 0x4ff), (0x4e00, 0x9fff), (0x1f300, 0x1f64f)];

    public int Int(int max) => rng.Next(max);

    public long Long() => rng.NextInt64(long.MinValue, long.MaxValue);

    /// <summary>A correlation id as clients assign them: non-negative, and below 2^53 for the Node.js client.</summary>
    public long CorrelationId() => rng.NextInt64(0, 1L << 53);

    public bool Coin() => rng.Next(2) == 0;

    public T Pick<T>(IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    public string Text(int maxLength)
    {
        var length = rng.Next(10) == 0 ? rng.Next(maxLength * 20 + 1) : rng.Next(maxLength + 1);
        var sb = new StringBuilder();
        while (sb.Length < length)
        {
            var (from, to) = Ranges[rng.Next(Ranges.Length)];
            sb.Append(char.ConvertFromUtf32(rng.Next(from, to + 1)));
        }
        return sb.ToString();
    }

    public byte[] Bytes(int maxLength)
    {
        var bytes = new byte[rng.Next(maxLength + 1)];
        rng.NextBytes(bytes);
        return bytes;
    }

    public decimal Number() => rng.Next(8) switch
    {
        0 => 0m,
        1 => -(decimal)rng.NextDouble() * 1_000_000m,
        2 => Math.Round((decimal)rng.NextDouble() * 100_000m, 4),
        3 => (decimal)rng.NextDouble() * 0.00000001m,
        _ => (decimal)rng.NextDouble() * 100_000m,
    };

    public AccountSnapshot Snapshot()
    {
        var slots = Enumerable.Range(0, rng.Next(4)).Select(i => new SlotView(i, (SlotPhase)rng.Next(4), Coin() ? null : $"T{rng.Next(1000)}",
            Pick(["FET-USDT", "BTC-USDT", ""]), Pick(["LONG", "SHORT", "FLAT"]), Number(), Number(), Number(), Number(), Number(), Number(),
            rng.Next(1, 4), Number(), Number(), (TradeFlags)rng.Next(16))).ToArray();
        return new AccountSnapshot(rng.NextInt64(0, long.MaxValue), rng.NextInt64(0, 4_000_000_000_000), Number(), Number(), (CapitalSource)rng.Next(3),
            Number(), Number(), Number(), Number(), Coin(), new Arr<SlotView>(slots));
    }
}
