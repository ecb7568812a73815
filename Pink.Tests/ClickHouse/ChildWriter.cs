using Pink.Shell.ClickHouse;

/// <summary>
/// Lets the crash test run the real writer in a child process it can kill: started as
/// <c>dotnet Pink.Tests.dll</c> with <c>DOTNET_STARTUP_HOOKS</c> naming this assembly and PINK_CH_CHILD_WRITER=1,
/// the runtime calls <see cref="Initialize"/> before the (empty) test-host Main, and the writer runs instead.
/// Unset, it does nothing. (.NET looks for exactly this type name, outside any namespace.)
/// </summary>
internal static class StartupHook
{
    public static void Initialize()
    {
        if (Environment.GetEnvironmentVariable("PINK_CH_CHILD_WRITER") != "1") return;
        Environment.Exit(Pink.Tests.ClickHouse.ChildWriter.Run());
    }
}

namespace Pink.Tests.ClickHouse
{
    /// <summary>
    /// The writer process of the crash test: writes kernel rows in chunks, flushing (making durable) each, and says on
    /// standard output how far it got; with PINK_CH_FAULT=point:n it freezes at the n-th time the delivery protocol
    /// reaches that point, so the parent's SIGKILL lands exactly there. It never exits by itself: it is killed.
    /// Optional: PINK_CH_CHUNK rows per flush (150), PINK_CH_BATCH the sink's BatchRows (200), PINK_CH_IN_FLIGHT flushes
    /// outstanding before the oldest is awaited (1; DURABLE n is said when the flush covering row n completes),
    /// PINK_CH_POISON=1 puts <see cref="PoisonRow"/> in the middle of the rows.
    /// </summary>
    internal static class ChildWriter
    {
        public static int Run()
        {
            var target = ClickHouseTarget.Of(Environment.GetEnvironmentVariable("PINK_CH_URL"), Environment.GetEnvironmentVariable("PINK_CH_DATABASE"));
            var spool = Environment.GetEnvironmentVariable("PINK_CH_SPOOL")!;
            var trades = int.Parse(Environment.GetEnvironmentVariable("PINK_CH_TRADES")!, System.Globalization.CultureInfo.InvariantCulture);
            var fault = (Environment.GetEnvironmentVariable("PINK_CH_FAULT") ?? "").Split(':');
            var seen = 0;
            var chunk = Setting("PINK_CH_CHUNK", 150);
            var inFlight = Setting("PINK_CH_IN_FLIGHT", 1);
            var options = new ClickHouseSinkOptions(spool, BatchRows: Setting("PINK_CH_BATCH", 200), FlushInterval: TimeSpan.FromMilliseconds(10),
                Log: line => Say($"LOG {line}"),
                FaultPoint: point =>
                {
                    if (fault.Length != 2 || point != fault[0] || Interlocked.Increment(ref seen) != int.Parse(fault[1], System.Globalization.CultureInfo.InvariantCulture)) return;
                    Say($"PAUSED {point}");
                    Thread.Sleep(Timeout.Infinite);
                });
            var rows = Rows(trades);
            var sink = ClickHouseRowSink.Start(target, options);
            var flushes = new Queue<(Task Durable, int UpTo)>();
            for (var i = 0; i < rows.Count; i += chunk)
            {
                foreach (var row in rows.Skip(i).Take(chunk)) sink.Write(row);
                flushes.Enqueue((sink.FlushAsync(), Math.Min(rows.Count, i + chunk)));
                while (flushes.Count >= inFlight)
                {
                    var (durable, upTo) = flushes.Dequeue();
                    durable.GetAwaiter().GetResult();
                    Say($"DURABLE {upTo}");
                }
            }
            while (flushes.Count > 0)
            {
                var (durable, upTo) = flushes.Dequeue();
                durable.GetAwaiter().GetResult();
                Say($"DURABLE {upTo}");
            }
            Say("ALL-DURABLE");
            Thread.Sleep(Timeout.Infinite);
            return 0;
        }

        /// <summary>The rows the child writes: kernel round trips, with the poison row in the middle when asked.</summary>
        public static List<Pink.Core.Row> Rows(int trades)
        {
            var rows = KernelRows.RoundTrips(trades);
            if (Environment.GetEnvironmentVariable("PINK_CH_POISON") == "1") rows.Insert(rows.Count / 2, PoisonRow(rows.Max(r => r.AccountEventSeq) + 1));
            return rows;
        }

        /// <summary>A trade row a test database refuses (CHECK symbol != 'POISON-USDT').</summary>
        public static Pink.Core.TradeEventRow PoisonRow(long seq) =>
            new(new DateTime(2026, 6, 11, 12, 0, 0), seq, "T-poison", "open", 1, "POISON-USDT", "LONG", 1, 1, 0, 0, 0, "kernel_estimate", 0, 1, "");

        private static int Setting(string name, int fallback) =>
            int.TryParse(Environment.GetEnvironmentVariable(name), System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : fallback;

        private static void Say(string line)
        {
            lock (typeof(ChildWriter))
            {
                Console.Out.WriteLine(line);
                Console.Out.Flush();
            }
        }
    }
}
