using System.IO.Compression;
using System.Text;

namespace Pink.Shell.Venue;

/// <summary>BingX sends every WebSocket frame as binary GZIP; this turns one into its text, exactly.</summary>
public static class GzipText
{
    /// <summary>The text of a frame: gunzipped when it carries the GZIP magic, else read as UTF-8 as it is.</summary>
    public static string Decode(ReadOnlySpan<byte> frame)
    {
        if (frame.Length >= 2 && frame[0] == 0x1f && frame[1] == 0x8b)
        {
            using var input = new MemoryStream(frame.ToArray());
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            return reader.ReadToEnd();
        }
        return Encoding.UTF8.GetString(frame);
    }

    /// <summary>The GZIP frame of a text (what the venue, and so the simulator, sends).</summary>
    public static byte[] Encode(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
            gzip.Write(Encoding.UTF8.GetBytes(text));
        return output.ToArray();
    }
}
