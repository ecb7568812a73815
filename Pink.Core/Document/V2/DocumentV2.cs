using LanguageExt;

namespace Pink.Core;

/// <summary>
/// Version 2 of the state document (the model of versions 2 and 3: version 3 added <c>forgotten</c> and the config's
/// <c>forgotten_memory</c>; a version 2 document gets them as that build meant them — nothing forgotten, the default
/// window): the envelope and the state, written from and read into these explicit types, never from the kernel's own
/// records. Adding a field to the state is one property here plus one line in <c>From</c> and one
/// in <c>ToState</c>; the strict reader then requires it in every version 2 document.
/// </summary>
internal sealed record DocumentV2(int Version, string Kind, StateV2 State);

/// <summary>The kernel state. Maps are JSON objects in key order (ordinal), so the same state gives the same bytes.</summary>
internal sealed record StateV2(
    ConfigV2 Config,
    long EventSeq,
    long LastEventMs,
    AccountV2 Account,
    SlotV2[] Slots,
    Dictionary<string, TradeV2> Trades,
    Dictionary<string, OrderV2> Orders,
    Dictionary<long, string> VenueOrders,
    Dictionary<string, decimal> Marks,
    string[] Dedup,
    long FillsRoutedByState,
    string[] Forgotten)
{
    public static StateV2 From(KernelState s) => new(
        ConfigV2.From(s.Config),
        s.EventSeq,
        s.LastEventMs,
        AccountV2.From(s.Account),
        s.Slots.Map(SlotV2.From).ToArray(),
        Ordered(s.Trades.AsEnumerable(), TradeV2.From),
        Ordered(s.Orders.AsEnumerable(), OrderV2.From),
        Ordered(s.VenueOrders.AsEnumerable(), id => id),
        Ordered(s.Marks.AsEnumerable(), mark => mark),
        s.Dedup.Ids().ToArray(),
        s.FillsRoutedByState,
        s.Forgotten.Ids().ToArray());

    /// <summary>The state; a document whose parts contradict each other is refused (<see cref="DocumentError"/>).</summary>
    public KernelState ToState() => new(
        Config.ToState(),
        EventSeq,
        LastEventMs,
        Account.ToState(),
        new Arr<Slot>(Slots.Select(s => s.ToState())),
        TradeMap.Empty.AddRange(Keyed(Trades, "trades", t => t.TradeId, "trade_id").Select(p => (p.Key, p.Value.ToState()))),
        OrderMap.Empty.AddRange(Keyed(Orders, "orders", o => o.ClientOrderId, "client_order_id").Select(p => (p.Key, p.Value.ToState()))),
        Map<long, string>.Empty.AddRange(VenueOrders.Select(p => (p.Key, p.Value))),
        MarkMap.Empty.AddRange(Marks.Select(p => (p.Key, p.Value))),
        DedupMemory.Of(Dedup, out var repeated) ?? throw new DocumentError(string.Create(CultureInfo.InvariantCulture, $"dedup holds \"{repeated}\" twice")),
        FillsRoutedByState)
    {
        Forgotten = DedupMemory.Of(Forgotten, out var again) ?? throw new DocumentError(string.Create(CultureInfo.InvariantCulture, $"forgotten holds \"{again}\" twice")),
    };

    // A Dictionary enumerates in insertion order (nothing is ever removed from these): the map's key order.
    private static Dictionary<K, D> Ordered<K, V, D>(IEnumerable<(K Key, V Value)> pairs, Func<V, D> of) where K : notnull
    {
        var result = new Dictionary<K, D>();
        foreach (var (key, value) in pairs) result.Add(key, of(value));
        return result;
    }

    // An entry's key is its id: a document where they differ would restore a trade under another trade's name.
    private static Dictionary<string, V> Keyed<V>(Dictionary<string, V> map, string name, Func<V, string> id, string field)
    {
        foreach (var (key, value) in map)
            if (id(value) != key) throw new DocumentError(string.Create(CultureInfo.InvariantCulture, $"{name}[\"{key}\"].{field} is \"{id(value)}\", its key says \"{key}\""));
        return map;
    }
}

/// <summary>A document that is well-formed JSON of the right shape but says something the state cannot be.</summary>
internal sealed class DocumentError(string message) : Exception(message);
