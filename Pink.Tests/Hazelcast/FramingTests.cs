using System.Buffers.Binary;
using Pink.Shell.Hazelcast;

namespace Pink.Tests.Hazelcast;

/// <summary>Frames and messages: every vector file reads into its messages and writes back to the same bytes.</summary>
public class FramingTests
{
    [Theory]
    [InlineData(Vectors.V20, 849)]
    [InlineData(Vectors.V20Null, 849)]
    [InlineData(Vectors.V29, 981)]
    [InlineData(Vectors.V29Null, 981)]
    public void Every_vector_file_reads_into_its_messages_and_writes_back_byte_for_byte(string file, int expectedMessages)
    {
        var bytes = Vectors.Bytes(file);
        var messages = WireFormat.ReadAll(bytes);

        Assert.Equal(expectedMessages, messages.Count);
        Assert.Equal(Vectors.RawMessages(file).Count, messages.Count);
        Assert.Equal(Convert.ToHexString(bytes), Convert.ToHexString(messages.SelectMany(WireFormat.ToBytes).ToArray()));
    }

    [Theory]
    [MemberData(nameof(Vectors.AllFiles), MemberType = typeof(Vectors))]
    public async Task Reading_a_vector_file_from_a_stream_gives_the_same_messages_and_a_clean_end(string file)
    {
        var bytes = Vectors.Bytes(file);
        using var stream = new MemoryStream(bytes);
        var read = new List<byte[]>();
        while (await WireFormat.ReadAsync(stream, WireFormat.DefaultMaxFrameBytes, CancellationToken.None) is { } message)
            read.Add(WireFormat.ToBytes(message));
        Assert.Equal(Vectors.RawMessages(file).Select(Convert.ToHexString), read.Select(Convert.ToHexString));
    }

    [Fact]
    public void Initial_frames_carry_type_correlation_and_partition_and_the_last_frame_is_final()
    {
        var request = Vectors.Parsed(Vectors.V29, MessageTypes.MapSet);
        Assert.Equal(MessageTypes.MapSet, request.MessageType);
        Assert.Equal(0, request.CorrelationId);
        Assert.Equal(-1, request.PartitionId);
        Assert.True(request.InitialFrame.Has(FrameFlags.Unfragmented));
        Assert.True(request.Frames[^1].Has(FrameFlags.IsFinal));
        Assert.All(request.Frames.SkipLast(1), f => Assert.False(f.Has(FrameFlags.IsFinal)));

        request.CorrelationId = 0x0102030405060708;
        request.PartitionId = 270;
        var bytes = WireFormat.ToBytes(request);
        Assert.Equal(0x0102030405060708, BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(6 + 4)));
        Assert.Equal(270, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(6 + 12)));
    }

    [Fact]
    public async Task A_stream_that_ends_inside_a_message_is_an_error_not_a_clean_end()
    {
        var bytes = Vectors.Message(Vectors.V29, MessageTypes.ClientAuthenticationResponse);
        using var stream = new MemoryStream(bytes[..^3]);
        await Assert.ThrowsAsync<EndOfStreamException>(async () => await WireFormat.ReadAsync(stream, WireFormat.DefaultMaxFrameBytes, CancellationToken.None));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(-1)]
    [InlineData(1 << 30)]
    public void A_frame_length_outside_the_limits_is_a_protocol_error(int length)
    {
        var bytes = new byte[32];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, length);
        Assert.Throws<HazelcastProtocolException>(() => WireFormat.ReadAll(bytes));
    }

    [Fact]
    public void A_buffer_without_a_final_frame_is_a_protocol_error()
    {
        var bytes = Vectors.Message(Vectors.V29, MessageTypes.MapSet);
        var cut = bytes[..(BinaryPrimitives.ReadInt32LittleEndian(bytes))];
        Assert.Throws<HazelcastProtocolException>(() => WireFormat.ReadAll(cut));
    }

    [Fact]
    public void A_message_that_runs_out_of_frames_while_decoding_is_a_protocol_error()
    {
        var response = Vectors.Parsed(Vectors.V20, MessageTypes.ClientAuthenticationResponse);
        var truncated = new ClientMessage(response.Frames.Take(2));
        Assert.Throws<HazelcastProtocolException>(() => ClientAuthenticationCodec.DecodeResponse(truncated));
    }

    [Fact]
    public void Fragments_reassemble_into_the_original_message()
    {
        // Fragment layout as Hazelcast's clients read it (FragmentedClientMessageHandler): each fragment starts
        // with a frame holding the int64 fragmentation id, flagged BEGIN_FRAGMENT / none / END_FRAGMENT.
        var whole = Vectors.Parsed(Vectors.V29, MessageTypes.ClientAuthenticationResponse);
        var body = whole.Frames.ToList();
        var parts = new[] { body.Take(10), body.Skip(10).Take(15), body.Skip(25) };
        var flags = new[] { FrameFlags.BeginFragment, FrameFlags.None, FrameFlags.EndFragment };
        var assembler = new FragmentAssembler();
        ClientMessage? done = null;
        for (var i = 0; i < parts.Length; i++)
        {
            var id = new byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(id, 77);
            var fragment = new ClientMessage(parts[i].Prepend(new Frame(id, flags[i])));
            var wire = WireFormat.ToBytes(fragment);
            done = assembler.Accept(Assert.Single(WireFormat.ReadAll(wire)));
            Assert.Equal(i == parts.Length - 1, done is not null);
        }
        Assert.Equal(0, assembler.Pending);
        Assert.Equal(Convert.ToHexString(WireFormat.ToBytes(whole)), Convert.ToHexString(WireFormat.ToBytes(done!)));
        Assert.Equal(Reference.Int, ClientAuthenticationCodec.DecodeResponse(done!).PartitionCount);
    }

    [Fact]
    public void A_fragment_without_its_beginning_is_a_protocol_error()
    {
        var id = new byte[8];
        var orphan = new ClientMessage([new Frame(id, FrameFlags.EndFragment), new Frame([1, 2, 3])]);
        Assert.Throws<HazelcastProtocolException>(() => new FragmentAssembler().Accept(orphan));
    }
}
