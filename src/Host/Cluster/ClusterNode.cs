using System.Globalization;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;
using Akka.Persistence.Sql;
using StreamEngine.Host.Deployment;
using StreamEngine.Host.Topologies;

namespace StreamEngine.Host.Cluster;

/// <summary>
/// One node of the engine's Akka.Cluster: it joins the seed nodes (or forms a cluster of its own), hosts topology
/// workers as Cluster Sharding entities, and takes part in the topology manager singleton, which keeps the deployed
/// set in Akka.Persistence.Sql. Commands for the manager go through <see cref="Ask"/> from any node.
/// </summary>
public sealed class ClusterNode : ITopologyManagerClient, IAsyncDisposable
{
    private const string WorkerTypeName = "topology-worker";
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(15);

    private ClusterNode(ActorSystem system, IActorRef manager)
    {
        System = system;
        Manager = manager;
    }

    public ActorSystem System { get; }

    /// <summary>A proxy to the manager singleton, wherever it runs.</summary>
    public IActorRef Manager { get; }

    /// <summary>This node's address, as workers report it.</summary>
    public string Address => Akka.Cluster.Cluster.Get(System).SelfAddress.ToString();

    /// <summary>
    /// Starts the node: the actor system with cluster, remoting and persistence configured from
    /// <paramref name="settings"/>, the worker shard region and the manager singleton with its proxy, and the trim of
    /// the native memory the node frees (<see cref="ClusterSettings.NativeMemoryTrim"/>), until the system stops.
    /// </summary>
    /// <exception cref="ArgumentException">The journal's provider is not supported or its connection string is empty.</exception>
    public static ClusterNode Start(ClusterSettings settings, TopologyFactory factory, IReadOnlyList<(string Document, DefinitionFormat Format)> builtIns)
    {
        JournalProviders.Check(settings);
        var system = ActorSystem.Create(settings.Name, Config(settings));
        var cluster = Akka.Cluster.Cluster.Get(system);
        var managerProxy = system.ActorOf(
            ClusterSingletonProxy.Props("/user/topology-manager", ClusterSingletonProxySettings.Create(system)), "topology-manager-proxy");
        var workers = ClusterSharding.Get(system).Start(
            WorkerTypeName,
            _ => TopologyWorker.Props(factory, managerProxy),
            ClusterShardingSettings.Create(system),
            new WorkerMessageExtractor(),
            ShardAllocationStrategy.LeastShardAllocationStrategy(absoluteLimit: 20, relativeLimit: 1.0),
            handOffStopMessage: DrainAndStop.Instance);
        system.ActorOf(
            ClusterSingletonManager.Props(
                TopologyManager.Props(workers, builtIns), PoisonPill.Instance, ClusterSingletonManagerSettings.Create(system)),
            "topology-manager");
        if (settings.SeedNodes.Count == 0)
        {
            cluster.Join(cluster.SelfAddress);
        }

        if (NativeMemoryTrimmer.Start(settings.NativeMemoryTrim) is { } trimmer)
        {
            system.RegisterOnTermination(trimmer.Dispose);
        }

        return new ClusterNode(system, managerProxy);
    }

    /// <inheritdoc/>
    public Task<object> Ask(ManagerCommand command, CancellationToken cancellation = default) =>
        Manager.Ask<object>(command, AskTimeout, cancellation);

    /// <summary>Leaves the cluster gracefully: this node's workers drain and start on the others; then the system stops.</summary>
    public async ValueTask DisposeAsync() =>
        await CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ClrExitReason.Instance).ConfigureAwait(false);

    private static Config Config(ClusterSettings settings)
    {
        var seeds = string.Join(", ", settings.SeedNodes.Select(seed => Quote($"akka.tcp://{settings.Name}@{seed}")));
        var hocon = $$"""
            akka {
              loglevel = WARNING
              actor.provider = cluster
              remote.dot-netty.tcp {
                hostname = {{Quote(settings.Hostname)}}
                port = {{settings.Port.ToString(CultureInfo.InvariantCulture)}}
              }
              cluster {
                seed-nodes = [{{seeds}}]
                downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
                split-brain-resolver {
                  active-strategy = keep-majority
                  stable-after = {{Seconds(settings.DownAfter)}}
                }
                failure-detector {
                  heartbeat-interval = 1s
                  acceptable-heartbeat-pause = {{Seconds(settings.FailureDetection)}}
                }
                sharding.passivate-idle-entity-after = off
                # Akka.NET's proxy fires this warning's timer at once, so every start printed "failed to find an
                # associated singleton ... after 30 seconds" within a second. A manager that cannot be reached shows
                # as the API's and the CLI's own error when they ask it.
                singleton-proxy.log-singleton-identification-failure = off
              }
              coordinated-shutdown {
                exit-clr = off
                # Leaving is DisposeAsync's job; a system terminated otherwise drops out as a crashed node would.
                run-by-actor-system-terminate = off
                # Leaving workers drain (StopWorker.DefaultDrainTimeout, 20 s) before their shards hand off.
                phases.cluster-sharding-shutdown-region.timeout = 25s
              }
              persistence {
                journal {
                  plugin = "akka.persistence.journal.sql"
                  sql {
                    connection-string = {{Quote(settings.JournalConnectionString)}}
                    provider-name = {{Quote(settings.JournalProvider)}}
                    auto-initialize = on
                  }
                }
                snapshot-store {
                  plugin = "akka.persistence.snapshot-store.sql"
                  sql {
                    connection-string = {{Quote(settings.JournalConnectionString)}}
                    provider-name = {{Quote(settings.JournalProvider)}}
                    auto-initialize = on
                  }
                }
              }
            }
            """;
        return ConfigurationFactory.ParseString(hocon)
            .WithFallback(ClusterSharding.DefaultConfig())
            .WithFallback(ClusterSingleton.DefaultConfig())
            .WithFallback(SqlPersistence.DefaultConfiguration);
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string Seconds(TimeSpan time) => FormattableString.Invariant($"{time.TotalMilliseconds:0}ms");
}
