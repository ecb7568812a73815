using System.Globalization;

namespace Pink.Shell.Simulator.Wire;

/// <summary>BingX writes decimals as strings; the stream uses 8 fixed decimals ("5.00000000").</summary>
internal static class Dec
{
    public static string F8(decimal value) => value.ToString("F8", CultureInfo.InvariantCulture);

    /// <summary>Shortest exact form ("0.1", "2.171"), as REST answers mostly are.</summary>
    public static string Plain(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);
}
