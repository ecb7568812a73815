namespace Pink.Shell.Venue;

/// <summary>
/// The listenKey lifecycle of the user stream: create (a bare `{"listenKey":...}`), extend (every 30 minutes; a key
/// lives 60), delete. Signed, which the venue accepts and which proves the key pair works before a stream is opened.
/// </summary>
public sealed partial class BingxApi
{
    /// <summary>Creates a listenKey.</summary>
    public async Task<string> CreateListenKeyAsync(CancellationToken ct = default)
    {
        var response = await Rest.SendAsync(new RestRequest(HttpMethod.Post, BingxPaths.ListenKey, new BingxParameters()), ct)
            .ConfigureAwait(false);
        return VenueJson.Text(response.Data, "listenKey") is { Length: > 0 } key
            ? key
            : throw new BingxApiException("POST", BingxPaths.ListenKey, 0, response.Exchange.HttpStatus, "no listenKey in answer", "");
    }

    /// <summary>Extends a listenKey to 60 minutes from now. A 404 (unknown or expired key) raises <see cref="BingxApiException"/>.</summary>
    public Task<BingxResponse> ExtendListenKeyAsync(string listenKey, CancellationToken ct = default) =>
        Rest.SendAsync(new RestRequest(HttpMethod.Put, BingxPaths.ListenKey, new BingxParameters().Set("listenKey", listenKey)), ct);

    /// <summary>Deletes a listenKey.</summary>
    public Task<BingxResponse> DeleteListenKeyAsync(string listenKey, CancellationToken ct = default) =>
        Rest.SendAsync(new RestRequest(HttpMethod.Delete, BingxPaths.ListenKey, new BingxParameters().Set("listenKey", listenKey)), ct);
}
