using System.Collections.Concurrent;
using System.Diagnostics;
using Pink.Shell.Hazelcast;
using Pink.Shell.Publishing;

namespace Pink.Tests.Hazelcast;

/// <summary>The Hazelcast snapshot publisher against scripted peers: latest wins, never blocks, reconnects, pings.</summary>
public class HazelcastPublisherTests
{
    private static readonly Backoff Fast = new(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5));

    private static HazelcastPublisherOptions Options(HzAddress address) =>
        new(new HazelcastClientOptions(address, "pink-test") { InvocationTimeout = TimeSpan.FromHours(1) }, "pink") { Backoff = Fast };

    [Fact]
    public async Task Sets_the_snapshot_as_json_under_the_namespaced_key_and_verifies_it_with_get()
    {
        await using var peer = new ScriptedPeer(VectorReplies.Storing());
        var publisher = new HazelcastSnapshotPublisher(Options(peer.Address));
        await using (publisher)
        {
            var snapshot = Snapshots.At(5);
            publisher.Publish(snapshot);
            await Eventually.Until(() => publisher.Status.LastSentEventSeq == 5, () => publisher.Status.ToString());

            var key = HzSerializer.String("pink:account");
            var value = HzSerializer.JsonUtf8(SnapshotJson.ToUtf8(snapshot));
            var set = Assert.Single(peer.OfType(MessageTypes.MapSet));
            var expected = MapSetCodec.EncodeRequest("pink_account_snapshot", key, value, 1, -1);
            expected.CorrelationId = set.Message.CorrelationId;
            expected.PartitionId = Partitioning.IdOf(key, Reference.Int);
            Assert.Equal(Convert.ToHexString(WireFormat.ToBytes(expected)), Convert.ToHexString(set.Bytes));
            Assert.Equal(HzSerializer.JsonTypeId, HzData.FromBytes(set.Message.Frames[3].Content).TypeId);
            var get = Assert.Single(peer.OfType(MessageTypes.MapGet));
            Assert.Equal(key.ToArray(), get.Message.Frames[2].Content);

            var status = publisher.Status;
            Assert.True(status.Connected);
            Assert.Equal((1, 1, 0, 0, 1), (status.Offered, status.Published, status.Superseded, status.StaleIgnored, status.Connects));
            Assert.Null(status.PendingEventSeq);
            Assert.Null(status.LastError);
            Assert.Contains("pink_account_snapshot", status.Target);
        }
    }

    [Fact]
    public async Task With_no_cluster_each_snapshot_supersedes_the_unsent_one_and_publish_never_blocks()
    {
        var publisher = new HazelcastSnapshotPublisher(Options(new HzAddress("127.0.0.1", ClientSocketTests.FreePort())));
        await using (publisher)
        {
            for (var seq = 1; seq <= 10_000; seq++) publisher.Publish(Snapshots.At(seq));
            await Eventually.Until(() => publisher.Status.LastError is not null, () => publisher.Status.ToString());

            var status = publisher.Status;
            Assert.False(status.Connected);
            Assert.Equal(10_000, status.Offered);
            Assert.Equal(0, status.Published);
            Assert.Equal(9_999, status.Superseded);
            Assert.Equal(10_000, status.PendingEventSeq);
            Assert.Null(status.LastSentEventSeq);
            Assert.Contains("HazelcastConnectionException", status.LastError);
            Assert.True(status.ConsecutiveFailures >= 1);
        }
    }

    [Fact]
    public async Task With_a_cluster_that_never_answers_publish_still_returns_at_once_and_the_newest_waits()
    {
        await using var peer = new ScriptedPeer((_, _) => new PeerAction.Silence());
        var publisher = new HazelcastSnapshotPublisher(Options(peer.Address));
        await using (publisher)
        {
            await peer.WaitForAsync(MessageTypes.ClientAuthentication);
            var watch = Stopwatch.StartNew();
            // The peer never answers: calls that waited on the network would never complete. They all complete, with
            // nothing published — so none waited for an answer.
            var calls = Task.Run(() => { for (var seq = 1; seq <= 100_000; seq++) publisher.Publish(Snapshots.At(seq)); });
            await calls.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(calls.IsCompletedSuccessfully);
            Assert.Equal(0, publisher.Status.Published);
            watch.Stop();
            Console.WriteLine($"measure: 100000 Publish calls against a silent peer took {watch.Elapsed.TotalMilliseconds:0.0} ms");

            var status = publisher.Status;
            Assert.Equal((100_000, 0, 99_999), (status.Offered, status.Published, status.Superseded));
            Assert.Equal(100_000, status.PendingEventSeq);
        }
    }

    [Fact]
    public async Task A_snapshot_not_newer_than_the_last_offered_is_ignored()
    {
        var publisher = new HazelcastSnapshotPublisher(Options(new HzAddress("127.0.0.1", ClientSocketTests.FreePort())));
        await using (publisher)
        {
            publisher.Publish(Snapshots.At(5));
            publisher.Publish(Snapshots.At(3));
            publisher.Publish(Snapshots.At(5));
            var status = publisher.Status;
            Assert.Equal((3, 2, 0), (status.Offered, status.StaleIgnored, status.Superseded));
            Assert.Equal(5, status.PendingEventSeq);
        }
    }

    [Fact]
    public async Task Reconnects_after_the_peer_hangs_up_and_sends_the_snapshot_on_the_new_connection()
    {
        var store = new ConcurrentDictionary<string, byte[]>();
        await using var peer = new ScriptedPeer((r, connection) => connection == 0 && r.MessageType == MessageTypes.MapSet
            ? new PeerAction.Hangup()
            : new PeerAction.Send(VectorReplies.Answer(r, store)));
        var publisher = new HazelcastSnapshotPublisher(Options(peer.Address));
        await using (publisher)
        {
            publisher.Publish(Snapshots.At(7));
            await Eventually.Until(() => publisher.Status.LastSentEventSeq == 7, () => publisher.Status.ToString());

            var status = publisher.Status;
            Assert.Equal(2, status.Connects);
            Assert.Equal(2, peer.Connections);
            Assert.Equal([true, true], peer.Headers);
            Assert.Equal(2, peer.OfType(MessageTypes.ClientAuthentication).Count());
            Assert.Equal([0, 1], peer.OfType(MessageTypes.MapSet).Select(r => r.Connection));
            Assert.Contains("closed", status.LastError);
            Assert.Equal(0, status.ConsecutiveFailures);
            Assert.Equal(1, status.Published);
        }
    }

    [Fact]
    public async Task A_connection_lost_while_idle_is_a_failure_and_is_replaced_before_the_next_send()
    {
        var store = new ConcurrentDictionary<string, byte[]>();
        await using var peer = new ScriptedPeer((r, connection) => connection == 0
            ? new PeerAction.Hangup(VectorReplies.Authentication(r))
            : new PeerAction.Send(VectorReplies.Answer(r, store)));
        var publisher = new HazelcastSnapshotPublisher(Options(peer.Address));
        await using (publisher)
        {
            await Eventually.Until(() => publisher.Status.Connects == 1 && !publisher.Status.Connected, () => publisher.Status.ToString());
            publisher.Publish(Snapshots.At(3));
            await Eventually.Until(() => publisher.Status.LastSentEventSeq == 3, () => publisher.Status.ToString());

            var status = publisher.Status;
            Assert.Equal(2, status.Connects);
            Assert.Contains("lost while idle", status.LastError);
            Assert.Equal([1], peer.OfType(MessageTypes.MapSet).Select(r => r.Connection));
        }
    }

    [Fact]
    public async Task A_member_error_is_reported_in_the_status_and_retried_on_the_same_connection()
    {
        var store = new ConcurrentDictionary<string, byte[]>();
        var refusals = 0;
        await using var peer = new ScriptedPeer((r, _) => r.MessageType == MessageTypes.MapSet && Interlocked.Increment(ref refusals) == 1
            ? new PeerAction.Send(ErrorsCodec.Encode([new ErrorHolder(ErrorCodes.PartitionMigrating, "com.hazelcast.spi.exception.PartitionMigratingException", "migrating", [])], r.CorrelationId))
            : new PeerAction.Send(VectorReplies.Answer(r, store)));
        var publisher = new HazelcastSnapshotPublisher(Options(peer.Address));
        await using (publisher)
        {
            publisher.Publish(Snapshots.At(9));
            await Eventually.Until(() => publisher.Status.LastSentEventSeq == 9, () => publisher.Status.ToString());

            var status = publisher.Status;
            Assert.Equal(1, status.Connects);
            Assert.Equal(2, peer.OfType(MessageTypes.MapSet).Count());
            Assert.Contains("PARTITION_MIGRATING", status.LastError);
            Assert.Contains("PartitionMigratingException", status.LastError);
        }
    }

    [Fact]
    public async Task A_read_back_that_differs_is_an_error_and_the_snapshot_is_retried()
    {
        await using var peer = new ScriptedPeer((r, _) => new PeerAction.Send(r.MessageType == MessageTypes.MapGet
            ? VectorReplies.Reply(r, MessageTypes.MapGetResponse)
            : VectorReplies.Answer(r, new ConcurrentDictionary<string, byte[]>())));
        var publisher = new HazelcastSnapshotPublisher(Options(peer.Address));
        await using (publisher)
        {
            publisher.Publish(Snapshots.At(11));
            await Eventually.Until(() => publisher.Status.ConsecutiveFailures >= 2, () => publisher.Status.ToString());

            var status = publisher.Status;
            Assert.Equal(0, status.Published);
            Assert.Contains("SnapshotVerificationException", status.LastError);
            Assert.Contains("differs", status.LastError);
            Assert.True(peer.OfType(MessageTypes.MapSet).Count() >= 2);
            Assert.Equal(1, status.Connects);
        }
    }

    [Fact]
    public async Task An_idle_publisher_pings()
    {
        await using var peer = new ScriptedPeer(VectorReplies.Storing());
        var publisher = new HazelcastSnapshotPublisher(Options(peer.Address) with { PingInterval = TimeSpan.FromMilliseconds(20) });
        await using (publisher)
        {
            var pings = await peer.WaitForAsync(MessageTypes.ClientPing, 2);
            await Eventually.Until(() => publisher.Status.Pings >= 2, () => publisher.Status.ToString());

            var expected = ClientPingCodec.EncodeRequest();
            expected.CorrelationId = pings[0].Message.CorrelationId;
            Assert.Equal(WireFormat.ToBytes(expected), pings[0].Bytes);
            Assert.Empty(peer.OfType(MessageTypes.MapSet));
        }
    }

    [Theory]
    [InlineData("pink", "pink_BLUE_account")]
    [InlineData("pink", "pink_prodgreen_account")]
    [InlineData("pink", "dolphin_account")]
    [InlineData("pink", "")]
    [InlineData("", "pink_account")]
    public void Maps_outside_the_namespace_or_of_BLUE_and_PRODGREEN_stacks_are_refused(string ns, string map)
    {
        var options = Options(new HzAddress("127.0.0.1", 5701)) with { Namespace = ns, Map = map };
        var e = Assert.Throws<ArgumentException>(() => new HazelcastSnapshotPublisher(options));
        Assert.Contains("refused", e.Message);
    }

    [Fact]
    public void The_default_map_and_key_are_namespaced()
    {
        var options = new HazelcastPublisherOptions(new HazelcastClientOptions(new HzAddress("h", 1), "c"), "pink_canary");
        Assert.Equal("pink_canary_account_snapshot", options.Map);
        Assert.Equal("pink_canary:account", options.Key);
    }

    [Fact]
    public async Task Publish_after_dispose_is_refused()
    {
        var publisher = new HazelcastSnapshotPublisher(Options(new HzAddress("127.0.0.1", ClientSocketTests.FreePort())));
        await publisher.DisposeAsync();
        Assert.Throws<ObjectDisposedException>(() => publisher.Publish(Snapshots.At(1)));
    }
}
