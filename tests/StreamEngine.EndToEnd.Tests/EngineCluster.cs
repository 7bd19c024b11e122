using Akka.Actor;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StreamEngine.Abstractions.Registry;
using StreamEngine.Abstractions.Storage;
using StreamEngine.Abstractions.Metrics;
using StreamEngine.Host.Cluster;
using StreamEngine.Host.Deployment;
using StreamEngine.Host.Kafka;
using StreamEngine.Host.Topologies;
using StreamEngine.Testing;

namespace StreamEngine.EndToEnd.Tests;

/// <summary>
/// Engine cluster nodes in this process, each its own actor system over one Kafka backbone, registry and stores, and
/// one topology journal (a SQLite file of the test's directory, or a PostgreSQL database). Node 0 is the seed.
/// </summary>
public sealed class EngineCluster : IAsyncDisposable
{
    /// <summary>How long a new cluster may take to have every node Up: a node that asks to join while the seed still joins itself asks again after 5 s.</summary>
    private static readonly TimeSpan FormationPatience = TimeSpan.FromSeconds(60);

    private readonly TopologyResources _resources;
    private readonly TopologyJournal _journal;
    private readonly int _firstPort;
    private readonly IReadOnlyList<(string Document, DefinitionFormat Format)> _builtIns;
    private readonly List<(ClusterNode Node, TopologyFactory Factory)?> _nodes = [];
    private readonly ServiceProvider _services;

    private EngineCluster(
        TopologyResources resources, ServiceProvider services, TopologyJournal journal, int firstPort, IReadOnlyList<(string, DefinitionFormat)> builtIns)
    {
        _resources = resources;
        _services = services;
        _journal = journal;
        _firstPort = firstPort;
        _builtIns = builtIns;
    }

    /// <summary>The nodes started and not crashed or stopped, by index.</summary>
    public IReadOnlyList<ClusterNode> Live => [.. _nodes.OfType<(ClusterNode Node, TopologyFactory Factory)>().Select(n => n.Node)];

    public ClusterNode this[int index] => _nodes[index]?.Node ?? throw new InvalidOperationException($"Node {index} is down.");

    /// <summary>
    /// Starts <paramref name="nodes"/> nodes; the cluster's first start deploys the built-in definitions named
    /// (file names in cluster-config/topologies without extension).
    /// </summary>
    public static async Task<EngineCluster> Start(
        int nodes, TopologyJournal journal, KafkaBackbone kafka, IRegistry registry, ITokenHasher hasher, IRawStore rawStore, IMetricWriter metrics,
        IEnumerable<string> builtIns, IReadOnlyDictionary<string, string?>? configuration = null)
    {
        var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var config = new ConfigurationBuilder().AddInMemoryCollection(configuration ?? new Dictionary<string, string?>()).Build();
        var resources = await TopologyResources.Open(kafka, registry, hasher, rawStore, metrics,
            services.GetRequiredService<IHttpClientFactory>(), config, TimeProvider.System, NullLoggerFactory.Instance);
        var cluster = new EngineCluster(resources, services, journal, FreePorts.Consecutive(8),
            [.. builtIns.Select(name => (File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "topologies", name + ".yaml")), DefinitionFormat.Yaml))]);
        for (var i = 0; i < nodes; i++)
        {
            cluster.StartNode();
        }

        await cluster.AllUp(FormationPatience);
        return cluster;
    }

    /// <summary>
    /// The changes a whole-cluster restart must keep, made through node 0's manager: raw rebalanced to 2 workers,
    /// datapoints deactivated, the example rule <c>freezer-warm</c> deployed; returns once raw and the rule run.
    /// </summary>
    public async Task ChangeDeployedSet(TimeSpan patience)
    {
        await this[0].Ask(new ManagerCommand.Rebalance("raw", 2));
        await this[0].Ask(new ManagerCommand.Deactivate("datapoints"));
        await this[0].Ask(new ManagerCommand.Deploy(
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "topologies", "examples", "rule-freezer-warm.yaml")), DefinitionFormat.Yaml));
        await AllRunning(["raw", "freezer-warm"], patience);
    }

    /// <summary>
    /// Waits until every live node sees every live node as Up. Until then a node is still joining, and a node that
    /// joins is not counted by the split-brain resolver: were the only Up node to die then, the joining ones would
    /// down themselves too. The specs kill nodes of a formed cluster.
    /// </summary>
    public Task AllUp(TimeSpan patience) =>
        Eventually.Value(
            () => Task.FromResult(Live.Select(n => (Node: n.Address, Sees: Akka.Cluster.Cluster.Get(n.System).State.Members)).ToList()),
            views => views.All(v => views.All(other => v.Sees.Any(m => m.Address.ToString() == other.Node && m.Status == Akka.Cluster.MemberStatus.Up))),
            $"every node of the cluster Up, as each node sees it",
            patience);

    /// <summary>Starts one more node (or a stopped one again, on a fresh port); returns its index.</summary>
    public int StartNode()
    {
        var index = _nodes.Count;
        var settings = new ClusterSettings
        {
            Port = _firstPort + index,
            SeedNodes = [$"127.0.0.1:{_firstPort}"],
            JournalProvider = _journal.Provider,
            JournalConnectionString = _journal.ConnectionString,
            FailureDetection = TimeSpan.FromSeconds(2),
            DownAfter = TimeSpan.FromSeconds(3),
        };
        var factory = new TopologyFactory(_resources, new RunningTopologies());
        _nodes.Add((ClusterNode.Start(settings, factory, _builtIns), factory));
        return index;
    }

    /// <summary>The workers of a topology running on the live nodes now.</summary>
    public IReadOnlyList<RunningTopology> Workers(string topology) =>
        [.. _nodes.OfType<(ClusterNode Node, TopologyFactory Factory)>().SelectMany(n => n.Factory.Running.All())
            .Select(w => w.Topology).Where(t => t.Name == topology)];

    /// <summary>Which node (index) runs how many workers of a topology.</summary>
    public IReadOnlyDictionary<int, int> Placement(string topology) =>
        Enumerable.Range(0, _nodes.Count).Where(i => _nodes[i] is not null)
            .ToDictionary(i => i, i => _nodes[i]!.Value.Factory.Running.All().Count(w => w.Topology.Name == topology));

    /// <summary>Waits until every named topology has all its workers running somewhere in the cluster.</summary>
    public async Task AllRunning(IEnumerable<string> topologies, TimeSpan patience) =>
        await Eventually.Value(
            async () => await Summaries() is { } list
                ? (Done: topologies.All(t => list.Any(s => s.Name == t && s.WorkersRunning == s.Parallelism)
                    && Placement(t).Values.Sum() == list.Single(s => s.Name == t).Parallelism),
                   Seen: string.Join("; ", list.Select(s => $"{s.Name} {s.WorkersRunning}/{s.Parallelism} running, on nodes {Placed(s.Name)}")))
                : (Done: false, Seen: "the manager not answering"),
            state => state.Done,
            $"every worker of {string.Join(", ", topologies)} running",
            patience);

    private string Placed(string topology) => string.Join(" ", Placement(topology).Select(p => $"{p.Key}:{p.Value}"));

    /// <summary>The manager's list, or null while it cannot answer: after a crash of its node it moves, which may outlast an ask.</summary>
    public async Task<IReadOnlyList<TopologySummary>?> Summaries()
    {
        try
        {
            return await Live[0].Ask(new ManagerCommand.List()) as IReadOnlyList<TopologySummary>;
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }

    /// <summary>Kills node <paramref name="index"/> as a machine dying: no leaving, no draining; the others find out by failure detection.</summary>
    public async Task Crash(int index)
    {
        var node = this[index];
        _nodes[index] = null;
        await node.System.Terminate();
    }

    /// <summary>Stops every node gracefully (workers drain and commit), as a whole-cluster shutdown.</summary>
    public async Task StopAll()
    {
        for (var i = _nodes.Count - 1; i >= 0; i--)
        {
            if (_nodes[i] is { } node)
            {
                _nodes[i] = null;
                await node.Node.DisposeAsync();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAll();
        await _resources.DisposeAsync();
        await _services.DisposeAsync();
    }
}
