using System.Net;
using System.Net.Sockets;

namespace Pink.Shell.Simulator.Http;

/// <summary>
/// An HttpListener on 127.0.0.1 only. Port 0 asks the OS for a free port (HttpListener cannot, so a loopback socket
/// is bound to port 0 first and its port reused). Tracks in-flight handlers so stopping waits for them.
/// </summary>
internal sealed class HttpHost : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<HttpListenerContext, Task> _handle;
    private readonly HashSet<Task> _inFlight = [];
    private readonly Task _accept;

    public int Port { get; }

    private HttpHost(HttpListener listener, int port, Func<HttpListenerContext, Task> handle)
    {
        _listener = listener;
        _handle = handle;
        Port = port;
        _accept = AcceptLoopAsync();
    }

    public static HttpHost Start(int port, Func<HttpListenerContext, Task> handle)
    {
        for (var attempt = 0; ; attempt++)
        {
            var chosen = port != 0 ? port : FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{chosen}/");
            try
            {
                listener.Start();
                return new HttpHost(listener, chosen, handle);
            }
            catch (HttpListenerException) when (port == 0 && attempt < 10)
            {
                listener.Close(); // another process took the port between probe and bind: probe again
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task AcceptLoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }
            Track(Task.Run(() => HandleSafelyAsync(context)));
        }
    }

    private async Task HandleSafelyAsync(HttpListenerContext context)
    {
        try
        {
            await _handle(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // the client went away mid-answer
        }
    }

    private void Track(Task task)
    {
        lock (_inFlight) _inFlight.Add(task);
        task.ContinueWith(t => { lock (_inFlight) _inFlight.Remove(t); }, TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _accept.ConfigureAwait(false);
        Task[] pending;
        lock (_inFlight) pending = _inFlight.ToArray();
        await Task.WhenAny(Task.WhenAll(pending), Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        try
        {
            _listener.Close();
        }
        catch (HttpListenerException)
        {
            // The managed HttpListener looks the stopped port up again while closing and may try to bind it: when
            // another process has taken the port since Stop, that fails with "address in use". Stop already released
            // everything this host held, so there is nothing left to close.
        }
    }
}
