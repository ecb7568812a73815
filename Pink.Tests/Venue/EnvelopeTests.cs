using Pink.Shell.Venue;

namespace Pink.Tests.Venue;

public class EnvelopeTests
{
    [Fact]
    public void A_zero_code_yields_data()
    {
        var data = BingxEnvelope.Open("GET", "/p", 200, """{"code":0,"msg":"","data":{"serverTime":1700000000000},"timestamp":1}""");
        Assert.Equal(1700000000000, data.GetProperty("serverTime").GetInt64());
    }

    [Theory]
    [InlineData("""{"code":100001,"msg":"Signature verification failed"}""", 200, BingxErrorKind.SignatureFailed)]
    [InlineData("""{"code":"101204","msg":"Insufficient margin"}""", 200, BingxErrorKind.InsufficientMargin)]
    [InlineData("""{"code":100410,"msg":"rate limited"}""", 200, BingxErrorKind.RateLimited)]
    [InlineData("""{"code":109421,"msg":"order not exist"}""", 200, BingxErrorKind.OrderNotFound)]
    [InlineData("""{"code":101481,"msg":"duplicate"}""", 200, BingxErrorKind.DuplicateClientOrderId)]
    [InlineData("""{"code":109201,"msg":"duplicate"}""", 200, BingxErrorKind.DuplicateClientOrderId)]
    [InlineData("""{"code":80014,"msg":"invalid"}""", 200, BingxErrorKind.InvalidParameter)]
    [InlineData("too many", 429, BingxErrorKind.RateLimited)]
    [InlineData("", 418, BingxErrorKind.IpBanned)]
    [InlineData("<html>bad gateway</html>", 502, BingxErrorKind.ServerError)]
    public void A_nonzero_code_or_an_http_error_is_a_typed_error(string body, int status, BingxErrorKind kind)
    {
        var error = Assert.Throws<BingxApiException>(() => BingxEnvelope.Open("POST", "/openApi/swap/v2/trade/order", status, body));
        Assert.Equal(kind, error.Kind);
        Assert.Equal(kind is BingxErrorKind.RateLimited or BingxErrorKind.ServerError, error.IsRetryable);
    }

    [Fact]
    public void The_bare_listen_key_answer_is_taken_whole()
    {
        var data = BingxEnvelope.Open("POST", BingxPaths.ListenKey, 200, """{"listenKey":"a8ea75681542e66f"}""");
        Assert.Equal("a8ea75681542e66f", data.GetProperty("listenKey").GetString());
    }

    [Fact]
    public void Backoff_doubles_up_to_its_cap_and_yields_to_retry_after()
    {
        var policy = new RetryPolicy(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300));
        Assert.Equal(100, policy.DelayAfter(1, jitter: 0.5).TotalMilliseconds, 6);
        Assert.Equal(200, policy.DelayAfter(2, jitter: 0.5).TotalMilliseconds, 6);
        Assert.Equal(300, policy.DelayAfter(3, jitter: 0.5).TotalMilliseconds, 6);
        Assert.Equal(300, policy.DelayAfter(9, jitter: 0.5).TotalMilliseconds, 6);
        Assert.Equal(80, policy.DelayAfter(1, jitter: 0).TotalMilliseconds, 6);
        Assert.Equal(TimeSpan.FromSeconds(2), policy.DelayAfter(1, TimeSpan.FromSeconds(2), 0.5));
    }
}
