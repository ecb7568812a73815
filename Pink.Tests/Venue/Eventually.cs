namespace Pink.Tests.Venue;

/// <summary>
/// Waits for a condition that another thread (a socket, the simulator) makes true. Nothing is timed: the deadline is
/// only a safety net against a hang, and it fails the test with what was awaited.
/// </summary>
public static class Eventually
{
    public static async Task True(Func<bool> condition, string what, int safetySeconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(safetySeconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"never happened: {what}");
            await Task.Delay(10);
        }
    }
}
