using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Pink.Shell.Simulator.Http;

/// <summary>An HTTP answer to write.</summary>
internal sealed record Reply(int Status, string Body)
{
    /// <summary>`{"code":0,"msg":"","data":...}`.</summary>
    public static Reply Ok(JsonNode? data) => new(200, new JsonObject { ["code"] = 0, ["msg"] = "", ["data"] = data }.ToJsonString());

    /// <summary>An envelope error.</summary>
    public static Reply Error(long code, string message, int status = 200) =>
        new(status, new JsonObject { ["code"] = code, ["msg"] = message, ["data"] = new JsonObject() }.ToJsonString());

    /// <summary>A body that is not an envelope (the listenKey answers).</summary>
    public static Reply Bare(int status, string body = "") => new(status, body);

    public async Task WriteAsync(HttpListenerResponse response)
    {
        var bytes = Encoding.UTF8.GetBytes(Body);
        response.StatusCode = Status;
        response.ContentType = "application/json";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        response.Close();
    }

    /// <summary>
    /// Loses the answer: headers promising the whole body, half of it, then the connection dropped. (HttpListener's
    /// Abort alone would still send an empty 200, which reads as an answer, not as a loss.)
    /// </summary>
    public async Task LoseAsync(HttpListenerResponse response)
    {
        var bytes = Encoding.UTF8.GetBytes(Body);
        response.StatusCode = Status;
        response.ContentType = "application/json";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes.AsMemory(0, bytes.Length / 2)).ConfigureAwait(false);
        await response.OutputStream.FlushAsync().ConfigureAwait(false);
        response.Abort();
    }
}
