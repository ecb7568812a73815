using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Pink.Tests.Metrics;

/// <summary>Reading a Prometheus text exposition: one sample's value by metric name.</summary>
internal static class Scrape
{
    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    /// <summary>The value of the (single) sample of <paramref name="name"/>, or null when the exposition has none.</summary>
    public static double? Value(string exposition, string name)
    {
        var m = Regex.Match(exposition, $@"^{Regex.Escape(name)}(?:\{{[^}}]*\}})?\s+(\S+)", RegexOptions.Multiline);
        return m.Success ? double.Parse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture) : null;
    }
}
