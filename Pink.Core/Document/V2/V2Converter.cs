using System.Text.Json.Nodes;

namespace Pink.Core;

/// <summary>
/// Version 2 documents (and converted version 1 ones) into version 3: the builds that wrote them never forgot a trade,
/// so nothing is forgotten (<c>forgotten</c> empty) and the window has this build's default size. Only these two fields
/// are added (a version 2 document that has them is refused); everything else is left to the strict reader, so a damaged version 2 document is
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
        return s;
    }
}
