using Microsoft.Extensions.Logging.Abstractions;
using StreamEngine.Connectors.Kafka.Settings;
using StreamEngine.Connectors.Metrics;
using StreamEngine.Connectors.Registry;
using StreamEngine.Connectors.Storage;
using StreamEngine.Host.Kafka;

namespace StreamEngine.EndToEnd.Tests;

/// <summary>
/// What in-process engine nodes share, for one test: the SQLite registry, raw store and metric store in a temporary
/// folder, and the embedded Kafka on free ports. A spec calls the lifetime methods from its own.
/// </summary>
public sealed class EngineStores(string name) : IAsyncLifetime, IDisposable
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"{name}-{Guid.NewGuid():N}");

    public TokenHasher Hasher { get; } = new(4);

    public SqliteRegistry Registry { get; private set; } = null!;

    public SqliteRawStore RawStore { get; private set; } = null!;

    public SqliteMetricStore MetricStore { get; private set; } = null!;

    public KafkaBackboneService Kafka { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        Registry = new SqliteRegistry(Path.Combine(Folder, "registry.db"), Hasher);
        RawStore = new SqliteRawStore(Path.Combine(Folder, "raw.db"));
        MetricStore = new SqliteMetricStore(Path.Combine(Folder, "metrics.db"));
        Kafka = new KafkaBackboneService(
            new KafkaSettings { Embedded = new EmbeddedKafkaSettings { Port = 0 } }, NullLogger<KafkaBackboneService>.Instance);
        await Kafka.StartAsync(CancellationToken.None);
    }

    /// <summary>
    /// Starts cluster nodes over these stores with the node configuration given and their journal in
    /// <paramref name="journal"/> (default: a SQLite file in <see cref="Folder"/>); the cluster's first start deploys
    /// the built-in definitions named.
    /// </summary>
    public Task<EngineCluster> Cluster(
        int nodes, IEnumerable<string> builtIns, IReadOnlyDictionary<string, string?>? configuration = null, TopologyJournal? journal = null) =>
        EngineCluster.Start(nodes, journal ?? TopologyJournal.SqliteIn(Folder), Kafka.Backbone, Registry, Hasher, RawStore, MetricStore, builtIns, configuration);

    public Task DisposeAsync() => Kafka.StopAsync(CancellationToken.None);

    public void Dispose()
    {
        Kafka.Dispose();
        RawStore.Dispose();
        MetricStore.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
