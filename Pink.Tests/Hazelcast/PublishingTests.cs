using System.Text.Json;
using LanguageExt;
using Pink.Core;
using Pink.Shell.Hazelcast;
using Pink.Shell.Publishing;

namespace Pink.Tests.Hazelcast;

/// <summary>The publishing port's pure parts: the latest-wins slot, the in-process publisher, the snapshot JSON.</summary>
public class PublishingTests
{
    [Fact]
    public void The_slot_keeps_only_the_newest_untaken_item_and_counts_the_superseded()
    {
        var slot = new LatestSlot<string>();
        Assert.False(slot.Offer("a"));
        Assert.True(slot.Offer("b"));
        Assert.True(slot.Offer("c"));
        Assert.Equal(2, slot.Superseded);
        Assert.True(slot.TryTake(out var taken));
        Assert.Equal("c", taken);
        Assert.False(slot.TryTake(out _));
        Assert.Null(slot.Peek());
    }

    [Fact]
    public void A_failed_item_goes_back_only_when_nothing_newer_arrived()
    {
        var slot = new LatestSlot<string>();
        Assert.True(slot.Restore("failed-1"));
        Assert.Equal("failed-1", slot.Peek());
        Assert.True(slot.TryTake(out _));

        slot.Offer("newer");
        Assert.False(slot.Restore("failed-2"));
        Assert.Equal("newer", slot.Peek());
        Assert.Equal(1, slot.Superseded);
    }

    [Fact]
    public async Task The_slot_wakes_its_consumer_when_an_item_arrives()
    {
        var slot = new LatestSlot<string>();
        var waiting = slot.WaitAsync(Timeout.InfiniteTimeSpan, CancellationToken.None);
        slot.Offer("x");
        Assert.True(await waiting);
        Assert.True(slot.TryTake(out var item));
        Assert.Equal("x", item);
    }

    [Fact]
    public void In_process_publisher_exposes_the_latest_snapshot_and_ignores_older_ones()
    {
        var publisher = new InProcessSnapshotPublisher();
        Assert.Null(publisher.Latest);
        Assert.Null(publisher.LatestJson);

        publisher.Publish(Snapshots.At(2));
        publisher.Publish(Snapshots.At(4));
        publisher.Publish(Snapshots.At(3));

        Assert.Equal(4, publisher.Latest!.EventSeq);
        Assert.Equal(SnapshotJson.Serialize(Snapshots.At(4)), publisher.LatestJson);
        var status = publisher.Status;
        Assert.Equal(("in-process", true, 3L, 2L, 0L, 1L), (status.Target, status.Connected, status.Offered, status.Published, status.Superseded, status.StaleIgnored));
        Assert.Equal(4, status.LastSentEventSeq);
        Assert.Null(status.PendingEventSeq);
    }

    [Fact]
    public void Snapshot_json_is_stable_snake_case_with_numbers_and_wire_names()
    {
        Assert.Equal(
            """{"schema_version":1,"event_seq":5,"time_ms":1700000000005,"capital":10005,"equity":10055,"capital_source":"e_anchored","e_wallet_balance":10000,"available_margin":9000,"fees_paid":1.25,"unrealized_pnl":50,"entries_blocked":false,"slots":[""" +
            """{"slot":0,"phase":"open","trade_id":"T1","symbol":"FET-USDT","side":"SHORT","open_qty":202276,"entry_price":0.1878,"mark_price":0.1866,"unrealized_pnl":242.7312,"realized_pnl":0,"fees":1.5,"exchange_leverage":3,"conviction_leverage":0.5,"settled_baseline":0,"flags":[]},""" +
            """{"slot":1,"phase":"idle","trade_id":null,"symbol":"","side":"FLAT","open_qty":0,"entry_price":0,"mark_price":0,"unrealized_pnl":0,"realized_pnl":0,"fees":0,"exchange_leverage":0,"conviction_leverage":0,"settled_baseline":0,"flags":[]}]}""",
            SnapshotJson.Serialize(Snapshots.At(5)));
    }

    [Fact]
    public void Snapshot_json_numbers_are_exact_decimals_and_flags_use_rule_names()
    {
        var view = new SlotView(3, SlotPhase.ExitWorking, "adopted-FETUSDT-SHORT-1", "FET-USDT", "SHORT", 0.1m + 0.2m, 0.000000001m, 123456.789012345m, -0.5m, 5990.9m, 0.0001m,
            2, 1m / 3, 164.0m, TradeFlags.EntryBasisMissing | TradeFlags.Adopted);
        var snapshot = new AccountSnapshot(long.MaxValue, 0, decimal.MaxValue, decimal.MinValue, CapitalSource.KBridged, 1, 2, 3, 4, true, new Arr<SlotView>([view]));
        var json = SnapshotJson.Serialize(snapshot);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var slot = root.GetProperty("slots")[0];

        Assert.Equal(long.MaxValue, root.GetProperty("event_seq").GetInt64());
        Assert.Equal(decimal.MaxValue, root.GetProperty("capital").GetDecimal());
        Assert.Equal(decimal.MinValue, root.GetProperty("equity").GetDecimal());
        Assert.Equal("k_bridged", root.GetProperty("capital_source").GetString());
        Assert.Equal("exit_working", slot.GetProperty("phase").GetString());
        Assert.Contains("\"open_qty\":0.3,", json);   // 0.1 + 0.2, exactly
        Assert.Equal(1m / 3, slot.GetProperty("conviction_leverage").GetDecimal());
        Assert.Equal(0.000000001m, slot.GetProperty("entry_price").GetDecimal());
        Assert.Equal(["entry_basis_missing", "adopted"], slot.GetProperty("flags").EnumerateArray().Select(f => f.GetString()!));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 250)]
    [InlineData(2, 500)]
    [InlineData(5, 4000)]
    [InlineData(8, 30000)]
    [InlineData(1000, 30000)]
    public void Backoff_doubles_from_250_ms_up_to_30_s(long failures, double expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), Backoff.Default.Delay(failures));

    [Theory]
    [InlineData(0, false, 5000)]
    [InlineData(4999, false, 1)]
    [InlineData(5000, true, 0)]
    [InlineData(60000, true, 0)]
    public void A_ping_is_due_after_five_idle_seconds(long idleMs, bool due, double untilMs)
    {
        Assert.Equal(due, KeepAlive.Due(idleMs, KeepAlive.DefaultInterval));
        Assert.Equal(TimeSpan.FromMilliseconds(untilMs), KeepAlive.Until(idleMs, KeepAlive.DefaultInterval));
    }
}

/// <summary>Addresses and UUIDs as configured and as Java prints them.</summary>
public class AddressAndUuidTests
{
    [Theory]
    [InlineData("10.0.0.5:5702", "10.0.0.5", 5702)]
    [InlineData("hz.internal", "hz.internal", 5701)]
    [InlineData("[::1]:5703", "::1", 5703)]
    [InlineData("[fe80::1]", "fe80::1", 5701)]
    public void Addresses_parse_with_the_default_port(string text, string host, int port) =>
        Assert.Equal(new HzAddress(host, port), HzAddress.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("host:0")]
    [InlineData("host:70000")]
    [InlineData("host:x")]
    [InlineData("[::1")]
    public void Bad_addresses_are_refused(string text) => Assert.Throws<FormatException>(() => HzAddress.Parse(text));

    [Fact]
    public void Uuid_prints_like_java_and_parses_back()
    {
        // java.util.UUID(123456789, 987654321).toString()
        Assert.Equal("00000000-075b-cd15-0000-00003ade68b1", Reference.Uuid.ToString());
        Assert.Equal(Reference.Uuid, HzUuid.Parse("00000000-075b-cd15-0000-00003ade68b1"));
        Assert.Equal(new HzUuid(-1, long.MinValue), HzUuid.Parse(new HzUuid(-1, long.MinValue).ToString()));
        Assert.NotEqual(HzUuid.NewRandom(), HzUuid.NewRandom());
    }

    [Fact]
    public void Client_options_never_print_the_password()
    {
        var options = new HazelcastClientOptions(new HzAddress("h", 1), "c") { Username = "u", Password = "s3cret" };
        Assert.DoesNotContain("s3cret", options.ToString());
        Assert.Contains("'u'", options.ToString());
    }
}
