using System.Diagnostics;
using System.Text.Json;
using Akka.Actor;
using Microsoft.Data.Sqlite;
using StreamEngine.Host.Cluster;
using StreamEngine.Host.Deployment;
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
    private static readonly string[] AllSix = [.. BuiltIns, "legacy"];
    private readonly EngineStores _stores = new("cluster");

    public Task InitializeAsync() => _stores.InitializeAsync();

    [Fact]
    public async Task A_dead_nodes_workers_start_on_the_survivors_and_no_reading_is_lost()
    {
        await using var legacy = await LegacyApiStandIn.Start();
        await using var cluster = await _stores.Cluster(3, AllSix, new Dictionary<string, string?> { ["Legacy:Url"] = legacy.Url });
        using var feed = await Feed();
        await cluster.AllRunning(AllSix, Patience);
        using var stop = new CancellationTokenSource();
        var flowing = feed.Run(20, stop.Token);
        await Eventually.True(() => _stores.RawStore.Count().Result > 200, "readings flowing into the raw store", Patience);

        var victim = cluster.Placement("raw").Single(p => p.Value > 0).Key;
        var dead = cluster[victim].Address;
        await cluster.Crash(victim);
        var survivors = cluster.Live.Select(n => n.Address).ToList();
        await cluster.AllRunning(AllSix, Patience);
        await Eventually.True(
            () => AllSix.All(t => Describe(cluster, t).Workers is { Count: > 0 } workers && workers.All(w => w.State == WorkerState.Running && survivors.Contains(w.Node))),
            $"every worker of every topology reporting as running from a survivor, none from {dead}",
            Patience);
        var atFailover = AllSix.ToDictionary(t => t, t => Completed(cluster, t));
        await Eventually.True(() => AllSix.All(t => Completed(cluster, t) > atFailover[t]), "every topology processing on the survivors", Patience);
        await stop.CancelAsync();
        await flowing;

        await Eventually.True(() => _stores.RawStore.Count().Result == feed.Sent, $"all {feed.Sent} readings in the raw store", Patience);
        await Eventually.True(() => feed.StoredPoints(_stores.MetricStore, "temperature").Result == feed.Sent, $"a temperature point for each of {feed.Sent} readings", Patience);
        await Eventually.True(() => feed.StoredPoints(_stores.MetricStore, "battery").Result == feed.Sent, $"a battery point for each of {feed.Sent} readings", Patience);
        await Eventually.True(() => Forwarded(legacy) == feed.Sent, $"all {feed.Sent} readings posted to the legacy API", Patience);
    }

    [Fact]
    public async Task A_rule_deployed_while_the_others_run_alerts_and_no_other_topology_restarts_or_stalls()
    {
        await using var cluster = await StartCluster(3);
        using var feed = await Feed();
        await cluster.AllRunning(BuiltIns, Patience);
        using var stop = new CancellationTokenSource();
        var flowing = feed.Run(10, stop.Token);
        await Eventually.True(() => _stores.RawStore.Count().Result > 100, "readings flowing", Patience);
        var before = BuiltIns.ToDictionary(t => t, t => Assert.Single(cluster.Workers(t)));
        var countsBefore = before.ToDictionary(w => w.Key, w => w.Value.Counters.Completed);
        var hot = feed.Device(0).Id;

        var reply = Assert.IsType<ManagerReply>(await cluster[1].Ask(new ManagerCommand.Deploy($$$"""
            {"name": "too-warm", "kind": "rule", "source": "readings",
             "params": {"condition": {"type": "temperature-above", "value": 30}, "devices": [{{{hot}}}],
                        "alertKind": "too-warm", "recipients": ["alerts-topic"]}}
            """, DefinitionFormat.Json)));
        Assert.Equal(ManagerOutcome.Done, reply.Outcome);
        await cluster.AllRunning(["too-warm"], Patience);
        await Eventually.True(() => BuiltIns.All(t => before[t].Counters.Completed > countsBefore[t]), "every other topology processing on", Patience);
        await stop.CancelAsync();
        await flowing;
        feed.Send(12, temperature: 40);

        var alert = System.Text.Json.JsonDocument.Parse(
            Assert.Single(TopicReader.ReadAll(_stores.Kafka.Backbone.Connection.BootstrapServers, "alerts", 1, Patience))).RootElement;
        Assert.Equal(("too-warm", hot), (alert.GetProperty("kind").GetString(), alert.GetProperty("deviceId").GetInt64()));
        Assert.All(BuiltIns, t => Assert.Same(before[t], Assert.Single(cluster.Workers(t))));
        await Eventually.True(() => _stores.RawStore.Count().Result == feed.Sent, "every reading stored", Patience);
    }

    [Fact]
    public async Task A_killed_topology_commits_what_it_took_and_a_redeploy_resumes_after_the_last_commit()
    {
        await using var cluster = await StartCluster(3, ["authentication", "raw"]);
        using var feed = await Feed();
        await cluster.AllRunning(["authentication", "raw"], Patience);
        var document = Describe(cluster, "raw").Document;
        using var stop = new CancellationTokenSource();
        var flowing = feed.Run(10, stop.Token);
        await Eventually.True(() => _stores.RawStore.Count().Result > 100, "readings flowing", Patience);

        Assert.Equal(ManagerOutcome.Done, Assert.IsType<ManagerReply>(await cluster[0].Ask(new ManagerCommand.Kill("raw", TimeSpan.FromSeconds(20)))).Outcome);
        await Eventually.True(() => cluster[0].Ask(new ManagerCommand.List()).Result is IReadOnlyList<TopologySummary> list && list.All(t => t.Name != "raw"),
            "raw gone from the list once drained", Patience);
        Assert.Empty(cluster.Workers("raw"));
        var storedAtKill = await _stores.RawStore.Count();
        await stop.CancelAsync();
        await flowing;
        await Eventually.True(() => Assert.Single(cluster.Workers("authentication")).Counters.Completed >= feed.Sent, "every report authenticated", Patience);

        Assert.Equal(ManagerOutcome.Done, Assert.IsType<ManagerReply>(await cluster[2].Ask(new ManagerCommand.Deploy(document, DefinitionFormat.Yaml))).Outcome);
        await Eventually.True(() => _stores.RawStore.Count().Result == feed.Sent, "every reading stored after the redeploy", Patience);
        var resumed = Assert.Single(cluster.Workers("raw"));
        Assert.Equal(feed.Sent - storedAtKill, resumed.Counters.Consumed);
    }

    [Fact]
    public async Task A_topology_rebalanced_from_1_to_4_workers_and_back_while_it_runs_loses_nothing()
    {
        await using var cluster = await StartCluster(3, ["authentication", "raw"]);
        using var feed = await Feed();
        await cluster.AllRunning(["authentication", "raw"], Patience);
        using var stop = new CancellationTokenSource();
        var flowing = feed.Run(10, stop.Token);
        await Eventually.True(() => _stores.RawStore.Count().Result > 100, "readings flowing", Patience);

        await cluster[0].Ask(new ManagerCommand.Rebalance("raw", 4));
        await cluster.AllRunning(["raw"], Patience);
        // Sharding places new workers on the least loaded node, and rebalances shards between nodes later.
        await Eventually.True(() => cluster.Placement("raw").Count(p => p.Value > 0) > 1, "four workers spread over more than one node", Patience);
        var atFour = feed.Sent;
        await Eventually.True(() => _stores.RawStore.Count().Result > atFour, "readings stored by four workers", Patience);
        await Eventually.True(
            () => Describe(cluster, "raw").Metrics is { Workers: 4 } metrics && metrics.Stages.Any(s => s.Name == "raw-store" && s.In > 0) && metrics.Lag.Count > 0,
            "describe showing the four workers' stage counts and lag", Patience);
        await cluster[1].Ask(new ManagerCommand.Rebalance("raw", 1));
        await Eventually.True(() => cluster.Workers("raw").Count == 1, "back to one worker", Patience);
        await stop.CancelAsync();
        await flowing;

        await Eventually.True(() => _stores.RawStore.Count().Result == feed.Sent, $"all {feed.Sent} readings stored", Patience);
        Assert.Equal(1, Describe(cluster, "raw").Summary.Parallelism);
    }

    [Fact]
    public async Task After_a_whole_cluster_restart_every_topology_runs_again_with_its_last_settings_and_parallelism()
    {
        var cluster = await StartCluster(3, ["authentication", "raw", "datapoints"]);
        await cluster.AllRunning(["authentication", "raw", "datapoints"], Patience);
        await cluster.ChangeDeployedSet(Patience);
        await cluster.DisposeAsync();

        await using var again = await StartCluster(3, ["authentication", "raw", "datapoints"]);
        using var feed = await Feed();
        await again.AllRunning(["authentication", "raw", "freezer-warm"], Patience);
        var list = Assert.IsAssignableFrom<IReadOnlyList<TopologySummary>>(await again[2].Ask(new ManagerCommand.List()));
        Assert.Equal(
            [("authentication", TopologyStatus.Active, 1), ("datapoints", TopologyStatus.Inactive, 1), ("freezer-warm", TopologyStatus.Active, 1), ("raw", TopologyStatus.Active, 2)],
            list.Select(t => (t.Name, t.Status, t.Parallelism)));
        Assert.Empty(again.Workers("datapoints"));
        feed.Send(50);
        await Eventually.True(() => _stores.RawStore.Count().Result == 50, "readings stored after the restart", Patience);
    }

    [Fact]
    public async Task A_node_stopped_while_a_deactivated_topologys_worker_drains_leaves_in_seconds_not_after_the_shutdown_timeout()
    {
        var cluster = await StartCluster(1, ["authentication"]);
        using var feed = await Feed();
        await cluster[0].Ask(new ManagerCommand.Deploy("name: slow-points\nkind: datapoints\nsource: readings\nparams:\n  window: 60s\n", DefinitionFormat.Yaml));
        await cluster.AllRunning(["authentication", "slow-points"], Patience);

        // Readings wait in the worker's open window; its write on deactivation then waits for the locked store (the
        // store's 5 s busy timeout), so the worker is still draining for seconds after the node begins to leave.
        using var locked = WriteLocked(Path.Combine(_stores.Folder, "metrics.db"));
        feed.Send(20);
        await Eventually.True(() => cluster.Workers("slow-points").Sum(w => w.Counters.Consumed) == 20, "the readings in the open window", Patience);
        await cluster[0].Ask(new ManagerCommand.Deactivate("slow-points"));
        await Eventually.True(
            () => Describe(cluster, "slow-points").Workers.Any(w => w.State == WorkerState.Draining), "the slow-points worker draining", Patience);

        var stopping = Stopwatch.StartNew();
        await cluster.DisposeAsync();

        // The shard region's graceful shutdown gives up after 25 s (ClusterNode's cluster-sharding-shutdown-region phase).
        Assert.InRange(stopping.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task A_topology_that_keeps_failing_restarts_with_backoff_shows_its_error_and_leaves_the_others_running()
    {
        await using var cluster = await StartCluster(1, ["authentication", "raw"]);
        using var feed = await Feed();
        await cluster.AllRunning(["authentication", "raw"], Patience);

        await cluster[0].Ask(new ManagerCommand.Deploy("name: legacy-nowhere\nkind: legacy\nsource: readings\n", DefinitionFormat.Yaml));

        var failing = await Eventually.Value(
            () => Task.FromResult(Describe(cluster, "legacy-nowhere").Workers.SingleOrDefault()),
            w => w is { State: WorkerState.Restarting, Restarts: >= 2 },
            "the legacy worker restarting again and again",
            Patience);
        Assert.Contains("Legacy:Url", failing!.LastError, StringComparison.Ordinal);
        feed.Send(30);
        await Eventually.True(() => _stores.RawStore.Count().Result == 30, "raw storing on meanwhile", Patience);
    }

    [Fact]
    public async Task A_topology_whose_store_fails_while_it_runs_restarts_with_growing_backoff_shows_the_error_and_catches_up_once_the_store_recovers()
    {
        string[] running = ["authentication", "raw", "datapoints"];
        await using var cluster = await StartCluster(1, running);
        using var feed = await Feed();
        await cluster.AllRunning(running, Patience);
        using var stop = new CancellationTokenSource();
        var flowing = feed.Run(5, stop.Token);
        await Eventually.True(() => _stores.RawStore.Count().Result > 50, "readings flowing into the raw store", Patience);
        var others = running.Where(t => t != "raw").ToDictionary(t => t, t => Assert.Single(cluster.Workers(t)));
        var othersAtFailure = others.ToDictionary(w => w.Key, w => w.Value.Counters.Completed);

        IReadOnlyDictionary<int, TimeSpan> backoffs;
        using (var locked = WriteLocked(Path.Combine(_stores.Folder, "raw.db")))
        {
            backoffs = await Backoffs(cluster, "raw", 3);
            var failing = Assert.Single(Describe(cluster, "raw").Workers);
            Assert.True(failing.Restarts >= 3, $"raw restarted {failing.Restarts} times");
            Assert.Contains("database is locked", failing.LastError, StringComparison.Ordinal);
            Assert.All(others, w => Assert.True(w.Value.Counters.Completed > othersAtFailure[w.Key], $"{w.Key} processed nothing while raw failed"));
        }

        // The worker backs off 1, 2, then 4 s (doubling up to 30 s) before restart 1, 2, 3.
        Assert.All(backoffs, b => Assert.True(b.Value >= TimeSpan.FromSeconds(0.9 * (1 << (b.Key - 1))), $"restart {b.Key} after {b.Value}"));
        var waited = backoffs.Values.ToList();
        Assert.True(waited.Zip(waited.Skip(1)).All(p => p.Item1 < p.Item2), $"backoffs {string.Join(", ", backoffs)} not growing");
        var atRecovery = feed.Sent;
        await Eventually.True(() => _stores.RawStore.Count().Result > atRecovery, "raw storing again once the store takes writes", Patience);
        await stop.CancelAsync();
        await flowing;
        await Eventually.True(() => _stores.RawStore.Count().Result == feed.Sent, $"all {feed.Sent} readings stored once", Patience);
        Assert.Equal(WorkerState.Running, Assert.Single(Describe(cluster, "raw").Workers).State);
        Assert.All(others, w => Assert.Same(w.Value, Assert.Single(cluster.Workers(w.Key))));
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
    private Task<EngineCluster> StartCluster(int nodes, IEnumerable<string>? builtIns = null) => _stores.Cluster(nodes, builtIns ?? BuiltIns);

    private Task<ReadingFeed> Feed() => ReadingFeed.Register(_stores.Registry, _stores.Kafka.Backbone.Connection.BootstrapServers, 12);

    private static TopologyDescription Describe(EngineCluster cluster, string name) =>
        Assert.IsType<TopologyDescription>(cluster.Live[0].Ask(new ManagerCommand.Describe(name)).Result);

    /// <summary>A connection holding the write lock of a SQLite file, as another program writing to it would; disposing releases it.</summary>
    private static SqliteConnection WriteLocked(string file)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        begin.ExecuteNonQuery();
        return connection;
    }

    /// <summary>
    /// Watches describe until the topology's single worker has restarted <paramref name="count"/> times, and returns the
    /// backoff before each restart seen, by restart number, from the worker's own times (a poll that comes late does not
    /// shorten it).
    /// </summary>
    private static async Task<IReadOnlyDictionary<int, TimeSpan>> Backoffs(EngineCluster cluster, string topology, int count)
    {
        var backoffs = new SortedDictionary<int, TimeSpan>();
        await Eventually.True(() =>
        {
            var worker = Describe(cluster, topology).Workers.Single();
            if (worker is { Restarts: > 0, LastFailureAt: { } failed, StartedAt: { } started } && started > failed)
            {
                backoffs.TryAdd(worker.Restarts, started - failed);
            }

            return backoffs.Count >= count;
        }, $"{topology} restarting {count} times", Patience);
        return backoffs;
    }

    /// <summary>Records the live workers of a topology have completed.</summary>
    private static long Completed(EngineCluster cluster, string topology) => cluster.Workers(topology).Sum(w => w.Counters.Completed);

    /// <summary>The distinct readings (device, time) the legacy API received: a replay after a crash may post one twice.</summary>
    private static int Forwarded(LegacyApiStandIn legacy) =>
        legacy.Received.Select(body => JsonDocument.Parse(body).RootElement)
            .Select(m => (m.GetProperty("device").GetProperty("id").GetInt64(), m.GetProperty("reading").GetProperty("time").GetInt64()))
            .Distinct().Count();

    public Task DisposeAsync() => _stores.DisposeAsync();

    public void Dispose() => _stores.Dispose();
}
