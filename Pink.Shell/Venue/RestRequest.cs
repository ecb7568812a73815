namespace Pink.Shell.Venue;

/// <summary>One REST call before signing.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path below the base URL.</param>
/// <param name="Params">Parameters (timestamp, recvWindow and signature are added per attempt).</param>
/// <param name="Signed">Whether to sign (and send the API key).</param>
/// <param name="Repeatable">
/// False for requests that must not be sent twice when their outcome is unknown (placing an order): a lost answer or
/// a server error then raises <see cref="BingxOutcomeUnknownException"/> instead of retrying.
/// </param>
public sealed record RestRequest(HttpMethod Method, string Path, BingxParameters Params, bool Signed = true, bool Repeatable = true)
{
    /// <summary>"METHOD path" for messages.</summary>
    public override string ToString() => $"{Method.Method} {Path}";
}
