using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using StreamEngine.Abstractions.Deployment;
using StreamEngine.Host.Deployment;
using StreamEngine.Topologies.Metrics;

namespace StreamEngine.Host.Cluster;

/// <summary>
/// Storm's Nimbus as a cluster singleton: keeps the deployed topologies in the journal and makes the cluster run them.
/// Every second it sends each worker that should run a <see cref="RunWorker"/> through Cluster Sharding (which starts
/// it on some node, again on a survivor when its node died), and answers each status of a worker that should not run
/// with a <see cref="StopWorker"/> (deactivated, killed, beyond a lowered parallelism). At its first start it deploys the
/// built-in definitions it is given.
/// </summary>
public sealed class TopologyManager : ReceivePersistentActor, IWithTimers
{
    private static readonly TimeSpan ReconcileEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StatusExpiry = TimeSpan.FromSeconds(5);

    private readonly IActorRef _workers;
    private readonly IReadOnlyList<(string Document, DefinitionFormat Format)> _builtIns;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, Deployed> _deployed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Killing> _killing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (WorkerStatus Status, DateTime At)> _statuses = new(StringComparer.Ordinal);
    private bool _builtInsDeployed;
    private long _revisions;

    public TopologyManager(IActorRef workers, IReadOnlyList<(string Document, DefinitionFormat Format)> builtIns)
    {
        _workers = workers;
        _builtIns = builtIns;
        Recover<TopologyDeployed>(Apply);
        Recover<TopologyActivated>(Apply);
        Recover<TopologyDeactivated>(Apply);
        Recover<TopologyRebalanced>(Apply);
        Recover<TopologyKilled>(Apply);
        Recover<BuiltInsDeployed>(_ => _builtInsDeployed = true);
        Recover<RecoveryCompleted>(_ => OnRecovered());
        Command<ManagerCommand.Deploy>(OnDeploy);
        Command<ManagerCommand.List>(_ => Sender.Tell(Summaries()));
        Command<ManagerCommand.Describe>(OnDescribe);
        Command<ManagerCommand.Activate>(c => Change(c.Name, d => d.Active ? null : new TopologyActivated(c.Name), "is active"));
        Command<ManagerCommand.Deactivate>(c => Change(c.Name, d => d.Active ? new TopologyDeactivated(c.Name) : null, "is inactive"));
        Command<ManagerCommand.Rebalance>(OnRebalance);
        Command<ManagerCommand.Kill>(OnKill);
        Command<WorkerStatus>(OnStatus);
        Command<Reconcile>(_ => OnReconcile());
    }

    public override string PersistenceId => "topology-manager";

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef workers, IReadOnlyList<(string Document, DefinitionFormat Format)> builtIns) =>
        Akka.Actor.Props.Create(() => new TopologyManager(workers, builtIns));

    private void OnRecovered()
    {
        Timers.StartPeriodicTimer(nameof(Reconcile), Reconcile.Instance, ReconcileEvery);
        if (_builtInsDeployed)
        {
            return;
        }

        var events = new List<object>();
        foreach (var (document, format) in _builtIns)
        {
            var result = DefinitionDocuments.Read(document, format);
            if (result.Definition is { } definition && !_deployed.ContainsKey(definition.Name))
            {
                events.Add(new TopologyDeployed(definition.Name, document, format, definition.Parallelism));
            }
            else if (!result.IsValid)
            {
                _log.Error("A built-in topology definition is invalid and was not deployed: {0}", result);
            }
        }

        events.Add(BuiltInsDeployed.Instance);
        PersistAll(events, e =>
        {
            if (e is TopologyDeployed deployed)
            {
                Apply(deployed);
            }
            else
            {
                _builtInsDeployed = true;
            }
        });
    }

    private void OnDeploy(ManagerCommand.Deploy deploy)
    {
        var result = DefinitionDocuments.Read(deploy.Document, deploy.Format);
        if (result.Definition is not { } definition)
        {
            Sender.Tell(new ManagerReply(ManagerOutcome.Invalid, result.ToString()));
            return;
        }

        if (_deployed.ContainsKey(definition.Name))
        {
            Sender.Tell(new ManagerReply(ManagerOutcome.Conflict,
                $"Topology '{definition.Name}' is deployed already; kill it first to deploy it anew, or rebalance it to change its parallelism."));
            return;
        }

        if (_killing.ContainsKey(definition.Name))
        {
            Sender.Tell(new ManagerReply(ManagerOutcome.Conflict,
                $"Topology '{definition.Name}' is still draining after its kill; deploy it again once it is gone from the list."));
            return;
        }

        var sender = Sender;
        Persist(new TopologyDeployed(definition.Name, deploy.Document, deploy.Format, definition.Parallelism), e =>
        {
            Apply(e);
            sender.Tell(new ManagerReply(ManagerOutcome.Done,
                $"Topology '{e.Name}' deployed with {e.Parallelism} worker(s), consuming '{definition.Source}' as group '{definition.Group}'."));
            OnReconcile();
        });
    }

    private void OnDescribe(ManagerCommand.Describe describe)
    {
        if (Summary(describe.Name) is not { } summary)
        {
            Sender.Tell(NotFound(describe.Name));
            return;
        }

        var document = _deployed.TryGetValue(describe.Name, out var deployed) ? deployed.Document : _killing[describe.Name].Topology.Document;
        var workers = WorkersOf(describe.Name).OrderBy(w => w.Index).ToList();
        var snapshots = workers.Select(w => w.Metrics).OfType<TopologyMetricsSnapshot>().ToList();
        Sender.Tell(new TopologyDescription(summary, document, workers, snapshots.Count == 0 ? null : TopologyMetricsSnapshot.Merge(snapshots)));
    }

    private void Change(string name, Func<Deployed, object?> change, string already)
    {
        if (!_deployed.TryGetValue(name, out var deployed))
        {
            Sender.Tell(NotFound(name));
            return;
        }

        if (change(deployed) is not { } e)
        {
            Sender.Tell(new ManagerReply(ManagerOutcome.Done, $"Topology '{name}' {already} already."));
            return;
        }

        var sender = Sender;
        Persist(e, persisted =>
        {
            Apply(persisted);
            sender.Tell(new ManagerReply(ManagerOutcome.Done, $"Topology '{name}' {already} now."));
            OnReconcile();
        });
    }

    private void OnRebalance(ManagerCommand.Rebalance rebalance)
    {
        if (rebalance.Parallelism is < TopologyDefinition.MinParallelism or > TopologyDefinition.MaxParallelism)
        {
            Sender.Tell(new ManagerReply(ManagerOutcome.Invalid,
                $"parallelism {rebalance.Parallelism} is out of range; give a whole number from {TopologyDefinition.MinParallelism} to {TopologyDefinition.MaxParallelism}."));
            return;
        }

        Change(rebalance.Name, d => d.Parallelism == rebalance.Parallelism ? null : new TopologyRebalanced(rebalance.Name, rebalance.Parallelism),
            $"runs {rebalance.Parallelism} worker(s)");
    }

    private void OnKill(ManagerCommand.Kill kill)
    {
        if (!_deployed.ContainsKey(kill.Name))
        {
            Sender.Tell(_killing.ContainsKey(kill.Name)
                ? new ManagerReply(ManagerOutcome.Done, $"Topology '{kill.Name}' is being killed already.")
                : NotFound(kill.Name));
            return;
        }

        var sender = Sender;
        Persist(new TopologyKilled(kill.Name), e =>
        {
            var deployed = _deployed[e.Name];
            Apply(e);
            _killing[e.Name] = new Killing(deployed, kill.DrainTimeout);
            sender.Tell(new ManagerReply(ManagerOutcome.Done,
                $"Topology '{e.Name}' is killed: its workers finish and commit what they took (for at most {kill.DrainTimeout.TotalSeconds:0} s), then stop."));
            OnReconcile();
        });
    }

    private void OnStatus(WorkerStatus status)
    {
        var id = WorkerIds.Of(status.Topology, status.Index);
        if (status.State == WorkerState.Stopped)
        {
            _statuses.Remove(id);
            return;
        }

        _statuses[id] = (status, DateTime.UtcNow);
        if (!ShouldRun(status) && !Leaving)
        {
            _workers.Tell(new StopWorker(status.Topology, status.Index, DrainTimeoutOf(status.Topology)));
        }
    }

    private void OnReconcile()
    {
        if (Leaving)
        {
            return;
        }

        var now = DateTime.UtcNow;
        foreach (var (id, _) in _statuses.Where(s => now - s.Value.At > StatusExpiry).ToList())
        {
            _statuses.Remove(id);
        }

        foreach (var name in _killing.Keys.Where(name => !WorkersOf(name).Any()).ToList())
        {
            _killing.Remove(name);
            _log.Info("Topology {0} is killed: its workers stopped", name);
        }

        foreach (var deployed in _deployed.Values.Where(d => d.Active))
        {
            for (var index = 0; index < deployed.Parallelism; index++)
            {
                _workers.Tell(new RunWorker(deployed.Name, index, deployed.Revision, deployed.Document, deployed.Format));
            }
        }
    }

    /// <summary>
    /// Whether this node leaves: its shard region is handing off, and holds any worker message sent to it now in a
    /// buffer that the region's graceful shutdown waits on until its timeout (25 s). A worker started now would hold the
    /// shutdown up too; a draining worker stops with its shard anyway.
    /// </summary>
    private static bool Leaving => CoordinatedShutdown.Get(Context.System).ShutdownReason is not null;

    private bool ShouldRun(WorkerStatus status) =>
        _deployed.TryGetValue(status.Topology, out var deployed)
        && deployed.Active
        && status.Index < deployed.Parallelism
        && status.Revision == deployed.Revision;

    private TimeSpan DrainTimeoutOf(string topology) =>
        _killing.TryGetValue(topology, out var killing) ? killing.DrainTimeout : StopWorker.DefaultDrainTimeout;

    private IEnumerable<WorkerStatus> WorkersOf(string topology) =>
        _statuses.Values.Select(s => s.Status).Where(s => s.Topology == topology);

    /// <summary>A <see cref="List{T}"/>: answers cross nodes, and Akka's JSON serializer cannot rebuild a collection expression's type.</summary>
    private List<TopologySummary> Summaries() =>
        _deployed.Keys.Concat(_killing.Keys).Order(StringComparer.Ordinal).Select(name => Summary(name)!).ToList();

    private TopologySummary? Summary(string name)
    {
        var (deployed, status) = _deployed.TryGetValue(name, out var d)
            ? (d, d.Active ? TopologyStatus.Active : TopologyStatus.Inactive)
            : _killing.TryGetValue(name, out var k) ? (k.Topology, TopologyStatus.Killing) : (null, TopologyStatus.Killing);
        if (deployed is null)
        {
            return null;
        }

        var workers = WorkersOf(name).ToList();
        var definition = DefinitionDocuments.Read(deployed.Document, deployed.Format).Definition!;
        return new TopologySummary(name, definition.Kind, status, deployed.Parallelism,
            workers.Count(w => w.State == WorkerState.Running && w.Revision == deployed.Revision),
            definition.Source, definition.Group, workers.Sum(w => w.Consumed), workers.Sum(w => w.Completed));
    }

    private static ManagerReply NotFound(string name) =>
        new(ManagerOutcome.NotFound, $"No topology '{name}' is deployed; list the deployed ones with GET /api/v1/topologies.");

    private void Apply(TopologyDeployed e) =>
        _deployed[e.Name] = new Deployed(e.Name, e.Document, e.Format, e.Parallelism, true, ++_revisions);

    private void Apply(TopologyActivated e) => _deployed[e.Name] = _deployed[e.Name] with { Active = true };

    private void Apply(TopologyDeactivated e) => _deployed[e.Name] = _deployed[e.Name] with { Active = false };

    private void Apply(TopologyRebalanced e) => _deployed[e.Name] = _deployed[e.Name] with { Parallelism = e.Parallelism };

    private void Apply(TopologyKilled e) => _deployed.Remove(e.Name);

    private void Apply(object e)
    {
        switch (e)
        {
            case TopologyDeployed deployed: Apply(deployed); break;
            case TopologyActivated activated: Apply(activated); break;
            case TopologyDeactivated deactivated: Apply(deactivated); break;
            case TopologyRebalanced rebalanced: Apply(rebalanced); break;
            case TopologyKilled killed: Apply(killed); break;
            default: throw new ArgumentException($"{e.GetType().Name} is not a topology manager event.", nameof(e));
        }
    }

    private sealed record Deployed(string Name, string Document, DefinitionFormat Format, int Parallelism, bool Active, long Revision);

    private sealed record Killing(Deployed Topology, TimeSpan DrainTimeout);

    private sealed class Reconcile
    {
        public static readonly Reconcile Instance = new();
    }
}
