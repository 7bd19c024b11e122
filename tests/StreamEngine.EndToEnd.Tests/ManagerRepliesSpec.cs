using Akka.Actor;
using Microsoft.Extensions.Logging.Abstractions;
using StreamEngine.Connectors.Kafka.Settings;
using StreamEngine.Connectors.Metrics;
using StreamEngine.Connectors.Registry;
using StreamEngine.Connectors.Storage;
using StreamEngine.Host.Cluster;
using StreamEngine.Host.Kafka;
using StreamEngine.Testing;

namespace StreamEngine.EndToEnd.Tests;

/// <summary>The manager's answers reach a node that does not host it: they cross the wire and are read there.</summary>
public sealed class ManagerRepliesSpec : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"replies-{Guid.NewGuid():N}");
    private readonly BcryptTokenHasher _hasher = new(4);
    private SqliteRegistry _registry = null!;
    private SqliteRawStore _rawStore = null!;
    private SqliteMetricStore _metricStore = null!;
    private KafkaBackboneService _kafka = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _registry = new SqliteRegistry(Path.Combine(_directory, "registry.db"), _hasher);
        _rawStore = new SqliteRawStore(Path.Combine(_directory, "raw.db"));
        _metricStore = new SqliteMetricStore(Path.Combine(_directory, "metrics.db"));
        _kafka = new KafkaBackboneService(
            new KafkaSettings { Embedded = new EmbeddedKafkaSettings { Port = 0 } }, NullLogger<KafkaBackboneService>.Instance);
        await _kafka.StartAsync(CancellationToken.None);
    }

    [Fact]
    public async Task List_and_describe_answer_on_the_second_node_as_on_the_first()
    {
        await using var cluster = await EngineCluster.Start(2, _directory, _kafka.Backbone, _registry, _hasher, _rawStore, _metricStore, ["raw"]);

        // The oldest node (0) hosts the manager; node 1 reads its answers off the wire.
        var list = await Eventually.Value(() => Answer(cluster[1], new ManagerCommand.List()), a => a is List<TopologySummary> { Count: 1 },
            "node 1 to list the raw topology", Patience);
        Assert.Equal("raw", Assert.Single((List<TopologySummary>)list!).Name);
        var described = Assert.IsType<TopologyDescription>(await cluster[1].Ask(new ManagerCommand.Describe("raw")));
        Assert.Equal("raw", described.Summary.Name);
    }

    private static async Task<object?> Answer(ClusterNode node, ManagerCommand command)
    {
        try
        {
            return await node.Ask(command);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }

    public Task DisposeAsync() => _kafka.StopAsync(CancellationToken.None);

    public void Dispose()
    {
        _kafka.Dispose();
        _rawStore.Dispose();
        _metricStore.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
