using StreamEngine.Host.Cli;

namespace StreamEngine.Host.Tests.Cli;

public sealed class SimulateOptionsTests
{
    private static string? NoEnvironment(string name) => null;

    private static SimulateOptions Parse(params string[] args)
    {
        var options = SimulateOptions.Parse(args, NoEnvironment, out var error);
        Assert.True(options is not null, error);
        return options;
    }

    private static string Error(params string[] args)
    {
        Assert.Null(SimulateOptions.Parse(args, NoEnvironment, out var error));
        return error!;
    }

    [Fact]
    public void Defaults_are_a_deterministic_run_of_3_gateways_by_10_devices_against_the_local_engine()
    {
        var options = Parse("--password", "p");
        Assert.Equal(SimulationMode.Deterministic, options.Mode);
        Assert.Equal((3, 10), (options.Gateways, options.Devices));
        Assert.Equal(new Uri("http://localhost:8080"), options.Api);
        Assert.Equal(("admin", "p"), (options.User, options.Password));
        Assert.Equal("127.0.0.1:9092", options.Bootstrap);
        Assert.Equal(Path.Combine("data", "simulator.json"), options.StateFile);
    }

    [Fact]
    public void Values_come_as_separate_arguments_or_after_an_equals_sign()
    {
        var options = Parse("--mode=random", "--rate", "250.5", "--duration=30", "--bad-share", "0.2", "--gateways=5", "--devices", "7",
            "--api", "https://engine:9443", "--user=ana", "--password=x=y", "--bootstrap", "k1:9092,k2:9092", "--state", "/tmp/s.json", "--seed", "-3");
        Assert.Equal(SimulationMode.Random, options.Mode);
        Assert.Equal(250.5, options.Rate);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Duration);
        Assert.Equal(0.2, options.BadShare);
        Assert.Equal((5, 7, -3), (options.Gateways, options.Devices, options.Seed));
        Assert.Equal(new Uri("https://engine:9443"), options.Api);
        Assert.Equal(("ana", "x=y"), (options.User, options.Password));
        Assert.Equal(("k1:9092,k2:9092", "/tmp/s.json"), (options.Bootstrap, options.StateFile));
    }

    [Fact]
    public void The_password_defaults_to_the_environment_variable_and_is_required()
    {
        var options = SimulateOptions.Parse([], name => name == "STREAMENGINE_ADMIN_PASSWORD" ? "from-env" : null, out _);
        Assert.Equal("from-env", options!.Password);
        Assert.Contains("STREAMENGINE_ADMIN_PASSWORD", Error(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--speed", "Unknown option '--speed'. Allowed: --mode, --gateways")]
    [InlineData("gateways", "Unexpected argument 'gateways': options start with '--'")]
    [InlineData("--mode", "Option '--mode' needs a value")]
    public void Unknown_or_incomplete_options_are_refused_with_what_is_allowed(string arg, string message) =>
        Assert.StartsWith(message, Error("--password", "p", arg), StringComparison.Ordinal);

    [Theory]
    [InlineData("--mode=fast", "--mode is 'fast'; allowed: deterministic or random.")]
    [InlineData("--gateways=0", "--gateways is '0'; allowed: a whole number from 1 to 1000.")]
    [InlineData("--devices=ten", "--devices is 'ten'; allowed: a whole number from 1 to 1000.")]
    [InlineData("--api=localhost:8080", "--api is 'localhost:8080'; allowed: an http or https URL, for example http://localhost:8080.")]
    [InlineData("--user=", "--user is empty; give it a value or leave it out for the default (admin).")]
    public void Bad_values_are_refused_with_what_is_allowed(string arg, string message) =>
        Assert.Equal(message, Error("--password", "p", arg));

    [Theory]
    [InlineData("--rate=0", "--rate is '0'; allowed: a number more than 0 and at most 100000.")]
    [InlineData("--duration=-1", "--duration is '-1'; allowed: a number more than 0 and at most 31536000.")]
    [InlineData("--bad-share=1.5", "--bad-share is '1.5'; allowed: a number from 0 to 1, for example 0.05.")]
    public void Bad_random_mode_values_are_refused_with_what_is_allowed(string arg, string message) =>
        Assert.Equal(message, Error("--password", "p", "--mode", "random", arg));

    [Fact]
    public void Random_mode_options_in_a_deterministic_run_are_refused() =>
        Assert.Equal("--rate applies to --mode random only: add --mode random or leave --rate out.", Error("--password", "p", "--rate", "5"));

    [Fact]
    public void An_option_given_twice_is_refused() =>
        Assert.Equal("Option '--gateways' is given twice: give it once.", Error("--password", "p", "--gateways", "1", "--gateways=2"));

    [Fact]
    public async Task The_verb_exits_with_2_and_the_reason_on_bad_options_and_with_0_and_the_usage_on_help()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(2, await SimulateCommand.Run(["--password", "p", "--mode", "fast"], output, error, CancellationToken.None));
        Assert.Contains("--mode is 'fast'", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("simulate --help", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await SimulateCommand.Run(["--help"], output, error, CancellationToken.None));
        Assert.Contains("Usage: streamengine simulate", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_verb_exits_with_1_and_says_what_to_do_when_the_admin_api_is_unreachable()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var state = Path.Combine(Path.GetTempPath(), $"simulator-{Guid.NewGuid():N}.json");
        Assert.Equal(1, await SimulateCommand.Run(["--password", "p", "--api", "http://127.0.0.1:1", "--state", state], output, error, CancellationToken.None));
        Assert.Contains("Could not reach the engine's REST API", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("point --api at it", error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(state));
    }
}
