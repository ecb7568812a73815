using System.Reflection;

namespace Pink.Core;

/// <summary>Which kernel wrote a checkpoint or a recording: the Pink.Core assembly's informational version.</summary>
public static class KernelVersion
{
    /// <summary>This build's version (with the source revision when the build knew it), e.g. <c>0.2.0+bde8b2b…</c>.</summary>
    public static string Current { get; } =
        typeof(KernelVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
