using System.CommandLine;
using Pink.Shell.Commands;

namespace Pink.Shell.Venue;

/// <summary>`venue-check [--venue vst|live|rest=URL,ws=URL]`: the read-only <see cref="VenueProbe"/> with keys from the environment.</summary>
public static class VenueCheckCommand
{
    public const string Description = """
        Read-only check of a BingX venue: clock, balance, positions, listenKey, stream Ping.

        Read-only check of a BingX venue with keys from PINK_BINGX_API_KEY / PINK_BINGX_API_SECRET: server clock offset,
        balance, positions, a listenKey, a user-stream connection that must see and answer a Ping. Places no order.
        The venue is --venue vst (default), live or rest=URL,ws=URL, or --venue-url/--ws-url (e.g. `pink simulator`).
        Exit code 0 when every step passed, 1 when one failed (it is named), 2 usage, 3 keys missing, 4 the venue cannot be
        reached, 5 it refused the key or signature.
        """;

    public static Command Create(Func<string, string?> environment)
    {
        var venueName = new Option<string>("--venue") { Description = "vst, live or rest=URL,ws=URL", HelpName = "vst|live|rest=URL,ws=URL", DefaultValueFactory = _ => "vst" };
        venueName.Validators.Add(r =>
        {
            try { BingxVenueOptions.FromName(r.GetValueOrDefault<string>()); }
            catch (Exception ex) when (ex is ArgumentException or UriFormatException) { r.AddError(ex.Message); }
        });
        var venueUrl = CommonOptions.VenueUrl("a BingX-compatible venue (instead of --venue)");
        var wsUrl = CommonOptions.WsUrl();
        var command = new Command("venue-check", Description) { venueName, venueUrl, wsUrl };
        command.Validators.Add(r =>
        {
            if ((r.GetValue(venueUrl) is null) != (r.GetValue(wsUrl) is null)) r.AddError("--venue-url and --ws-url go together");
        });
        command.SetAction(async (result, ct) =>
        {
            var venue = result.GetValue(venueUrl) is Uri rest
                ? new BingxVenueOptions(rest, result.GetValue(wsUrl)!)
                : BingxVenueOptions.FromName(result.GetValue(venueName)!);
            var credentials = BingxCredentials.FromEnvironment(environment) ?? throw Settings.MissingKeys();
            result.Out().WriteLine($"venue-check: {venue.RestBaseUrl} with key {credentials.MaskedKey}");
            return await VenueProbe.RunAsync(venue, credentials, result.Out());
        });
        return command;
    }
}
