using System.CommandLine;
using Pink.Shell.Commands;
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
    public const string Description = """
        Authenticate, Map.Set/Get and ping against a real Hazelcast cluster.

        Checks a real Hazelcast cluster end to end: authenticate, Map.Set a snapshot as HazelcastJsonValue, Map.Get it back
        byte-equal, ClientPing, then the same through the snapshot publisher.
        Exit code 0 when every step passed, 1 when one failed, 2 for bad arguments or a map outside the namespace.
        """;

    public static Command Create()
    {
        var address = new System.CommandLine.Option<string>("--address") { Description = "A member, host:port", HelpName = "HOST:PORT", Required = true };
        address.Validators.Add(r =>
        {
            try { HzAddress.Parse(r.GetValueOrDefault<string>()); }
            catch (FormatException e) { r.AddError(e.Message); }
        });
        var cluster = new System.CommandLine.Option<string>("--cluster") { Description = "Cluster name", HelpName = "NAME", Required = true };
        var map = new System.CommandLine.Option<string?>("--map") { Description = "Map to write (default NS_smoke)", HelpName = "M" };
        var ns = new System.CommandLine.Option<string>("--namespace") { Description = "Namespace", HelpName = "NS", DefaultValueFactory = _ => "pink" };
        var user = new System.CommandLine.Option<string?>("--username") { Description = "User, when the cluster asks for one", HelpName = "U" };
        var password = new System.CommandLine.Option<string?>("--password") { Description = "Password of --username", HelpName = "P" };
        var timeout = new System.CommandLine.Option<double>("--timeout") { Description = "Seconds for the whole check (> 0)", HelpName = "SECONDS", DefaultValueFactory = _ => 10 }
            .Above(0, "a positive number of seconds");
        var command = new Command("hz-smoke", Description) { address, cluster, map, ns, user, password, timeout };
        command.Validators.Add(r =>
        {
            var name = r.GetValue(ns) ?? "pink";
            if (NamespaceGuard.CheckMap(name, r.GetValue(map) ?? $"{name}_smoke") is { } refusal) r.AddError(refusal);
        });
        command.SetAction((result, ct) =>
        {
            var name = result.GetValue(ns)!;
            var client = new HazelcastClientOptions(HzAddress.Parse(result.GetValue(address)!), result.GetValue(cluster)!)
            {
                Username = result.GetValue(user), Password = result.GetValue(password), ClientName = $"pink-smoke-{name}",
            };
            var options = new SmokeOptions(client, name, result.GetValue(map) ?? $"{name}_smoke", TimeSpan.FromSeconds(result.GetValue(timeout)));
            return RunAsync(options, result.Out(), result.Err());
        });
        return command;
    }

    private static async Task<int> RunAsync(SmokeOptions o, TextWriter stdout, TextWriter stderr)
    {
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
}
