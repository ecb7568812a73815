namespace Pink.Shell.ClickHouse;

/// <summary>
/// When a refused row is reported (seed §4.4): the first refusal, then every 100th attempt after the 1,000th —
/// loud when it starts, then a steady reminder for a row that stays stuck, without flooding the log.
/// </summary>
public static class ReportPolicy
{
    /// <summary>True when attempt number <paramref name="attempt"/> (1-based) is reported.</summary>
    public static bool ShouldReport(int attempt) => attempt == 1 || (attempt > 1000 && attempt % 100 == 0);
}
