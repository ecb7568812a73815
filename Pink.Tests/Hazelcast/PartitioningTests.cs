using System.Text;
using Pink.Shell.Hazelcast;

namespace Pink.Tests.Hazelcast;

/// <summary>Murmur3 x86_32 and the hash-to-partition rule.</summary>
public class PartitioningTests
{
    // Published MurmurHash3_x86_32 check values (SMHasher's reference implementation), for seeds other than
    // Hazelcast's: they pin the algorithm itself, independently of the Node.js oracle.
    [Theory]
    [InlineData("", 0u, 0u)]
    [InlineData("", 1u, 0x514E28B7u)]
    [InlineData("", 0xffffffffu, 0x81F16F39u)]
    [InlineData("\0\0\0\0", 0u, 0x2362F9DEu)]
    [InlineData("aaaa", 0x9747b28cu, 0x5A97808Au)]
    [InlineData("aaa", 0x9747b28cu, 0x283E0130u)]
    [InlineData("aa", 0x9747b28cu, 0x5D211726u)]
    [InlineData("a", 0x9747b28cu, 0x7FA09EA6u)]
    [InlineData("Hello, world!", 0x9747b28cu, 0x24884CBAu)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x9747b28cu, 0x2FA826CDu)]
    public void Murmur3_matches_the_reference_check_values(string input, uint seed, uint expected) =>
        Assert.Equal(unchecked((int)expected), Murmur3.Hash32(Encoding.UTF8.GetBytes(input), seed));

    [Fact]
    public void Hazelcast_seed_is_0x01000193_not_the_documented_typo() => Assert.Equal(0x01000193u, Murmur3.HazelcastSeed);

    [Theory]
    [InlineData(-937184720, 271, 937184720 % 271)]
    [InlineData(923237662, 271, 923237662 % 271)]
    [InlineData(0, 271, 0)]
    [InlineData(int.MaxValue, 271, int.MaxValue % 271)]
    [InlineData(int.MinValue, 271, 0)]
    [InlineData(-7, 1, 0)]
    public void Partition_id_is_abs_hash_mod_count_with_java_handling_of_min_value(int hash, int count, int expected) =>
        Assert.Equal(expected, Partitioning.IdOf(hash, count));

    [Fact]
    public void A_partition_count_of_zero_is_refused() => Assert.Throws<ArgumentOutOfRangeException>(() => Partitioning.IdOf(1, 0));

    [Fact]
    public void The_snapshot_key_goes_to_the_partition_the_node_client_computes()
    {
        // node-client-oracle.json: "snapshot:42" hashes to -937184720.
        Assert.Equal(937184720 % 271, Partitioning.IdOf(HzSerializer.String("snapshot:42"), 271));
    }
}
