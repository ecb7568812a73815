using System.Diagnostics;
using System.Globalization;
using LanguageExt;
using Pink.Core;
using Pink.Shell.Config;
using Pink.Shell.Publishing;

namespace Pink.Shell.Hazelcast;

/// <summary>
/// `pink hz-smoke --address host:port --cluster NAME [--map M] [--namespace NS] [--username U --password P]
/// [--timeout SECONDS]`: checks a real cluster end to end — authenticate, Map.Set a snapshot as
/// HazelcastJsonValue, Map.Get it back byte-equal, ClientPing, then the same through the snapshot publisher.
/// Exit 0 when every step passed, 1 when one failed, 2 for bad arguments.
/// </summary>
public static class HazelcastSmoke
{
    /// <summary>Usage text.</summary>
    public const string Usage = "usage: pink hz-smoke --address host:port --cluster NAME [--map M] [--namespace NS] [--username U --password P] [--timeout SECONDS]";

    /// <summary>Runs the smoke test.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (Parse(args, stderr) is not { } o) return 2;
        using var cts = new CancellationTokenSource(o.Timeout);
        try
        {
            await RunStepsAsync(o, stdout, cts.Token).ConfigureAwait(false);
            stdout.WriteLine("hz-smoke: OK");
            return 0;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"hz-smoke: FAILED: {(e is OperationCanceledException ? $"did not finish within {o.Timeout.TotalSeconds:0} s" : e.Message)}");
            return 1;
        }
    }

    private sealed record SmokeOptions(HazelcastClientOptions Client, string Namespace, string Map, TimeSpan Timeout);

    private static async Task RunStepsAsync(SmokeOptions o, TextWriter stdout, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        await using var client = await HazelcastClient.ConnectAsync(o.Client, ct).ConfigureAwait(false);
        var auth = client.Authentication;
        stdout.WriteLine($"authenticated: {o.Client} -> member {auth.MemberUuid} ({auth.Address}) version {auth.ServerHazelcastVersion}, " +
            $"cluster {auth.ClusterId}, {auth.PartitionCount} partitions, {auth.MemberInfos?.Count.ToString(CultureInfo.InvariantCulture) ?? "?"} members, {Ms(watch)} ms");

        var seq = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var key = HzSerializer.String($"{o.Namespace}:smoke");
        var value = HzSerializer.JsonUtf8(SnapshotJson.ToUtf8(Sample(seq)));
        watch.Restart();
        await client.SetAsync(o.Map, key, value, ttlMs: -1, ct).ConfigureAwait(false);
        var back = await client.GetAsync(o.Map, key, ct).ConfigureAwait(false);
        if (!value.Equals(back)) throw new SnapshotVerificationException($"Map.Get returned {back?.ToString() ?? "null"}, expected {value}");
        stdout.WriteLine($"map '{o.Map}' key '{o.Namespace}:smoke' (partition {Partitioning.IdOf(key, client.PartitionCount)}): " +
            $"Map.Set + Map.Get of {value.Length} bytes round-tripped byte-equal in {Ms(watch)} ms");

        watch.Restart();
        await client.PingAsync(ct).ConfigureAwait(false);
        stdout.WriteLine($"ClientPing answered in {Ms(watch)} ms");

        await PublisherStepAsync(o, seq + 1, stdout, ct).ConfigureAwait(false);
    }

    private static async Task PublisherStepAsync(SmokeOptions o, long seq, TextWriter stdout, CancellationToken ct)
    {
        var options = new HazelcastPublisherOptions(o.Client, o.Namespace) { Map = o.Map, Key = $"{o.Namespace}:smoke:publisher" };
        var publisher = new HazelcastSnapshotPublisher(options);
        await using (publisher.ConfigureAwait(false))
        {
            var watch = Stopwatch.StartNew();
            publisher.Publish(Sample(seq));
            try
            {
                while (publisher.Status.LastSentEventSeq != seq)
                    await Task.Delay(20, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"the publisher did not publish event_seq {seq} in time; last error: {publisher.Status.LastError ?? "none"}");
            }
            stdout.WriteLine($"publisher: event_seq {seq} published and verified in {Ms(watch)} ms; status {publisher.Status}");
        }
    }

    private static AccountSnapshot Sample(long seq) =>
        new(seq, seq, Capital: 0, Equity: 0, CapitalSource.Seed, EWalletBalance: 0, AvailableMargin: 0, FeesPaid: 0, UnrealizedPnl: 0,
            EntriesBlocked: false, new Arr<SlotView>());

    private static string Ms(Stopwatch watch) => watch.Elapsed.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture);

    private static SmokeOptions? Parse(string[] args, TextWriter stderr)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var start = args.Length > 0 && args[0] == "hz-smoke" ? 1 : 0;
        for (var i = start; i < args.Length; i += 2)
        {
            if (args[i] is not ("--address" or "--cluster" or "--map" or "--namespace" or "--username" or "--password" or "--timeout") || i + 1 >= args.Length)
                return Fail(stderr, $"unexpected argument '{args[i]}'");
            values[args[i]] = args[i + 1];
        }
        if (!values.TryGetValue("--address", out var address) || !values.TryGetValue("--cluster", out var cluster))
            return Fail(stderr, "--address and --cluster are required");
        HzAddress parsed;
        try
        {
            parsed = HzAddress.Parse(address);
        }
        catch (FormatException e)
        {
            return Fail(stderr, e.Message);
        }
        var ns = values.GetValueOrDefault("--namespace", "pink");
        var map = values.GetValueOrDefault("--map", $"{ns}_smoke");
        if (NamespaceGuard.CheckMap(ns, map) is { } refusal) return Fail(stderr, refusal);
        var timeout = 10.0;
        if (values.TryGetValue("--timeout", out var t) && !(double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out timeout) && timeout > 0))
            return Fail(stderr, $"--timeout '{t}' is not a positive number of seconds");
        values.TryGetValue("--username", out var user);
        values.TryGetValue("--password", out var password);
        var client = new HazelcastClientOptions(parsed, cluster) { Username = user, Password = password, ClientName = $"pink-smoke-{ns}" };
        return new SmokeOptions(client, ns, map, TimeSpan.FromSeconds(timeout));
    }

    private static SmokeOptions? Fail(TextWriter stderr, string reason)
    {
        stderr.WriteLine($"hz-smoke: {reason}");
        stderr.WriteLine(Usage);
        return null;
    }
}
