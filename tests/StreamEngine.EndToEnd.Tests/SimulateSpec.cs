using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using StreamEngine.Abstractions.Readings;
using StreamEngine.Host.Cli;
using StreamEngine.Host.Simulator;
using StreamEngine.Testing;

namespace StreamEngine.EndToEnd.Tests;

/// <summary><c>streamengine simulate</c> against a running engine process, and what its describe and <c>GET /metrics</c> make of the run.</summary>
public sealed partial class SimulateSpec : IDisposable
{
    private const string AdminPassword = "sim-s3cret";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"simulate-{Guid.NewGuid():N}");

    [Fact]
    public async Task Deterministic_run_registers_through_the_admin_api_and_the_engine_emits_exactly_the_readings_and_dead_letters_it_announced_which_describe_and_metrics_count()
    {
        var (engine, api, bootstrap, connection) = await StartEngine();
        using var running = engine;
        string[] arguments = ["--mode", "deterministic", "--gateways", "2", "--devices", "3", .. connection];

        var (first, expected) = await Simulate(arguments);
        Assert.Equal(BadReports(), expected.DeadLetters.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("(0 reused, 9 created)", first, StringComparison.Ordinal);
        var readings = TopicReader.ReadAll(bootstrap, "readings", expected.Readings, Patience).Select(v => ReadingJson.Deserialize(v)).ToList();
        Assert.Equal(expected.Readings, readings.Count);
        Assert.Equal(expected.Readings, readings.Select(r => (r.DeviceId, r.Time)).Distinct().Count());
        Assert.Equal(expected.DeadLetters, DeadLetterReasons(bootstrap, expected.DeadLetters.Values.Sum()));

        // Describe and GET /metrics show what authentication made of them: each dead letter under its reason, every
        // stage's counts and latencies, the group's lag down to 0 on every partition.
        var deadLetters = "Dead letters: " + string.Join(", ", expected.DeadLetters.Select(d => $"{d.Key} {d.Value}"));
        var described = await Eventually.Value(() => Describe(api, "authentication"), d => d.Contains(deadLetters, StringComparison.Ordinal),
            $"describe showing '{deadLetters}'", Patience);
        var stages = StageRows().Matches(described).ToDictionary(m => m.Groups["stage"].Value, m => m);
        Assert.Equal(["parse", "gateway-check", "device-check"], stages.Keys.Take(3));
        Assert.All(stages.Values, row => Assert.Equal("0", row.Groups["failures"].Value));
        Assert.All(stages.Values, row => Assert.True(
            double.Parse(row.Groups["p50"].Value, CultureInfo.InvariantCulture) <= double.Parse(row.Groups["p99"].Value, CultureInfo.InvariantCulture),
            $"p50 above p99 in '{row.Value}'"));
        Assert.Contains(stages.Values, row => double.Parse(row.Groups["p99"].Value, CultureInfo.InvariantCulture) > 0);
        var reports = stages["parse"].Groups["in"].Value;
        using var http = new HttpClient { BaseAddress = api };
        var metrics = await Eventually.Value(() => http.GetStringAsync("/metrics"),
            m => LagZero().Count(m) == 6, "GET /metrics showing authentication's lag 0 on all six partitions of reports", Patience);
        Assert.Contains($"streamengine_stage_records_in_total{{topology=\"authentication\",worker=\"0\",stage=\"parse\"}} {reports}\n", metrics, StringComparison.Ordinal);
        Assert.Contains($"streamengine_topology_records_completed_total{{topology=\"authentication\",worker=\"0\"}} {reports}\n", metrics, StringComparison.Ordinal);
        Assert.Matches(@"streamengine_stage_latency_seconds\{topology=""authentication"",worker=""0"",stage=""parse"",quantile=""0\.99""\} \S+\n", metrics);
        Assert.All(expected.DeadLetters, d => Assert.Contains(
            $"streamengine_dead_letters_total{{topology=\"authentication\",worker=\"0\",reason=\"{d.Key}\"}} {d.Value}\n", metrics, StringComparison.Ordinal));

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

    [Fact]
    public async Task Random_run_registers_its_fleet_publishes_about_rate_times_duration_reports_and_the_engine_emits_what_it_announced()
    {
        const int Rate = 50;
        const int Seconds = 3;
        var (engine, api, bootstrap, connection) = await StartEngine();
        using var running = engine;
        string[] arguments =
        [
            "--mode", "random", "--gateways", "2", "--devices", "3", "--rate", $"{Rate}", "--duration", $"{Seconds}", "--bad-share", "0.5",
            "--seed", "7", .. connection,
        ];

        var (output, expected) = await Simulate(arguments);

        Assert.Contains("Fleet: 2 gateways × 3 active devices + 1 inactive (0 reused, 9 created)", output, StringComparison.Ordinal);
        var fleet = FleetState.Load(StateFile);
        var deviceGateways = fleet.Gateways.SelectMany(g => g.Devices.Select(d => (Device: d.Id, Gateway: g.Gateway.Id))).ToDictionary(p => p.Device, p => p.Gateway);
        Assert.Equal(6, deviceGateways.Count);
        var registered = await Registered(api);
        Assert.Equal(fleet.Gateways.Select(g => g.Gateway.Id).Order(), registered.Gateways.Order());
        Assert.Equal(deviceGateways.Keys.Order(), registered.Devices.Where(d => d.Value).Select(d => d.Key).Order());
        Assert.Equal([fleet.InactiveDevice!.Id], registered.Devices.Where(d => !d.Value).Select(d => d.Key));

        // The run stops at the duration, so it may fall short of rate × duration by its last tick, never exceed it.
        var done = Done().Match(output);
        Assert.True(done.Success, $"No 'Done: sent … reports' line in:\n{output}");
        var sent = int.Parse(done.Groups["sent"].Value, CultureInfo.InvariantCulture);
        Assert.InRange(sent, Rate * Seconds * 3 / 4, Rate * Seconds);
        Assert.Equal(sent, int.Parse(done.Groups["acknowledged"].Value, CultureInfo.InvariantCulture));
        Assert.Equal(sent, TopicReader.ReadAll(bootstrap, "reports", sent, Patience).Count);
        var byKind = SentByKind(done.Groups["kinds"].Value);
        Assert.Equal(sent, byKind.Values.Sum());
        Assert.NotEmpty(expected.DeadLetters);
        Assert.Equal(expected.DeadLetters, new SortedDictionary<string, int>(
            byKind.Where(k => k.Key != SimulatedReport.Valid).ToDictionary(k => k.Key, k => k.Value), StringComparer.Ordinal));

        var readings = TopicReader.ReadAll(bootstrap, "readings", expected.Readings, Patience).Select(v => ReadingJson.Deserialize(v)).ToList();
        Assert.Equal(expected.Readings, readings.Count);
        Assert.All(readings, r => Assert.Equal(deviceGateways[r.DeviceId], r.GatewayId));
        Assert.Equal(deviceGateways.Keys.Order(), readings.Select(r => r.DeviceId).Distinct().Order());
        Assert.Equal(expected.DeadLetters, DeadLetterReasons(bootstrap, expected.DeadLetters.Values.Sum()));

        await engine.Interrupt(Patience);
        Assert.Equal(0, engine.ExitCode);
    }

    private string StateFile => Path.Combine(_directory, "simulator.json");

    /// <summary>Starts the engine on a fresh registry and embedded cluster; returns the simulator's connection options.</summary>
    private async Task<(EngineProcess Engine, Uri Api, string Bootstrap, string[] Connection)> StartEngine()
    {
        Directory.CreateDirectory(_directory);
        var port = FreePorts.Consecutive(3);
        var engine = EngineProcess.Start(
            $"--Kafka:Embedded:Port={port}", "--urls=http://127.0.0.1:0", $"--Storage:Sqlite:Path={Path.Combine(_directory, "engine.db")}",
            $"--Admin:Password={AdminPassword}");
        try
        {
            await engine.WaitForOutput("Application started", Patience);
        }
        catch
        {
            engine.Dispose();
            throw;
        }

        var api = ListeningOn().Match(engine.Output).Groups[1].Value;
        var bootstrap = $"127.0.0.1:{port}";
        return (engine, new Uri(api), bootstrap, [$"--api={api}", "--password", AdminPassword, "--bootstrap", bootstrap, "--state", StateFile]);
    }

    /// <summary>The gateways and devices (id → active) the engine's admin API lists.</summary>
    private static async Task<(List<long> Gateways, Dictionary<long, bool> Devices)> Registered(Uri api)
    {
        using var http = new HttpClient { BaseAddress = api };
        using (var login = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/token"))
        {
            login.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{AdminPassword}")));
            using var answer = await http.SendAsync(login);
            answer.EnsureSuccessStatusCode();
            var token = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var gateways = await http.GetFromJsonAsync<JsonElement>("/api/v1/admin/gateways");
        var devices = await http.GetFromJsonAsync<JsonElement>("/api/v1/admin/devices");
        return (
            [.. gateways.EnumerateArray().Select(g => g.GetProperty("id").GetInt64())],
            devices.EnumerateArray().ToDictionary(d => d.GetProperty("id").GetInt64(), d => d.GetProperty("state").GetBoolean()));
    }

    /// <summary>Reads <c>valid 70, bad-device-token 4, …</c> of the command's summary.</summary>
    private static Dictionary<string, int> SentByKind(string kinds) => kinds
        .Split(", ")
        .Select(kind => kind.Split(' '))
        .ToDictionary(parts => parts[0], parts => int.Parse(parts[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);

    private static async Task<(string Output, Expectation Expected)> Simulate(string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await SimulateCommand.Run(arguments, output, error, CancellationToken.None);
        Assert.True(exit == 0, $"simulate exited {exit}: {error}\n{output}");
        var json = ExpectedJson().Match(output.ToString()).Groups[1].Value;
        var expected = JsonSerializer.Deserialize<Expectation>(json, JsonSerializerOptions.Web)!;
        return (output.ToString(), expected);
    }

    private static async Task<string> Describe(Uri api, string topology)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await TopologyCommand.Run(["describe", topology, "--url", api.ToString(), "--password", AdminPassword], output, error, CancellationToken.None);
        Assert.True(exit == 0, $"describe exited {exit}: {error}");
        return output.ToString();
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

    /// <summary>A row of describe's stage table: STAGE IN OUT FAILURES P50 MS P99 MS CAPACITY.</summary>
    [GeneratedRegex(@"(?m)^(?<stage>[a-z-]+)\s+(?<in>\d+)\s+(?<out>\d+)\s+(?<failures>\d+)\s+(?<p50>[\d.]+)\s+(?<p99>[\d.]+)\s+(?<capacity>[\d.]+)$")]
    private static partial Regex StageRows();

    [GeneratedRegex(@"(?m)^streamengine_consumer_lag\{topology=""authentication"",worker=""0"",topic=""reports"",partition=""\d""\} 0$")]
    private static partial Regex LagZero();

    [GeneratedRegex(@"Expected \(JSON\): (\{.*\})")]
    private static partial Regex ExpectedJson();

    [GeneratedRegex(@"Done: sent (?<sent>\d+) reports: (?<kinds>[^;]+); Kafka acknowledged (?<acknowledged>\d+)\.")]
    private static partial Regex Done();

    private sealed record Expectation(int Readings, SortedDictionary<string, int> DeadLetters)
    {
        public bool Equals(Expectation? other) => other is not null && Readings == other.Readings && DeadLetters.SequenceEqual(other.DeadLetters);

        public override int GetHashCode() => Readings;
    }
}
