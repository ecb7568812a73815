using System.Net.Sockets;
using System.Net.WebSockets;
using Pink.Shell.Venue;

namespace Pink.Shell.Commands;

/// <summary>
/// Turns what a venue call threw into a <see cref="CommandFailure"/> with its own exit code and one line of text:
/// a supervisor retries an unreachable venue but not a refused key, and neither needs a stack trace to decide.
/// </summary>
public static class VenueFailures
{
    /// <summary>The failure for <paramref name="error"/> raised while talking to <paramref name="venue"/>; null when it is not a venue failure.</summary>
    public static CommandFailure? Classify(Exception error, Uri venue)
    {
        foreach (var e in Chain(error))
        {
            switch (e)
            {
                case BingxApiException api when api.Kind is BingxErrorKind.SignatureFailed or BingxErrorKind.SignatureMissing
                    or BingxErrorKind.BadApiKey or BingxErrorKind.NoPermission or BingxErrorKind.IpNotWhitelisted:
                    return new CommandFailure(ExitCodes.KeyRefused,
                        $"the venue {venue} refused the key or signature ({api.Kind}, code {api.Code}: {api.VenueMessage}); check {BingxCredentials.ApiKeyVariable} and {BingxCredentials.ApiSecretVariable}", error);
                case BingxApiException api when api.Kind is BingxErrorKind.ServerError or BingxErrorKind.RateLimited:
                    return Unreachable(venue, $"{api.Kind}: {api.VenueMessage}", error);
                case HttpRequestException or SocketException or WebSocketException or TimeoutException:
                    return Unreachable(venue, e.Message, error);
            }
        }
        return null;
    }

    /// <summary>Runs <paramref name="work"/>, classifying what it throws; a cancellation of <paramref name="ct"/> passes through.</summary>
    public static async Task<T> Guard<T>(Uri venue, Func<Task<T>> work, CancellationToken ct)
    {
        try
        {
            return await work();
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested) && Classify(ex, venue) is { } failure)
        {
            throw failure;
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            // HttpClient reports its own timeout as a cancellation.
            throw Unreachable(venue, "no answer in time", ex);
        }
    }

    private static CommandFailure Unreachable(Uri venue, string why, Exception error) =>
        new(ExitCodes.VenueUnreachable, $"the venue {venue} cannot be reached ({why})", error);

    private static IEnumerable<Exception> Chain(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException all)
                foreach (var inner in all.InnerExceptions.SelectMany(Chain)) yield return inner;
        }
    }
}
