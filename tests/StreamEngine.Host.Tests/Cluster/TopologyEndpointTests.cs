using System.Net;
using System.Text;
using StreamEngine.Host.Cluster;
using StreamEngine.Host.Deployment;

namespace StreamEngine.Host.Tests.Cluster;

/// <summary>The topology REST API over a fake manager: status codes, bodies and what it asks the manager.</summary>
public sealed class TopologyEndpointTests : IAsyncLifetime
{
    private const string Raw = """
        name: raw-copy
        kind: raw
        parallelism: 2
        source: readings
        """;

    private readonly FakeTopologyManager _manager = new();
    private AdminApiServer _server = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _server = await AdminApiServer.Start(topologies: _manager);
        _admin = await _server.LoggedIn();
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_valid_yaml_definition_is_deployed_with_201_and_appears_in_the_list()
    {
        using var deployed = await _admin.PostAsync("/api/v1/topologies", Yaml(Raw));

        Assert.Equal(HttpStatusCode.Created, deployed.StatusCode);
        Assert.Equal("/api/v1/topologies/raw-copy", deployed.Headers.Location?.ToString());
        Assert.Equal("Done", (await Json.Read(deployed)).GetProperty("outcome").GetString());
        using var list = await _admin.GetAsync("/api/v1/topologies");
        var only = Assert.Single((await Json.Read(list)).EnumerateArray());
        Assert.Equal("raw-copy", only.GetProperty("name").GetString());
        Assert.Equal("Raw", only.GetProperty("kind").GetString());
        Assert.Equal("Active", only.GetProperty("status").GetString());
        Assert.Equal(2, only.GetProperty("parallelism").GetInt32());
    }

    [Fact]
    public async Task A_json_body_is_read_as_json_when_the_content_type_says_so()
    {
        using var deployed = await _admin.PostAsync("/api/v1/topologies", Json.Body("""{"name":"raw-json","kind":"raw","source":"readings"}"""));

        Assert.Equal(HttpStatusCode.Created, deployed.StatusCode);
        Assert.Equal(DefinitionFormat.Json, Assert.IsType<ManagerCommand.Deploy>(Assert.Single(_manager.Asked)).Format);
    }

    [Fact]
    public async Task An_invalid_definition_gets_400_naming_every_wrong_field_and_the_manager_is_not_asked()
    {
        using var refused = await _admin.PostAsync("/api/v1/topologies", Yaml("""
            name: datapoints
            kind: datapoints
            parallelism: 65
            params:
              windw: 3s
            """));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var body = await Json.Read(refused);
        Assert.Contains("3 error(s)", body.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(
            ["parallelism", "source", "params.windw"],
            body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()));
        Assert.All(body.GetProperty("errors").EnumerateArray(), e => Assert.NotEmpty(e.GetProperty("message").GetString()!));
        Assert.Empty(_manager.Asked);
    }

    [Fact]
    public async Task Deploying_a_deployed_name_again_gets_409()
    {
        using (var first = await _admin.PostAsync("/api/v1/topologies", Yaml(Raw)))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        using var second = await _admin.PostAsync("/api/v1/topologies", Yaml(Raw));

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("raw-copy", await Json.Error(second), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Describing_an_unknown_topology_gets_404()
    {
        using var missing = await _admin.GetAsync("/api/v1/topologies/nope");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("'nope'", await Json.Error(missing), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?parallelism=")]
    [InlineData("?parallelism=two")]
    [InlineData("?parallelism=0")]
    [InlineData("?parallelism=65")]
    [InlineData("?parallelism=-1")]
    public async Task Rebalance_without_a_parallelism_from_1_to_64_gets_400(string query)
    {
        using var refused = await _admin.PostAsync($"/api/v1/topologies/raw/rebalance{query}", null);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("1 to 64", await Json.Error(refused), StringComparison.Ordinal);
        Assert.Empty(_manager.Asked);
    }

    [Fact]
    public async Task Rebalance_and_kill_hand_their_parallelism_and_drain_timeout_to_the_manager()
    {
        using (var rebalanced = await _admin.PostAsync("/api/v1/topologies/raw/rebalance?parallelism=3", null))
        {
            Assert.Equal(HttpStatusCode.OK, rebalanced.StatusCode);
        }

        using (var killed = await _admin.PostAsync("/api/v1/topologies/raw/kill?wait=5", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, killed.StatusCode);
        }

        using (var killedByDefault = await _admin.PostAsync("/api/v1/topologies/raw/kill", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, killedByDefault.StatusCode);
        }

        Assert.Equal<ManagerCommand>(
            [
                new ManagerCommand.Rebalance("raw", 3),
                new ManagerCommand.Kill("raw", TimeSpan.FromSeconds(5)),
                new ManagerCommand.Kill("raw", StopWorker.DefaultDrainTimeout),
            ],
            _manager.Asked);
    }

    [Fact]
    public async Task Kill_with_a_wait_that_is_no_whole_number_of_seconds_gets_400()
    {
        using var refused = await _admin.PostAsync("/api/v1/topologies/raw/kill?wait=soon", null);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Empty(_manager.Asked);
    }

    [Fact]
    public async Task Every_endpoint_without_a_token_gets_401()
    {
        (HttpMethod Method, string Path)[] calls =
        [
            (HttpMethod.Get, ""), (HttpMethod.Post, ""), (HttpMethod.Get, "/raw"), (HttpMethod.Post, "/raw/activate"),
            (HttpMethod.Post, "/raw/deactivate"), (HttpMethod.Post, "/raw/rebalance?parallelism=2"), (HttpMethod.Post, "/raw/kill"),
        ];
        foreach (var (method, path) in calls)
        {
            using var request = new HttpRequestMessage(method, "/api/v1/topologies" + path);
            using var refused = await _server.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        Assert.Empty(_manager.Asked);
    }

    [Fact]
    public async Task A_manager_that_does_not_answer_gets_503_saying_to_start_the_cluster()
    {
        _manager.Unanswered = true;

        using var unavailable = await _admin.GetAsync("/api/v1/topologies");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        Assert.Contains("Cluster:SeedNodes", await Json.Error(unavailable), StringComparison.Ordinal);
    }

    private static StringContent Yaml(string text) => new(text, Encoding.UTF8, "application/yaml");
}
