using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StreamEngine.Abstractions.Metrics;
using StreamEngine.Abstractions.Registry;
using StreamEngine.Abstractions.Storage;
using StreamEngine.Host.Cluster;
using StreamEngine.Host.Deployment;
using StreamEngine.Host.Kafka;
using StreamEngine.Host.Topologies;

namespace StreamEngine.Bench;

/// <summary>
/// Engine cluster nodes in this process, each its own actor system over one Kafka backbone, registry and stores (as
/// the end-to-end specs run them), with the topology journal in a SQLite file. Node 0 is the seed; the cluster's first
/// start deploys the built-in definitions given.
/// </summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    private readonly TopologyResources _resources;
    private readonly ServiceProvider _services;
    private readonly List<(ClusterNode Node, TopologyFactory Factory)?> _nodes = [];

    private BenchCluster(TopologyResources resources, ServiceProvider services)
    {
        _resources = resources;
        _services = services;
    }

    /// <summary>The nodes started and not crashed, by index.</summary>
    public IReadOnlyList<ClusterNode> Live => [.. _nodes.OfType<(ClusterNode Node, TopologyFactory Factory)>().Select(n => n.Node)];

    public static async Task<BenchCluster> Start(
        int nodes, string directory, KafkaBackbone kafka, IRegistry registry, ITokenHasher hasher, IRawStore rawStore, IMetricWriter metrics,
        IReadOnlyList<(string Document, DefinitionFormat Format)> builtIns, IReadOnlyDictionary<string, string?> configuration)
    {
        var services = new ServiceCollection().AddHttpClient().ConfigureHttpClientDefaults(http => http.RemoveAllLoggers()).BuildServiceProvider();
        var config = new ConfigurationBuilder().AddInMemoryCollection(configuration).Build();
        var resources = await TopologyResources.Open(kafka, registry, hasher, rawStore, metrics,
            services.GetRequiredService<IHttpClientFactory>(), config, TimeProvider.System, NullLoggerFactory.Instance).ConfigureAwait(false);
        var cluster = new BenchCluster(resources, services);
        var seedPort = FreePort();
        for (var i = 0; i < nodes; i++)
        {
            var settings = new ClusterSettings
            {
                Port = i == 0 ? seedPort : 0,
                SeedNodes = nodes == 1 ? [] : [$"127.0.0.1:{seedPort}"],
                JournalConnectionString = $"Data Source={Path.Combine(directory, "cluster.db")}",
            };
            var factory = new TopologyFactory(resources, new RunningTopologies());
            cluster._nodes.Add((ClusterNode.Start(settings, factory, builtIns), factory));
        }

        return cluster;
    }

    /// <summary>The workers of a topology running on the live nodes now.</summary>
    public IReadOnlyList<RunningTopology> Workers(string topology) =>
        [.. _nodes.OfType<(ClusterNode Node, TopologyFactory Factory)>().SelectMany(n => n.Factory.Running.All())
            .Select(w => w.Topology).Where(t => t.Name == topology)];

    /// <summary>The index of the first live node running a worker of <paramref name="topology"/>, or null.</summary>
    public int? NodeRunning(string topology) =>
        Enumerable.Range(0, _nodes.Count).Cast<int?>()
            .FirstOrDefault(i => _nodes[i!.Value] is { } n && n.Factory.Running.All().Any(w => w.Topology.Name == topology));

    /// <summary>The topologies with a worker on node <paramref name="index"/>.</summary>
    public IReadOnlyList<string> TopologiesOn(int index) =>
        [.. (_nodes[index]?.Factory.Running.All() ?? []).Select(w => w.Topology.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Kills node <paramref name="index"/> as a machine dying: no leaving, no draining; returns its address.</summary>
    public async Task<string> Crash(int index)
    {
        var node = _nodes[index]?.Node ?? throw new InvalidOperationException($"Node {index} is down.");
        var address = node.Address;
        _nodes[index] = null;
        await node.System.Terminate().ConfigureAwait(false);
        return address;
    }

    /// <summary>Terminates the nodes left (no draining: the bench's stores are thrown away) and closes the resources.</summary>
    public async ValueTask DisposeAsync()
    {
        for (var i = _nodes.Count - 1; i >= 0; i--)
        {
            if (_nodes[i] is not null)
            {
                await Crash(i).ConfigureAwait(false);
            }
        }

        await _resources.DisposeAsync().ConfigureAwait(false);
        await _services.DisposeAsync().ConfigureAwait(false);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
