using Pink.Core;
using Pink.Shell.Recording;

namespace Pink.Shell.Runner;

/// <summary>
/// The venue as the run loop needs it. Every call returns the REST exchanges it made, in order, as records, which the
/// loop records and feeds back through the adapter before its next input: the venue's answers reach the kernel only as
/// recorded inputs, so replay reproduces the ledger.
/// </summary>
public interface IVenue
{
    Task<IReadOnlyList<RestRecord>> PlaceOrderAsync(PlaceOrder order, CancellationToken ct);
    Task<IReadOnlyList<RestRecord>> CancelOrderAsync(CancelOrder cancel, CancellationToken ct);

    /// <summary>Balance, positions and the orders the kernel still considers working: what a start must know.</summary>
    Task<IReadOnlyList<RestRecord>> ReconcileAsync(KernelState state, CancellationToken ct);
}

/// <summary>Where rows go (the ClickHouse sink, or a local file sink).</summary>
public interface IRowWriter
{
    void Write(Row row);
    Task FlushAsync(CancellationToken ct);
    /// <summary>Rows accepted but not yet acknowledged by the store.</summary>
    long Pending { get; }
}

/// <summary>Where the published snapshot goes (Hazelcast, or in-process).</summary>
public interface ISnapshotOutlet
{
    void Publish(AccountSnapshot snapshot);
}
