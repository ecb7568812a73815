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

    /// <summary>One order's state, when the kernel asks (the venue reported it without its figures). A venue that cannot
    /// be asked answers nothing: the next reconciliation finds the order.</summary>
    Task<IReadOnlyList<RestRecord>> QueryOrderAsync(QueryOrder query, CancellationToken ct) => Task.FromResult<IReadOnlyList<RestRecord>>([]);

    /// <summary>Balance, positions and the orders the kernel still considers working: what a start must know.</summary>
    Task<IReadOnlyList<RestRecord>> ReconcileAsync(KernelState state, CancellationToken ct);
}
