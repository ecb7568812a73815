using Pink.Shell.Venue;

namespace Pink.Tests.Venue;

public class SigningTests
{
    private const string Secret = "mheO6dR8ovSsxZQCOYEFCtelpuxcWGTfHw7te326y6jOwq5WpvFQ9JNljoTwBXZGv5It07m9RXSPpDQEK2w";

    [Fact]
    public void The_documented_test_vector_signs_as_published()
    {
        var signature = BingxSigner.Sign(Secret, "symbol=BTC-USDT&timestamp=1667872120843&side=LONG&leverage=6");
        Assert.Equal("4f581ecdb1fa09b9d6e57886b6f70cffed17f82b93399722939e49a38edec2bf", signature);
    }

    [Fact]
    public void Parameters_are_signed_sorted_and_the_signature_goes_last()
    {
        var p = new BingxParameters().Set("timestamp", 1667872120843L).Set("symbol", "BTC-USDT").Set("leverage", 6L).Set("side", "LONG");
        Assert.Equal("leverage=6&side=LONG&symbol=BTC-USDT&timestamp=1667872120843", p.ToSignedString());
        var signature = BingxSigner.Sign(Secret, p.ToSignedString());
        Assert.EndsWith("&signature=" + signature, p.ToQuery(signature));
    }

    [Fact]
    public void Values_with_brackets_travel_encoded_but_are_signed_raw()
    {
        var p = new BingxParameters().Set("batchOrders", "[{\"symbol\":\"FET-USDT\"}]");
        Assert.Equal("batchOrders=[{\"symbol\":\"FET-USDT\"}]", p.ToSignedString());
        Assert.Equal("batchOrders=" + Uri.EscapeDataString("[{\"symbol\":\"FET-USDT\"}]"), p.ToQuery());
    }

    [Fact]
    public void Decimal_quantities_are_written_exactly_without_exponent()
    {
        var p = new BingxParameters().Set("quantity", 0.00001m).Set("price", 0.1m + 0.2m);
        Assert.Equal("price=0.3&quantity=0.00001", p.ToSignedString());
    }

    [Fact]
    public void Verify_accepts_the_signature_and_refuses_another()
    {
        var signer = new BingxSigner(Secret);
        var s = signer.Sign("a=1");
        Assert.True(signer.Verify("a=1", s.ToUpperInvariant()));
        Assert.False(signer.Verify("a=2", s));
    }

    [Fact]
    public void Credentials_come_from_the_environment_and_never_render_the_secret()
    {
        var env = new Dictionary<string, string?> { [BingxCredentials.ApiKeyVariable] = "KEY-1234567890-ABCD", [BingxCredentials.ApiSecretVariable] = Secret };
        var credentials = BingxCredentials.FromEnvironment(n => env.GetValueOrDefault(n));
        Assert.NotNull(credentials);
        Assert.Equal("KEY-1234567890-ABCD", credentials.ApiKey);
        Assert.DoesNotContain(Secret, credentials.ToString());
        Assert.DoesNotContain("1234567890", credentials.ToString());
        Assert.DoesNotContain(Secret, credentials.Signer.ToString());
        Assert.Null(BingxCredentials.FromEnvironment(_ => null));
    }

    [Fact]
    public void Redaction_scrubs_signatures_keys_and_most_of_a_listen_key()
    {
        var scrubbed = Redaction.Scrub("/x?listenKey=a8ea75681542e66f&symbol=FET-USDT&timestamp=1&signature=4f581ecdb1fa09b9&apiKey=abc");
        Assert.Equal("/x?listenKey=a8ea…&symbol=FET-USDT&timestamp=1&signature=***&apiKey=***", scrubbed);
    }

    [Theory]
    [InlineData("FETUSDT", "FET-USDT")]
    [InlineData("fet-usdt", "FET-USDT")]
    [InlineData("BTC/USDT", "BTC-USDT")]
    [InlineData("ETHUSDC", "ETH-USDC")]
    public void Symbols_are_sent_in_the_venue_spelling(string given, string sent) => Assert.Equal(sent, BingxSymbol.ToVenue(given));
}
