using Pink.Core;

namespace Pink.Shell.Runner;

/// <summary>Holds the newest published snapshot (one reference swap: readers never see half of one).</summary>
public sealed class LatestSnapshotOutlet : ISnapshotOutlet
{
    private AccountSnapshot? _latest;
    public AccountSnapshot? Latest => Volatile.Read(ref _latest);
    public void Publish(AccountSnapshot snapshot) => Volatile.Write(ref _latest, snapshot);
}
