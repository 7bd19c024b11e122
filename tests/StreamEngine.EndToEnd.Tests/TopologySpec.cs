using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using StreamEngine.Abstractions.Readings;
using StreamEngine.Testing;

namespace StreamEngine.EndToEnd.Tests;

/// <summary>The topology REST API and <c>streamengine topology</c> against a running host, through its real cluster node.</summary>
public sealed partial class TopologySpec(TopologyEngine engine) : IClassFixture<TopologyEngine>
{
    private static readonly string Example = Path.Combine(AppContext.BaseDirectory, "topologies", "examples", "rule-freezer-warm.yaml");

    [Fact]
    public async Task Every_cli_verb_drives_the_example_rule_from_deploy_to_kill()
    {
        var deployed = await engine.Cli("deploy", Example);
        Assert.True(deployed.Exit == 0, $"deploy exited {deployed.Exit}: {deployed.Error}");
        Assert.Contains("freezer-warm", deployed.Output, StringComparison.Ordinal);

        var again = await engine.Cli("deploy", Example);
        Assert.Equal(1, again.Exit);
        Assert.Contains("409", again.Error, StringComparison.Ordinal);

        var list = await engine.Cli("list");
        Assert.Equal(0, list.Exit);
        Assert.Matches(ListRow("freezer-warm", "Rule", "Active"), list.Output);
        Assert.StartsWith("NAME ", list.Output, StringComparison.Ordinal);

        var described = await Eventually.Value(() => engine.Cli("describe", "freezer-warm"),
            d => d.Exit == 0 && WorkerRow(0, "Running").IsMatch(d.Output) && d.Output.Contains("Lag:          readings/", StringComparison.Ordinal),
            "describe to show worker 0 of freezer-warm running, its stages and its partitions' lag", TopologyEngine.Patience);
        Assert.Contains("CAPACITY", described.Output, StringComparison.Ordinal);
        Assert.Contains("condition", described.Output, StringComparison.Ordinal);

        var rebalanced = await engine.Cli("rebalance", "freezer-warm", "2");
        Assert.Equal(0, rebalanced.Exit);
        await Eventually.Value(() => engine.Cli("describe", "freezer-warm"),
            d => d.Output.Contains("Parallelism:  2 (2 running)", StringComparison.Ordinal) && WorkerRow(1, "Running").IsMatch(d.Output),
            "describe to show two workers of freezer-warm running", TopologyEngine.Patience);

        var tooMany = await engine.Cli("rebalance", "freezer-warm", "65");
        Assert.Equal(1, tooMany.Exit);
        Assert.Contains("1 to 64", tooMany.Error, StringComparison.Ordinal);

        Assert.Equal(0, (await engine.Cli("deactivate", "freezer-warm")).Exit);
        Assert.Matches(ListRow("freezer-warm", "Rule", "Inactive"), (await engine.Cli("list")).Output);
        Assert.Equal(0, (await engine.Cli("activate", "freezer-warm")).Exit);
        Assert.Matches(ListRow("freezer-warm", "Rule", "Active"), (await engine.Cli("list")).Output);

        var killed = await engine.Cli("kill", "freezer-warm", "--wait", "5");
        Assert.True(killed.Exit == 0, $"kill exited {killed.Exit}: {killed.Error}\n{killed.Output}");
        Assert.Contains("Topology 'freezer-warm' is gone.", killed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("freezer-warm", (await engine.Cli("list")).Output, StringComparison.Ordinal);

        var unknown = await engine.Cli("describe", "freezer-warm");
        Assert.Equal(1, unknown.Exit);
        Assert.Contains("404", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(2, (await engine.Cli("rebalance", "freezer-warm")).Exit);
    }

    [Fact]
    public async Task Kill_shows_the_workers_draining_while_their_posts_are_held_and_ends_with_the_topology_gone_and_its_posts_committed()
    {
        const int Readings = 10;
        await using var legacy = await LegacyApiStandIn.Start();
        legacy.HoldBodiesContaining = "\"reading\"";
        var definition = Path.Combine(Path.GetTempPath(), $"legacy-held-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(definition, $"""
            name: legacy-held
            kind: legacy
            source: readings
            params:
              url: {legacy.Url}
              requestTimeout: 60s
            """);
        var deployed = await engine.Cli("deploy", definition);
        File.Delete(definition);
        Assert.True(deployed.Exit == 0, $"deploy exited {deployed.Exit}: {deployed.Error}");
        await Eventually.Value(() => engine.Cli("describe", "legacy-held"),
            d => WorkerRow(0, "Running").IsMatch(d.Output) && d.Output.Contains("Lag:          readings/", StringComparison.Ordinal),
            "legacy-held running with the partitions of readings assigned", TopologyEngine.Patience);
        ProduceReadings(Readings);
        await Eventually.True(() => legacy.Requests == Readings, $"the legacy API holding all {Readings} posts", TopologyEngine.Patience);

        var output = new LiveOutput();
        var killing = engine.Cli(output, "kill", "legacy-held", "--wait", "60");
        await Eventually.True(() => Draining().IsMatch(output.Text), "kill showing worker 0 draining with nothing completed", TopologyEngine.Patience);
        Assert.Empty(legacy.Received);
        legacy.ReleaseHeld();
        var (exit, error) = await killing;

        Assert.True(exit == 0, $"kill exited {exit}: {error}\n{output.Text}");
        Assert.EndsWith("Topology 'legacy-held' is gone.\n", output.Text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("legacy-held", (await engine.Cli("list")).Output, StringComparison.Ordinal);
        Assert.Equal(Readings, legacy.Received.Count);
        Assert.Equal(Readings, CommittedOffsets.Total(engine.Bootstrap, "legacy-held", "readings"));
    }

    [Fact]
    public async Task The_rest_api_deploys_through_the_cluster_node_and_refuses_what_is_wrong()
    {
        using var anonymous = new HttpClient { BaseAddress = engine.Api };
        using (var noToken = await anonymous.GetAsync("/api/v1/topologies"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        }

        using var admin = await LoggedIn();
        var yaml = (await File.ReadAllTextAsync(Example)).Replace("name: freezer-warm", "name: rest-warm", StringComparison.Ordinal);
        using (var created = await admin.PostAsync("/api/v1/topologies", new StringContent(yaml, Encoding.UTF8, "application/yaml")))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var list = await admin.GetAsync("/api/v1/topologies"))
        {
            var names = (await list.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(t => t.GetProperty("name").GetString());
            Assert.Contains("rest-warm", names);
        }

        using (var duplicate = await admin.PostAsync("/api/v1/topologies", new StringContent(yaml, Encoding.UTF8, "application/yaml")))
        {
            Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        }

        using (var invalid = await admin.PostAsync("/api/v1/topologies",
            new StringContent("""{"name":"bad","kind":"nope","parallelism":0}""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            var paths = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray()
                .Select(e => e.GetProperty("path").GetString()).ToList();
            Assert.Contains("kind", paths);
            Assert.Contains("parallelism", paths);
        }

        using (var unknown = await admin.GetAsync("/api/v1/topologies/nope"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using (var badParallelism = await admin.PostAsync("/api/v1/topologies/rest-warm/rebalance?parallelism=zero", null))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badParallelism.StatusCode);
        }

        using (var killed = await admin.PostAsync("/api/v1/topologies/rest-warm/kill?wait=2", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, killed.StatusCode);
        }
    }

    /// <summary>Readings of one device, one second apart, straight onto the readings topic.</summary>
    private void ProduceReadings(int count)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = engine.Bootstrap }).Build();
        var time = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000 * 1000;
        for (var i = 0; i < count; i++)
        {
            var reading = new Reading(DeviceId: 7, GatewayId: 1, Time: time - (i * 1000), Temp: 4.5, Batt: 80, ReceivedAt: time, Source: $"kill-progress/{i}");
            producer.Produce("readings", new Message<string, byte[]> { Key = "7", Value = ReadingJson.Serialize(reading) });
        }

        Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
    }

    private async Task<HttpClient> LoggedIn()
    {
        var client = new HttpClient { BaseAddress = engine.Api };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/token");
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{TopologyEngine.Password}")));
        using var token = await client.SendAsync(request);
        token.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
        return client;
    }

    private static Regex ListRow(string name, string kind, string status) =>
        new($@"(?m)^{Regex.Escape(name)}\s+{kind}\s+{status}\s");

    [GeneratedRegex(@"(?m)^Still draining: worker 0 on \S+ \(Draining, 0 completed\)$")]
    private static partial Regex Draining();

    private static Regex WorkerRow(int index, string state) => new($@"(?m)^{index}\s+\S+\s+{state}\s");
}
