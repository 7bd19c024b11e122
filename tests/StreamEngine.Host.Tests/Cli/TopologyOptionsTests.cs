using StreamEngine.Host.Cli;

namespace StreamEngine.Host.Tests.Cli;

public sealed class TopologyOptionsTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void Kill_takes_its_name_wait_url_and_password()
    {
        var options = TopologyOptions.Parse(["kill", "raw", "--wait", "5", "--url=http://node-2:8082", "--password", "p"], NoEnvironment, out var error);

        Assert.Null(error);
        Assert.Equal("kill", options!.Action);
        Assert.Equal(["raw"], options.Arguments);
        Assert.Equal(5, options.WaitSeconds);
        Assert.Equal(new Uri("http://node-2:8082"), options.Url);
        Assert.Equal("admin", options.User);
    }

    [Fact]
    public void The_password_comes_from_the_environment_when_not_given()
    {
        var options = TopologyOptions.Parse(["list"], name => name == SimulateOptions.PasswordVariable ? "from-env" : null, out _);

        Assert.Equal("from-env", options!.Password);
    }

    [Theory]
    [InlineData(new[] { "--password", "p" }, "No action given")]
    [InlineData(new[] { "deploi", "x.yaml", "--password", "p" }, "'deploi' is not an action")]
    [InlineData(new[] { "rebalance", "raw", "--password", "p" }, "'rebalance' takes NAME N, given 'raw'")]
    [InlineData(new[] { "describe", "--password", "p" }, "'describe' takes NAME, given none")]
    [InlineData(new[] { "list", "extra", "--password", "p" }, "'list' takes no arguments")]
    [InlineData(new[] { "describe", "raw", "--wait", "5", "--password", "p" }, "--wait applies to kill only")]
    [InlineData(new[] { "kill", "raw", "--wait", "soon", "--password", "p" }, "--wait is 'soon'")]
    [InlineData(new[] { "list", "--url", "localhost:8080", "--password", "p" }, "--url is 'localhost:8080'")]
    [InlineData(new[] { "list", "--colour", "red", "--password", "p" }, "Unknown option '--colour'")]
    [InlineData(new[] { "list" }, "No admin password")]
    public void Bad_arguments_say_what_is_wrong(string[] args, string expected)
    {
        Assert.Null(TopologyOptions.Parse(args, NoEnvironment, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
