using System.Text.Json;
using System.Text.RegularExpressions;
using StreamEngine.Abstractions.Readings;
using StreamEngine.Host.Cli;

namespace StreamEngine.EndToEnd.Tests;

/// <summary><c>streamengine simulate</c> against a running engine process.</summary>
public sealed partial class SimulateSpec : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"simulate-{Guid.NewGuid():N}");

    [Fact]
    public async Task Deterministic_run_registers_through_the_admin_api_and_the_engine_emits_exactly_the_readings_and_dead_letters_it_announced()
    {
        Directory.CreateDirectory(_directory);
        var port = FreePorts.Consecutive(3);
        using var engine = EngineProcess.Start(
            $"--Kafka:Embedded:Port={port}", "--urls=http://127.0.0.1:0", $"--Storage:Sqlite:Path={Path.Combine(_directory, "engine.db")}",
            "--Admin:Password=sim-s3cret");
        await engine.WaitForOutput("Application started", Patience);
        var api = ListeningOn().Match(engine.Output).Groups[1].Value;
        var bootstrap = $"127.0.0.1:{port}";
        string[] arguments =
        [
            "--mode", "deterministic", "--gateways", "2", "--devices", "3", $"--api={api}", "--password", "sim-s3cret",
            "--bootstrap", bootstrap, "--state", Path.Combine(_directory, "simulator.json"),
        ];

        var (first, expected) = await Simulate(arguments);
        Assert.Contains("(0 reused, 9 created)", first, StringComparison.Ordinal);
        var readings = TopicReader.ReadAll(bootstrap, "readings", expected.Readings, Patience).Select(v => ReadingJson.Deserialize(v)).ToList();
        Assert.Equal(expected.Readings, readings.Count);
        Assert.Equal(expected.Readings, readings.Select(r => (r.DeviceId, r.Time)).Distinct().Count());
        Assert.Equal(expected.DeadLetters, DeadLetterReasons(bootstrap, expected.DeadLetters.Values.Sum()));

        // A second run reuses the fleet from the state file and adds the same outcome again.
        var (second, again) = await Simulate(arguments);
        Assert.Contains("(9 reused, 0 created)", second, StringComparison.Ordinal);
        Assert.Equal(expected, again);
        Assert.Equal(2 * expected.Readings, TopicReader.ReadAll(bootstrap, "readings", 2 * expected.Readings, Patience).Count);
        Assert.Equal(
            new SortedDictionary<string, int>(expected.DeadLetters.ToDictionary(p => p.Key, p => 2 * p.Value), StringComparer.Ordinal),
            DeadLetterReasons(bootstrap, 2 * expected.DeadLetters.Values.Sum()));

        await engine.Interrupt(Patience);
        Assert.Equal(0, engine.ExitCode);
    }

    private static async Task<(string Output, Expectation Expected)> Simulate(string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await SimulateCommand.Run(arguments, output, error, CancellationToken.None);
        Assert.True(exit == 0, $"simulate exited {exit}: {error}\n{output}");
        var json = ExpectedJson().Match(output.ToString()).Groups[1].Value;
        var expected = JsonSerializer.Deserialize<Expectation>(json, JsonSerializerOptions.Web)!;
        Assert.Equal(BadReports(), expected.DeadLetters.Keys.Order(StringComparer.Ordinal));
        return (output.ToString(), expected);
    }

    private static IEnumerable<string> BadReports() => Host.Simulator.BadReports.Reasons.Order(StringComparer.Ordinal);

    private static SortedDictionary<string, int> DeadLetterReasons(string bootstrap, int expected) => new(
        TopicReader.ReadAll(bootstrap, "deadletters", expected, Patience)
            .Select(v => JsonDocument.Parse(v).RootElement.GetProperty("reason").GetString()!)
            .GroupBy(r => r, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal), StringComparer.Ordinal);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();

    [GeneratedRegex(@"Expected \(JSON\): (\{.*\})")]
    private static partial Regex ExpectedJson();

    private sealed record Expectation(int Readings, SortedDictionary<string, int> DeadLetters)
    {
        public bool Equals(Expectation? other) => other is not null && Readings == other.Readings && DeadLetters.SequenceEqual(other.DeadLetters);

        public override int GetHashCode() => Readings;
    }
}
