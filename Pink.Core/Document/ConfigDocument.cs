using System.Text.Json;
using LanguageExt;

namespace Pink.Core;

/// <summary>
/// The kernel configuration on its own, in the state document's form (<c>config</c>): what recordings carry in their
/// header, so a replay folds with the settings the session ran with. Read as strictly as the state document.
/// </summary>
public static class ConfigDocument
{
    /// <summary>The configuration as a JSON object.</summary>
    public static string Write(KernelConfig config) => JsonSerializer.Serialize(ConfigV2.From(config), StateDocument.Options);

    /// <summary>The configuration of a JSON object, or why not (naming the field, e.g. <c>config.slot_count is missing</c>).</summary>
    public static Either<string, KernelConfig> Read(JsonElement config)
    {
        try
        {
            StrictReader.Check(config, typeof(ConfigV2), "config", StateDocument.Options);
            return config.Deserialize<ConfigV2>(StateDocument.Options)!.ToState();
        }
        catch (DocumentError ex) { return ex.Message; }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException) { return string.Create(CultureInfo.InvariantCulture, $"config is unreadable: {ex.Message}"); }
    }
}
