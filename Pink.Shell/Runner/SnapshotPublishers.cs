using Microsoft.Extensions.Logging;
using Pink.Core;
using Pink.Shell.Config;
using Pink.Shell.Hazelcast;
using Pink.Shell.Publishing;

namespace Pink.Shell.Runner;

/// <summary>
/// The runner's snapshot publishing: always in process (the embedded default, readable through the API), and to the
/// configured Hazelcast map as well when a member address is given. Neither ever blocks the loop.
/// </summary>
public static class SnapshotPublishers
{
    public static FanOutPublisher Open(PinkConfig config, ILogger log)
    {
        var local = new InProcessSnapshotPublisher();
        if (config.HazelcastAddress is not string address) return new FanOutPublisher(local);
        var options = new HazelcastPublisherOptions(new HazelcastClientOptions(HzAddress.Parse(address), config.HazelcastCluster), config.Namespace)
        {
            Map = config.SnapshotMap,
        };
        log.LogInformation("snapshots → Hazelcast {Address} map {Map} (and in process)", address, options.Map);
        return new FanOutPublisher(local, new HazelcastSnapshotPublisher(options));
    }
}

/// <summary>Publishes to the in-process publisher and any others; the in-process one is the readable latest.</summary>
public sealed class FanOutPublisher(InProcessSnapshotPublisher local, params ISnapshotPublisher[] others) : ISnapshotPublisher
{
    public InProcessSnapshotPublisher Local => local;
    public IReadOnlyList<ISnapshotPublisher> Others => others;

    public void Publish(AccountSnapshot snapshot)
    {
        local.Publish(snapshot);
        foreach (var p in others) p.Publish(snapshot);
    }

    /// <summary>The remote publisher's status when there is one (its backlog is what an operator watches), else the local one.</summary>
    public PublisherStatus Status => others.Length > 0 ? others[0].Status : local.Status;

    public async ValueTask DisposeAsync()
    {
        foreach (var p in others) await p.DisposeAsync();
        await local.DisposeAsync();
    }
}
