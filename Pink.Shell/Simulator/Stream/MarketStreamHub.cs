using System.Text.Json;
using Pink.Shell.Simulator.Wire;

namespace Pink.Shell.Simulator.Stream;

/// <summary>
/// The public market stream: `{"id","reqType":"sub","dataType":"SYMBOL@markPrice"}` subscribes (acknowledged, then the
/// current mark at once), and every mark change is pushed to its subscribers. A subscription naming a symbol the venue
/// does not list is refused with an error frame (code 80015) and not kept.
/// </summary>
internal sealed class MarketStreamHub(Func<string, decimal?> currentMark, Func<long> now)
{
    private readonly object _lock = new();
    private readonly List<WsSession> _sessions = [];

    public void Add(WsSession session)
    {
        lock (_lock) _sessions.Add(session);
    }

    public void Remove(WsSession session)
    {
        lock (_lock) _sessions.Remove(session);
    }

    public void PublishMark(string symbol, decimal price, long time)
    {
        var topic = $"{symbol}@markPrice";
        foreach (var session in Snapshot())
        {
            bool subscribed;
            lock (session.Subscriptions) subscribed = session.Subscriptions.Contains(topic);
            if (subscribed) session.Send(MarketFrames.Mark(symbol, price, time));
        }
    }

    /// <summary>Handles a client request (subscribe / unsubscribe); anything else is ignored, as the venue does.</summary>
    public void OnText(WsSession session, string text)
    {
        if (text is "Pong" or "Ping") return;
        string? id, reqType, dataType;
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            id = Str(root, "id");
            reqType = Str(root, "reqType");
            dataType = Str(root, "dataType");
        }
        catch (JsonException)
        {
            return;
        }
        if (id is null || dataType is null) return;
        if (reqType != "unsub" && currentMark(SymbolOf(dataType)) is null)
        {
            session.Send(MarketFrames.Refused(id));
            return;
        }
        lock (session.Subscriptions)
        {
            if (reqType == "unsub") session.Subscriptions.Remove(dataType);
            else session.Subscriptions.Add(dataType);
        }
        session.Send(MarketFrames.Ack(id));
        if (reqType != "unsub" && dataType.EndsWith("@markPrice", StringComparison.Ordinal) && currentMark(SymbolOf(dataType)) is decimal mark)
            session.Send(MarketFrames.Mark(SymbolOf(dataType), mark, now()));
    }

    public void DropAll()
    {
        foreach (var session in Snapshot()) session.Abort();
    }

    public void Ping(int maxUnanswered)
    {
        foreach (var session in Snapshot()) session.Ping(maxUnanswered);
    }

    /// <summary>The symbol a data type names: `FET-USDT@markPrice` → FET-USDT.</summary>
    private static string SymbolOf(string dataType)
    {
        var at = dataType.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? dataType : dataType[..at];
    }

    private static string? Str(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private List<WsSession> Snapshot()
    {
        lock (_lock) return _sessions.ToList();
    }
}
