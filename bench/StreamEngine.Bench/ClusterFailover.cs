using System.Diagnostics;
using System.Globalization;
using StreamEngine.Connectors.Kafka.Settings;
using StreamEngine.Connectors.Metrics;
using StreamEngine.Connectors.Registry;
using StreamEngine.Connectors.Storage;
using StreamEngine.Host.Cluster;
using StreamEngine.Host.Deployment;
using StreamEngine.Host.Kafka;

namespace StreamEngine.Bench;

/// <summary>
/// Cluster mode, part two: three nodes on a fresh cluster (Kafka, stores, journal) running authentication and raw,
/// reports flowing at <see cref="ReadingsPerSecond"/>; the node running raw's worker is crashed (its actor system
/// terminated, as a machine dying) and the clock runs until (a) the manager, asked from a survivor, describes raw's
/// worker running on another node, and (b) the raw store's row count rises past its count at the crash.
/// </summary>
internal sealed class ClusterFailover(BenchOptions options)
{
    public const int ReadingsPerSecond = 5_000;
    private const int Devices = 1_000;
    private static readonly TimeSpan FeedFor = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly string[] Topologies = ["authentication", "raw"];

    /// <summary>One crash on a fresh cluster; prints its figures and returns whether both happened in time.</summary>
    public async Task<bool> RunOnceAsync(int run)
    {
        var directory = Directory.CreateTempSubdirectory("streamengine-failover-").FullName;
        try
        {
            return await Run(run, directory).ConfigureAwait(false);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private async Task<bool> Run(int run, string directory)
    {
        var hasher = new TokenHasher(workFactor: 4);
        var registry = new SqliteRegistry(Path.Combine(directory, "registry.db"), hasher);
        var fleet = await ClusterFleet.Register(registry, hasher, Devices).ConfigureAwait(false);
        using var rawStore = new SqliteRawStore(Path.Combine(directory, "raw.db"));
        using var metricStore = new SqliteMetricStore(Path.Combine(directory, "metrics.db"));
        using var kafka = await KafkaBackbone.Start(
            new KafkaSettings { Embedded = new EmbeddedKafkaSettings { Port = 0 }, Topics = new TopicSettings { Partitions = options.Partitions } },
            CancellationToken.None).ConfigureAwait(false);
        var builtIns = Topologies
            .Select(name => (File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "topologies", name + ".yaml")), DefinitionFormat.Yaml))
            .ToList();
        await using var cluster = await BenchCluster.Start(3, directory, kafka, registry, hasher, rawStore, metricStore, builtIns, new Dictionary<string, string?>())
            .ConfigureAwait(false);
        if (!await Eventually(() => Task.FromResult(Topologies.All(t => cluster.Workers(t).Count == 1)), TimeSpan.FromSeconds(60)).ConfigureAwait(false))
        {
            Console.WriteLine($"failover run {run}: authentication and raw did not both start within 60 s");
            return false;
        }

        var reportsPerSecond = ReadingsPerSecond / ClusterFleet.DevicesPerGateway;
        var feed = new PacedStart(kafka.Connection.BootstrapServers, EngineTopics.Reports, (int)(reportsPerSecond * FeedFor.TotalSeconds), reportsPerSecond, fleet.Report);
        feed.Start();
        var flowing = await Eventually(async () => await rawStore.Count().ConfigureAwait(false) >= ReadingsPerSecond, Patience).ConfigureAwait(false);
        var victim = cluster.NodeRunning("raw");
        if (!flowing || victim is not { } index)
        {
            Console.WriteLine($"failover run {run}: readings did not reach the raw store within {Patience.TotalSeconds:0} s");
            await feed.Completion.ConfigureAwait(false);
            return false;
        }

        var onVictim = cluster.TopologiesOn(index);
        var clock = Stopwatch.StartNew();
        var address = await cluster.Crash(index).ConfigureAwait(false);
        var terminated = clock.Elapsed;
        var storedAtCrash = await rawStore.Count().ConfigureAwait(false);
        TimeSpan? managerSaysRunning = null;
        TimeSpan? workerStarted = null;
        TimeSpan? storing = null;
        while (clock.Elapsed < Patience && (managerSaysRunning is null || storing is null))
        {
            workerStarted ??= cluster.Workers("raw").Count > 0 ? clock.Elapsed : null;
            managerSaysRunning ??= await RunsElsewhere(cluster, address).ConfigureAwait(false) ? clock.Elapsed : null;
            storing ??= await rawStore.Count().ConfigureAwait(false) > storedAtCrash ? clock.Elapsed : null;
            await Task.Delay(50).ConfigureAwait(false);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"failover run {run}: crashed node {index} (running {string.Join(" + ", onVictim)}; terminated in {terminated.TotalSeconds:0.00} s) at {storedAtCrash:N0} raw rows; "
            + $"(a) manager describes raw's worker running on a survivor after {Seconds(managerSaysRunning)} (the worker registered on the survivor after {Seconds(workerStarted)}); "
            + $"(b) raw store count rising again after {Seconds(storing)}"));
        await feed.Completion.ConfigureAwait(false);
        return managerSaysRunning is not null && storing is not null;
    }

    /// <summary>Whether the manager, asked from a live node, has a running worker of raw on a node other than <paramref name="crashed"/>.</summary>
    private static async Task<bool> RunsElsewhere(BenchCluster cluster, string crashed)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            return await cluster.Live[0].Ask(new ManagerCommand.Describe("raw"), patience.Token).ConfigureAwait(false) is TopologyDescription description
                && description.Workers.Any(w => w.State == WorkerState.Running && w.Node != crashed);
        }
        catch (Exception e) when (e is OperationCanceledException or Akka.Actor.AskTimeoutException)
        {
            return false;
        }
    }

    private static async Task<bool> Eventually(Func<Task<bool>> condition, TimeSpan patience)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < patience)
        {
            if (await condition().ConfigureAwait(false))
            {
                return true;
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        return false;
    }

    private static string Seconds(TimeSpan? time) =>
        time is { } t ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.00} s") : $"more than {Patience.TotalSeconds:0} s";
}
