namespace Pink.Shell.Hazelcast;

/// <summary>The uint16 flags of a frame (hazelcast-client-protocol binary/constants.py).</summary>
public static class FrameFlags
{
    /// <summary>No flag.</summary>
    public const ushort None = 0;
    /// <summary>First fragment of a fragmented message.</summary>
    public const ushort BeginFragment = 1 << 15;
    /// <summary>Last fragment of a fragmented message.</summary>
    public const ushort EndFragment = 1 << 14;
    /// <summary>Both fragment flags: the initial frame of a message that travels whole.</summary>
    public const ushort Unfragmented = BeginFragment | EndFragment;
    /// <summary>Last frame of a message.</summary>
    public const ushort IsFinal = 1 << 13;
    /// <summary>Opens a nested structure (custom type, list, map).</summary>
    public const ushort BeginDataStructure = 1 << 12;
    /// <summary>Closes a nested structure.</summary>
    public const ushort EndDataStructure = 1 << 11;
    /// <summary>A null value of a nullable parameter.</summary>
    public const ushort IsNull = 1 << 10;
    /// <summary>The message is an event, not a response.</summary>
    public const ushort IsEvent = 1 << 9;
    /// <summary>A backup acknowledgement event (smart clients only).</summary>
    public const ushort BackupEvent = 1 << 7;
}
