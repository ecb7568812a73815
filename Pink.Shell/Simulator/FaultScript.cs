namespace Pink.Shell.Simulator;

/// <summary>
/// The scripted faults the simulator's parts consult (set through <see cref="BingxSimulator"/>'s methods).
/// Every switch is one-shot or explicitly cleared, so a test states exactly what goes wrong and when.
/// </summary>
internal sealed class FaultScript
{
    private readonly object _lock = new();
    private readonly List<ScriptedError> _errors = [];
    private int _lostAcks;
    private int _duplicates;
    private TaskCompletionSource? _ackGate;
    private PartialFill? _partialFill;
    private bool _silentTriggers;

    /// <summary>A MARKET order's `p` becomes mark × (1 ± this) — the protective bound seen in the FET incident.</summary>
    public decimal? ProtectiveBound { get; set; }

    /// <summary>Partial fills per order, overriding the options while set.</summary>
    public int? FillSlices { get; set; }

    /// <summary>While set, a triggered stop sends no ORDER_TRADE_UPDATE (only its fills' ACCOUNT_UPDATEs).</summary>
    public bool SilentTriggers
    {
        get => Volatile.Read(ref _silentTriggers);
        set => Volatile.Write(ref _silentTriggers, value);
    }

    /// <summary>The next order placed takes this partial fill (replacing one not yet taken).</summary>
    public void PartialFillNext(PartialFill partial)
    {
        lock (_lock) _partialFill = partial;
    }

    /// <summary>The partial fill for the order being placed, consuming it; null when none is scripted.</summary>
    public PartialFill? TakePartialFill()
    {
        lock (_lock)
        {
            var partial = _partialFill;
            _partialFill = null;
            return partial;
        }
    }

    public void RejectNext(ScriptedError error)
    {
        lock (_lock) _errors.Add(error);
    }

    /// <summary>The scripted error for this request, consuming one use; null when none applies.</summary>
    public ScriptedError? TakeError(string method, string path)
    {
        lock (_lock)
        {
            var i = _errors.FindIndex(e => e.Matches(method, path));
            if (i < 0) return null;
            var e = _errors[i];
            if (e.Times <= 1) _errors.RemoveAt(i);
            else _errors[i] = e with { Times = e.Times - 1 };
            return e;
        }
    }

    public void LoseNextAcks(int count)
    {
        lock (_lock) _lostAcks += count;
    }

    public bool TakeLostAck()
    {
        lock (_lock)
        {
            if (_lostAcks <= 0) return false;
            _lostAcks--;
            return true;
        }
    }

    public void DuplicateNext(int count)
    {
        lock (_lock) _duplicates += count;
    }

    public bool TakeDuplicate()
    {
        lock (_lock)
        {
            if (_duplicates <= 0) return false;
            _duplicates--;
            return true;
        }
    }

    public void HoldAcks()
    {
        lock (_lock) _ackGate ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void ReleaseAcks()
    {
        TaskCompletionSource? gate;
        lock (_lock)
        {
            gate = _ackGate;
            _ackGate = null;
        }
        gate?.TrySetResult();
    }

    /// <summary>Completes when acknowledgements may be sent (at once unless held).</summary>
    public Task AckGate()
    {
        lock (_lock) return _ackGate?.Task ?? Task.CompletedTask;
    }
}

/// <summary>An order's first fill event fills only part of it, after which the order stays live.</summary>
/// <param name="Fraction">Part of the order's quantity filled (0 &lt; f &lt; 1; rounded down to the quantity decimals).</param>
/// <param name="WithoutOrderUpdates">That fill sends its ACCOUNT_UPDATEs but no ORDER_TRADE_UPDATE.</param>
internal sealed record PartialFill(decimal Fraction, bool WithoutOrderUpdates);

/// <summary>A scripted error answer for requests matching a method (any when null) and path.</summary>
/// <param name="Method">HTTP method, or null for any.</param>
/// <param name="Path">Exact path.</param>
/// <param name="Code">Envelope code.</param>
/// <param name="Message">Envelope msg.</param>
/// <param name="HttpStatus">HTTP status of the answer.</param>
/// <param name="Times">How many requests get it.</param>
public sealed record ScriptedError(string? Method, string Path, long Code, string Message, int HttpStatus = 200, int Times = 1)
{
    internal bool Matches(string method, string path) =>
        Path == path && (Method is null || Method.Equals(method, StringComparison.OrdinalIgnoreCase));
}
