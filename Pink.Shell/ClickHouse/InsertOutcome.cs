using ClickHouse.Driver;

namespace Pink.Shell.ClickHouse;

/// <summary>How an insert ended.</summary>
internal enum InsertResult
{
    /// <summary>The server acknowledged the rows (they are stored, or recognised as a retry of stored ones).</summary>
    Acknowledged,
    /// <summary>No usable answer (connection refused, timeout, server busy or shutting down): retry later, same batch.</summary>
    Unreachable,
    /// <summary>The server refused the insert for a reason that is not about particular rows (missing table, access).</summary>
    TableRejected,
    /// <summary>The server (or the encoder) refused the data itself: some row in it is poison.</summary>
    RowsRejected,
}

/// <summary>An insert's result with the server's own words.</summary>
internal sealed record InsertOutcome(InsertResult Result, string? Message = null)
{
    public static readonly InsertOutcome Ok = new(InsertResult.Acknowledged);

    // Server error codes that say "not now" rather than "not this": retried as an outage, never poison.
    private static readonly HashSet<int> Transient =
    [
        3, 32, 159, 164, 202, 209, 210, 236, 241, 242, 252, 285, 319, 341, 394, 425, 439, 999, 1000, 1001,
    ];

    // Codes that refuse every row of the table alike: parking the group beats isolating rows one by one.
    private static readonly HashSet<int> TableLevel = [16, 47, 60, 81, 192, 193, 194, 497, 516];

    /// <summary>True when <paramref name="ex"/> (from any request, an insert or DDL) means the server is away rather than refusing.</summary>
    public static bool IsUnreachable(Exception ex) => From(ex).Result == InsertResult.Unreachable;

    /// <summary>Classify what an insert threw.</summary>
    public static InsertOutcome From(Exception ex) => ex switch
    {
        ClickHouseServerException server when Transient.Contains(server.ErrorCode) => new(InsertResult.Unreachable, server.Message),
        ClickHouseServerException server when TableLevel.Contains(server.ErrorCode) => new(InsertResult.TableRejected, server.Message),
        ClickHouseServerException server => new(InsertResult.RowsRejected, server.Message),
        HttpRequestException or IOException or TimeoutException or OperationCanceledException or System.Net.Sockets.SocketException
            => new(InsertResult.Unreachable, $"{ex.GetType().Name}: {ex.Message}"),
        // Anything else came from encoding the rows on this side (a value the column type cannot hold).
        _ => new(InsertResult.RowsRejected, $"{ex.GetType().Name}: {ex.Message}"),
    };
}
