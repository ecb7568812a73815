using System.Text;
using System.Text.Json;
using Pink.Shell.Hazelcast;

namespace Pink.Tests.Hazelcast;

/// <summary>Serialized Data bytes and partition hashes equal node-client-oracle.json (Node.js client 5.7.0).</summary>
public class SerializationOracleTests
{
    public sealed record OracleCase(string Kind, string Value, string Data, int Hash)
    {
        public override string ToString() => $"{Kind} '{(Value.Length > 20 ? Value[..20] + "…" : Value)}'";
    }

    public static TheoryData<OracleCase> Cases() => [.. Load()];

    internal static List<OracleCase> Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Vectors.Directory, "node-client-oracle.json")));
        return [.. doc.RootElement.EnumerateArray().Select(e => new OracleCase(e.GetProperty("kind").GetString()!, e.GetProperty("value").GetString()!,
            e.GetProperty("data").GetString()!, e.GetProperty("hash").GetInt32()))];
    }

    internal static HzData Serialize(string kind, string value) => kind switch
    {
        "string" => HzSerializer.String(value),
        "json" => HzSerializer.Json(value),
        "bytes" => HzSerializer.Bytes(Convert.FromHexString(value)),
        _ => throw new ArgumentException($"unknown oracle kind {kind}"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Data_bytes_equal_the_node_client(OracleCase c) =>
        Assert.Equal(c.Data, Serialize(c.Kind, c.Value).ToString());

    [Theory]
    [MemberData(nameof(Cases))]
    public void Partition_hash_equals_the_node_client(OracleCase c) =>
        Assert.Equal(c.Hash, Serialize(c.Kind, c.Value).PartitionHash);

    [Fact]
    public void The_oracle_covers_every_kind_pink_serializes()
    {
        var cases = Load();
        Assert.Equal(new HashSet<string> { "string", "json", "bytes" }, cases.Select(c => c.Kind).ToHashSet());
        Assert.Equal(11, cases.Count);
    }

    [Fact]
    public void Data_reads_back_to_its_text_and_bytes()
    {
        Assert.Equal("Привет мир 😊", HzSerializer.ReadText(HzSerializer.String("Привет мир 😊")));
        Assert.Equal("{\"a\":1}", HzSerializer.ReadText(HzSerializer.Json("{\"a\":1}")));
        Assert.Equal(new byte[] { 0, 1, 2, 0xfa, 0xff }, HzSerializer.ReadBytes(HzSerializer.Bytes([0, 1, 2, 0xfa, 0xff])));
        Assert.Equal(HzSerializer.JsonTypeId, HzSerializer.JsonUtf8(Encoding.UTF8.GetBytes("{}")).TypeId);
        Assert.Throws<InvalidDataException>(() => HzSerializer.ReadBytes(HzSerializer.String("x")));
    }

    [Fact]
    public void A_string_with_a_lone_surrogate_is_refused_rather_than_hashed_differently_by_different_clients() =>
        Assert.Throws<ArgumentException>(() => HzSerializer.String("bad \ud800 key"));

    [Fact]
    public void A_stored_partition_hash_takes_precedence_over_murmur()
    {
        var data = HzData.FromBytes([0, 0, 0, 42, 0xff, 0xff, 0xff, 0xf5, 0, 0, 0, 0]);
        Assert.Equal(42, data.PartitionHash);
    }
}
