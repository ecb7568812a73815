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
            var options = new ClickHouseSinkOptions(spool, BatchRows: 200, FlushInterval: TimeSpan.FromMilliseconds(10),
                Log: line => Say($"LOG {line}"),
                FaultPoint: point =>
                {
                    if (fault.Length != 2 || point != fault[0] || Interlocked.Increment(ref seen) != int.Parse(fault[1], System.Globalization.CultureInfo.InvariantCulture)) return;
                    Say($"PAUSED {point}");
                    Thread.Sleep(Timeout.Infinite);
                });
            var rows = KernelRows.RoundTrips(trades);
            var sink = ClickHouseRowSink.Start(target, options);
            const int chunk = 150;
            for (var i = 0; i < rows.Count; i += chunk)
            {
                foreach (var row in rows.Skip(i).Take(chunk)) sink.Write(row);
                sink.FlushAsync().GetAwaiter().GetResult();
                Say($"DURABLE {Math.Min(rows.Count, i + chunk)}");
            }
            Say("ALL-DURABLE");
            Thread.Sleep(Timeout.Infinite);
            return 0;
        }

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
