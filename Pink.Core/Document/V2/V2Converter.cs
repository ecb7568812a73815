using System.Text.Json.Nodes;

namespace Pink.Core;

/// <summary>
/// Version 2 documents (and converted version 1 ones) into version 3: the builds that wrote them never forgot a trade,
/// so nothing is forgotten (<c>forgotten</c> empty), the window has this build's default size, and no order awaits an
/// `rp` (<c>awaited_settlements</c> 0). Only these fields are added (a version 2 document that has them is refused); everything else is left to the strict reader, so a damaged version 2 document is
/// refused exactly as before.
/// </summary>
internal static class V2Converter
{
    public static JsonNode ToV3(JsonNode state)
    {
        if (state is not JsonObject s) return state; // the strict reader reports it
        if (s.ContainsKey("forgotten")) throw new DocumentError("forgotten is not a field of a version 2 document");
        s["forgotten"] = new JsonArray();
        if (s["config"] is JsonObject config)
        {
            if (config.ContainsKey("forgotten_memory")) throw new DocumentError("config.forgotten_memory is not a field of a version 2 document");
            config["forgotten_memory"] = new KernelConfig().ForgottenMemory;
        }
        // Those builds did not count the fills still awaiting their settlement: none is taken as awaited (an exit order
        // without any rp, and a price-less leg still unrepaired, keep their trade on their own, see Forgetting).
        if (s["orders"] is JsonObject orders)
            foreach (var (_, order) in orders)
                if (order is JsonObject o)
                {
                    if (o.ContainsKey("awaited_settlements")) throw new DocumentError("orders[].awaited_settlements is not a field of a version 2 document");
                    o["awaited_settlements"] = 0;
                    if (o.ContainsKey("provisional")) throw new DocumentError("orders[].provisional is not a field of a version 2 document");
                    o["provisional"] = false;
                }
        return s;
    }
}
