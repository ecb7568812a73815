using Pink.Core;

namespace Pink.Shell.Publishing;

/// <summary>
/// Where the one account snapshot goes (MISSION.md rule 12, §7). <see cref="Publish"/> never blocks the run
/// loop: an implementation that talks to the network hands the snapshot to a background sender, and a newer
/// snapshot replaces an older one that has not been sent yet. A snapshot whose event_seq is not above the last
/// one offered is ignored, so readers never see the account go back in time.
/// </summary>
public interface ISnapshotPublisher : IAsyncDisposable
{
    /// <summary>Offers the newest snapshot; returns at once.</summary>
    void Publish(AccountSnapshot snapshot);

    /// <summary>What has been published, superseded and is still pending, and the last error.</summary>
    PublisherStatus Status { get; }
}
