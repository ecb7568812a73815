namespace Pink.Shell.Venue;

/// <summary>
/// `venue-check [--venue vst|live|rest=URL,ws=URL]`: the read-only <see cref="VenueProbe"/> with keys from the
/// environment. Wiring it into the CLI is one line: `case "venue-check": return Venue.VenueCheckCommand.Run(rest, stdout, stderr);`.
/// </summary>
public static class VenueCheckCommand
{
    /// <summary>Usage line.</summary>
    public const string Usage = "venue-check [--venue vst|live|rest=URL,ws=URL]   read-only check of a venue with keys from PINK_BINGX_API_KEY / PINK_BINGX_API_SECRET";

    /// <summary>Runs the command; 0 when every step passed, 1 when one failed, 2 on misuse.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, Func<string, string?>? environment = null)
    {
        var venueName = "vst";
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--venue" && i + 1 < args.Length) venueName = args[++i];
            else
            {
                stderr.WriteLine($"venue-check: unknown argument '{args[i]}'\nusage: pink {Usage}");
                return 2;
            }
        }
        BingxVenueOptions venue;
        try
        {
            venue = BingxVenueOptions.FromName(venueName);
        }
        catch (Exception ex) when (ex is ArgumentException or UriFormatException)
        {
            stderr.WriteLine($"venue-check: {ex.Message}");
            return 2;
        }
        if (BingxCredentials.FromEnvironment(environment) is not BingxCredentials credentials)
        {
            stderr.WriteLine($"venue-check: set {BingxCredentials.ApiKeyVariable} and {BingxCredentials.ApiSecretVariable} in the environment");
            return 2;
        }
        stdout.WriteLine($"venue-check: {venue.RestBaseUrl} with key {credentials.MaskedKey}");
        return VenueProbe.RunAsync(venue, credentials, stdout).GetAwaiter().GetResult();
    }
}
