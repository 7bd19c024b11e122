using Microsoft.Extensions.Logging.Abstractions;
using StreamEngine.Connectors.Kafka.Settings;
using StreamEngine.Connectors.Metrics;
using StreamEngine.Connectors.Registry;
using StreamEngine.Connectors.Storage;
using StreamEngine.Host.Cluster;
using StreamEngine.Host.Deployment;
using StreamEngine.Host.Kafka;
using StreamEngine.Testing;

namespace StreamEngine.EndToEnd.Tests;

/// <summary>
/// Three engine nodes in this process on the embedded Kafka cluster, SQLite stores and the topology journal in
/// SQLite: topologies deployed, killed, rebalanced and failed over while readings flow, and none lost.
/// </summary>
public sealed class ClusterSpec : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private static readonly string[] BuiltIns = ["authentication", "raw", "datapoints", "thresholds", "alerts"];
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"cluster-{Guid.NewGuid():N}");
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
    public async Task A_dead_nodes_workers_start_on_the_survivors_and_no_reading_is_lost()
    {
        await using var cluster = await StartCluster(3);
        using var feed = await Feed();
        await AllRunning(cluster, BuiltIns);
        using var stop = new CancellationTokenSource();
        var flowing = feed.Run(20, stop.Token);
        await Eventually.True(() => _rawStore.Count().Result > 200, "readings flowing into the raw store", Patience);

        var victim = cluster.Placement("raw").Single(p => p.Value > 0).Key;
        var lost = BuiltIns.Where(t => cluster.Placement(t).GetValueOrDefault(victim) > 0).ToList();
        await cluster.Crash(victim);
        await AllRunning(cluster, BuiltIns);
        Assert.All(lost, t => Assert.Equal(0, cluster.Placement(t).GetValueOrDefault(victim)));
        var afterFailover = feed.Sent;
        await Eventually.True(() => _rawStore.Count().Result > afterFailover, "readings sent after the failover stored", Patience);
        await stop.CancelAsync();
        await flowing;

        await Eventually.True(() => _rawStore.Count().Result == feed.Sent, $"all {feed.Sent} readings in the raw store", Patience);
        await Eventually.True(() => feed.StoredTemperatures(_metricStore).Result == feed.Sent, $"all {feed.Sent} readings in the metric store", Patience);
    }

    [Fact]
    public async Task A_definition_with_errors_is_refused_naming_each()
    {
        await using var cluster = await StartCluster(1, []);

        var reply = Assert.IsType<ManagerReply>(await cluster[0].Ask(new ManagerCommand.Deploy(
            "name: Bad Name\nkind: rule\nparallelism: 99\nsource: readings\nparams:\n  condition:\n    type: temperature-above\n", DefinitionFormat.Yaml)));

        Assert.Equal(ManagerOutcome.Invalid, reply.Outcome);
        Assert.Contains("name", reply.Message, StringComparison.Ordinal);
        Assert.Contains("parallelism", reply.Message, StringComparison.Ordinal);
        Assert.Contains("alertKind", reply.Message, StringComparison.Ordinal);
        Assert.Empty(Assert.IsAssignableFrom<IReadOnlyList<TopologySummary>>(await cluster[0].Ask(new ManagerCommand.List())));
    }

    /// <summary>A cluster of <paramref name="nodes"/> that deploys <paramref name="builtIns"/> (default: all but legacy) at its first start.</summary>
    private Task<EngineCluster> StartCluster(int nodes, IEnumerable<string>? builtIns = null) =>
        EngineCluster.Start(nodes, _directory, _kafka.Backbone, _registry, _hasher, _rawStore, _metricStore, builtIns ?? BuiltIns);

    private Task<ReadingFeed> Feed() => ReadingFeed.Register(_registry, _kafka.Backbone.Connection.BootstrapServers, 12);

    /// <summary>Waits until every named topology has all its workers running somewhere in the cluster.</summary>
    private static Task AllRunning(EngineCluster cluster, IEnumerable<string> topologies) =>
        Eventually.True(
            () => cluster.Live[0].Ask(new ManagerCommand.List()).Result is IReadOnlyList<TopologySummary> list
                && topologies.All(t => list.Any(s => s.Name == t && s.WorkersRunning == s.Parallelism))
                && topologies.All(t => cluster.Placement(t).Values.Sum() == list.Single(s => s.Name == t).Parallelism),
            $"every worker of {string.Join(", ", topologies)} running",
            Patience);

    public Task DisposeAsync() => _kafka.StopAsync(CancellationToken.None);

    public void Dispose()
    {
        _kafka.Dispose();
        _rawStore.Dispose();
        _metricStore.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
