using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Streams;
using StreamEngine.Host.Deployment;
using StreamEngine.Host.Topologies;

namespace StreamEngine.Host.Cluster;

/// <summary>
/// One worker of a topology, a Cluster Sharding entity: runs the topology's stream on this node until told to stop,
/// restarts it with backoff (1 s doubling to 30 s) when it fails, and reports its status to the manager every second.
/// Its stream is materialized in the actor's own context, so it ends with the actor whatever the reason.
/// </summary>
public sealed class TopologyWorker : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan StatusEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly TopologyFactory _factory;
    private readonly IActorRef _manager;
    private readonly string _node;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IMaterializer _materializer;
    private RunWorker? _assignment;
    private TopologyWorkerRun? _run;
    private WorkerState _state = WorkerState.Starting;
    private string? _lastError;
    private DateTime? _lastFailureAt;
    private DateTime? _startedAt;
    private int _restarts;
    private int _attempt;
    private bool _starting;
    private bool _handingOff;
    private DateTime _runningSince;

    public TopologyWorker(TopologyFactory factory, IActorRef manager)
    {
        _factory = factory;
        _manager = manager;
        _node = Akka.Cluster.Cluster.Get(Context.System).SelfAddress.ToString();
        _materializer = Context.Materializer();
        Receive<RunWorker>(OnRun);
        Receive<StopWorker>(OnStop);
        Receive<DrainAndStop>(_ =>
        {
            // Handing off (the node leaves): the shard ignores passivation now and waits for this actor to stop.
            _handingOff = true;
            OnStop(new StopWorker(_assignment?.Topology ?? "", _assignment?.Index ?? 0, StopWorker.DefaultDrainTimeout));
        });
        Receive<Started>(OnStarted);
        Receive<StreamEnded>(OnStreamEnded);
        Receive<Drained>(OnDrained);
        Receive<Retry>(_ => StartRun());
        Receive<ReportStatus>(_ => _manager.Tell(Status()));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(TopologyFactory factory, IActorRef manager) =>
        Akka.Actor.Props.Create(() => new TopologyWorker(factory, manager));

    protected override void PreStart() => Timers.StartPeriodicTimer(nameof(ReportStatus), ReportStatus.Instance, StatusEvery);

    protected override void PostStop()
    {
        if (_run is { } run)
        {
            _ = run.DisposeAsync().AsTask();
        }
    }

    private void OnRun(RunWorker run)
    {
        if (_state == WorkerState.Draining)
        {
            return;
        }

        if (_assignment is null)
        {
            _assignment = run;
            StartRun();
        }
        else if (_assignment.Revision != run.Revision)
        {
            // Redeployed under the same name: finish the old run; the manager's next RunWorker starts the new one.
            Drain(StopWorker.DefaultDrainTimeout);
        }
    }

    private void OnStop(StopWorker stop)
    {
        if (_state != WorkerState.Draining)
        {
            Drain(stop.DrainTimeout);
        }
    }

    private void StartRun()
    {
        if (_assignment is not { } assignment || _state == WorkerState.Draining)
        {
            return;
        }

        _state = WorkerState.Starting;
        _startedAt = DateTime.UtcNow;
        var result = DefinitionDocuments.Read(assignment.Document, assignment.Format);
        if (result.Definition is not { } definition)
        {
            Failed(new InvalidOperationException($"its definition does not read on this node: {result}"));
            return;
        }

        _starting = true;
        var self = Self;
        _factory.Start(definition, assignment.Index, _materializer, CancellationToken.None).PipeTo(self,
            success: run => new Started(run),
            failure: error => new StreamEnded(null, error));
    }

    private void OnStarted(Started started)
    {
        _starting = false;
        _run = started.Run;
        if (_state == WorkerState.Draining)
        {
            Drain(StopWorker.DefaultDrainTimeout);
            return;
        }

        _state = WorkerState.Running;
        _runningSince = DateTime.UtcNow;
        var self = Self;
        var run = started.Run;
        run.Topology.Completion.ContinueWith(
            t => self.Tell(new StreamEnded(run, t.Exception?.GetBaseException())), TaskScheduler.Default);
        _manager.Tell(Status());
    }

    private void OnStreamEnded(StreamEnded ended)
    {
        if (ended.Run is null)
        {
            _starting = false;
        }

        if (_state == WorkerState.Draining)
        {
            if (ended.Run is null)
            {
                Finish();
            }

            return;
        }

        if (ended.Run is not null && !ReferenceEquals(ended.Run, _run))
        {
            return;
        }

        Failed(ended.Error ?? new InvalidOperationException("its stream completed although nobody stopped it (its source ended)"));
    }

    private void Failed(Exception error)
    {
        _lastError = error.Message;
        _lastFailureAt = DateTime.UtcNow;
        _restarts++;
        _state = WorkerState.Restarting;
        if (_run is not null && DateTime.UtcNow - _runningSince > MaxBackoff * 2)
        {
            // It ran well for a while: this failure starts a new series of backoffs.
            _attempt = 0;
        }

        var backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, FirstBackoff.Ticks << Math.Min(_attempt++, 5)));
        _log.Warning(error, "Worker {0} failed; it starts again in {1}", Self.Path.Name, backoff);
        var run = _run;
        _run = null;
        if (run is not null)
        {
            _ = run.DisposeAsync().AsTask();
        }

        Timers.StartSingleTimer(nameof(Retry), Retry.Instance, backoff);
        _manager.Tell(Status());
    }

    private void Drain(TimeSpan timeout)
    {
        _state = WorkerState.Draining;
        Timers.Cancel(nameof(Retry));
        _manager.Tell(Status());
        if (_run is not { } run)
        {
            if (!_starting)
            {
                Finish();
            }

            return;
        }

        var self = Self;
        run.Topology.Drain().WaitAsync(timeout).ContinueWith(t => self.Tell(new Drained(t.Exception?.GetBaseException())), TaskScheduler.Default);
    }

    private void OnDrained(Drained drained)
    {
        if (drained.Error is { } error)
        {
            _log.Warning(
                "Worker {0} did not drain cleanly ({1}); the records it took but did not commit go to the topology's next worker again.",
                Self.Path.Name, error.Message);
        }

        Finish();
    }

    private void Finish()
    {
        _state = WorkerState.Stopped;
        _manager.Tell(Status());
        if (_handingOff)
        {
            Context.Stop(Self);
        }
        else
        {
            Context.Parent.Tell(new Passivate(PoisonPill.Instance));
        }
    }

    private WorkerStatus Status()
    {
        var counters = _run?.Topology.Counters;
        return new WorkerStatus(
            _assignment?.Topology ?? Self.Path.Name,
            _assignment?.Index ?? 0,
            _assignment?.Revision ?? 0,
            _node,
            _state,
            _lastError,
            _lastFailureAt,
            _restarts,
            _startedAt,
            counters?.Consumed ?? 0,
            counters?.Completed ?? 0,
            _run?.Topology.Metrics());
    }

    private sealed record Started(TopologyWorkerRun Run);

    private sealed record StreamEnded(TopologyWorkerRun? Run, Exception? Error);

    private sealed record Drained(Exception? Error);

    private sealed class Retry
    {
        public static readonly Retry Instance = new();
    }

    private sealed class ReportStatus
    {
        public static readonly ReportStatus Instance = new();
    }
}
