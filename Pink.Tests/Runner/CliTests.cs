using Pink.Shell;
using Pink.Shell.Commands;

namespace Pink.Tests.Runner;

/// <summary>The command line itself: usage, generated help, shared options, range errors.</summary>
public class CliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = Cli.RunAsync(args, stdout, stderr, _ => null).GetAwaiter().GetResult();
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void No_arguments_prints_the_usage_and_exits_2()
    {
        var (code, stdout, _) = Run();
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("pink <command> [options]", stdout);
        Assert.Contains("simulator", stdout);
    }

    [Theory]
    [InlineData("shadow", "--venue-url")]
    [InlineData("shadow", "--ws-url")]
    [InlineData("demo", "--resume")]
    [InlineData("demo", "--clickhouse")]
    [InlineData("live", "--symbols")]
    [InlineData("replay", "--slots")]
    [InlineData("venue-check", "--venue-url")]
    [InlineData("simulator", "--ws-port")]
    [InlineData("clickhouse", "--path")]
    [InlineData("hz-smoke", "--timeout")]
    public void Help_of_a_command_lists_every_option_and_the_exit_codes(string command, string option)
    {
        var (code, stdout, _) = Run(command, "--help");
        Assert.Equal(0, code);
        Assert.Contains(option, stdout);
        Assert.Contains("--verbose", stdout);
        if (command is not ("simulator" or "clickhouse" or "hz-smoke" or "venue-check")) Assert.Contains("4 venue unreachable", stdout);
    }

    [Fact]
    public void Schema_apply_has_its_own_help()
    {
        var (code, stdout, _) = Run("schema", "apply", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--database", stdout);
    }

    [Theory]
    [InlineData("replay", "x.jsonl", "--slots", "0")]
    [InlineData("shadow", "--venue", "bingx", "--samples", "0")]
    [InlineData("soak", "--hours", "0")]
    [InlineData("simulator", "--port", "70000")]
    public void A_value_out_of_range_is_a_clear_usage_error(params string[] args)
    {
        var (code, _, stderr) = Run(args);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Matches(@"must be (at least 1|a positive number of hours|a TCP port, 0\.\.65535) \(got \d+\)", stderr);
        Assert.DoesNotContain("nrecognized", stderr);
    }

    [Theory]
    [InlineData("venue-check")]
    [InlineData("shadow", "--venue", "bingx")]
    [InlineData("live", "--venue", "bingx", "--symbols", "FET-USDT")]
    public void Verbose_is_accepted_everywhere(params string[] args)
    {
        // Past parsing, these stop at the missing keys (exit 3), not at --verbose (exit 2).
        var (code, _, stderr) = Run([.. args, "--verbose"]);
        Assert.True(code == ExitCodes.MissingKeys, stderr);
    }

    [Fact]
    public void An_unknown_option_is_named_and_exits_2()
    {
        var (code, _, stderr) = Run("demo", "--bogus");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--bogus", stderr);
        Assert.Contains("pink demo [options]", stderr);
    }
}
