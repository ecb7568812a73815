using System.Diagnostics.Metrics;

namespace Pink.Shell.Metrics;

/// <summary>
/// The run's observable gauges (meter "Pink.Run"), read from a <see cref="RunProbe"/> whenever an exporter collects.
/// One meter per run, disposed with it: a finished run's gauges stop reporting instead of repeating its last values.
/// </summary>
public sealed class RunGauges : IDisposable
{
    public const string MeterName = "Pink.Run";
    private readonly Meter _meter = new(MeterName, "1.0");

    public RunGauges(RunProbe probe)
    {
        Gauge(probe, "pink.capital", "{USDT}", "Published capital (the kernel's; anchored to the wallet)", s => (double)s.Capital);
        Gauge(probe, "pink.wallet", "{USDT}", "The last wallet balance the kernel accepted (E-ledger)", s => (double)s.Wallet);
        Gauge(probe, "pink.capital_wallet_gap", "{USDT}", "|capital - wallet|: the fills bridged into capital that no wallet report holds yet", s => (double)s.CapitalWalletGap);
        Gauge(probe, "pink.equity", "{USDT}", "Capital plus unrealized PnL", s => (double)s.Equity);
        Gauge(probe, "pink.open_slots", "{slot}", "Slots holding quantity", s => s.OpenSlots);
        Gauge(probe, "pink.rows_pending", "{row}", "Rows not yet delivered to ClickHouse (in memory or spooled)", s => s.RowsPending);
        Gauge(probe, "pink.spool.size", "By", "Bytes the row spool holds on disk", s => s.SpoolBytes);
        Gauge(probe, "pink.event_seq", "{event}", "The kernel's event sequence number", s => s.EventSeq);
        Gauge(probe, "pink.entries_blocked", "{flag}", "1 while entries are refused after a ledger divergence", s => s.EntriesBlocked ? 1 : 0);
        _meter.CreateObservableGauge<double>("pink.last_anchor.age", () => probe.Read() is { LastAnchorAgeSeconds: double age } ? [new Measurement<double>(age)] : [],
            "s", "Seconds since the event time of the last wallet anchor applied (absent before the first)");
    }

    // Metrics are doubles by nature (OpenTelemetry); the ledger's exact figures are in the rows and the snapshot.
    private void Gauge(RunProbe probe, string name, string unit, string description, Func<RunStatus, double> value) =>
        _meter.CreateObservableGauge<double>(name, () => probe.Read() is RunStatus s ? [new Measurement<double>(value(s))] : [], unit, description);

    // Metrics are doubles by nature (OpenTelemetry); the ledger's exact figures are in the rows and the snapshot.
    private void Gauge(RunProbe probe, string name, string unit, string description, Func<RunStatus, long> value) =>
        _meter.CreateObservableGauge<long>(name, () => probe.Read() is RunStatus s ? [new Measurement<long>(value(s))] : [], unit, description);

    public void Dispose() => _meter.Dispose();
}
