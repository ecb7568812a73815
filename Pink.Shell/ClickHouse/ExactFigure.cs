using System.Buffers.Binary;

namespace Pink.Shell.ClickHouse;

/// <summary>
/// A kernel decimal as a <c>Decimal(38, 18)</c> value. Invariants: a figure with at most 18 decimals is stored exactly;
/// more decimals (a derived basis, a pro-rata share) round half to even at the 18th, identically for the driver's
/// path and the RowBinary one; a figure beyond the column's 20 integer digits is refused (the row goes to the poison
/// lane, unaltered), never clamped.
/// </summary>
internal static class ExactFigure
{
    public const int Scale = 18;
    private static readonly decimal Limit = 100_000_000_000_000_000_000m; // 10^20: the column's integer digits

    /// <summary>The value the column stores: rounded to 18 decimals; refused beyond 10^20.</summary>
    public static decimal Scaled(decimal value)
    {
        if (value <= -Limit || value >= Limit)
            throw new ArgumentException($"{value} does not fit Decimal(38, 18) (|x| < 10^20)");
        return Math.Round(value, Scale, MidpointRounding.ToEven);
    }

    /// <summary>The RowBinary encoding: the unscaled value × 10^18 as a little-endian Int128.</summary>
    public static void Write(Span<byte> sixteen, decimal value)
    {
        var rounded = Scaled(value);
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(rounded, bits);
        var mantissa = ((Int128)(uint)bits[2] << 64) | ((Int128)(uint)bits[1] << 32) | (uint)bits[0];
        var scale = (bits[3] >> 16) & 0xFF;
        for (var i = scale; i < Scale; i++) mantissa *= 10;
        BinaryPrimitives.WriteInt128LittleEndian(sixteen, bits[3] < 0 ? -mantissa : mantissa);
    }
}
